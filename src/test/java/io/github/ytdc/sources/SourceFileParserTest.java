package io.github.ytdc.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sources.SourceImporter.ImportSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileParserTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private final SourceFileParser parser = new SourceFileParser();

    private ParsedSources parse(String fileName, String content) {
        return parser.parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> urls(ParsedSources parsed) {
        return parsed.accepted().stream().map(e -> e.url().url()).toList();
    }

    private static List<Integer> lines(ParsedSources parsed) {
        return parsed.accepted().stream().map(SourceEntry::line).toList();
    }

    @Nested
    class Txt {
        @Test
        void fields_after_the_url_become_accent_and_type_and_comments_and_blank_lines_are_skipped() {
            ParsedSources parsed = parse("sources.txt", """
                    # channels for the accent corpus
                    @speakerone|british|podcast

                      https://www.youtube.com/playlist?list=PLabcdefghijk | american | lecture \s
                    youtu.be/dQw4w9WgXcQ
                    """);
            assertEquals(SourceFormat.TXT, parsed.format());
            assertEquals(List.of("https://www.youtube.com/@speakerone",
                    "https://www.youtube.com/playlist?list=PLabcdefghijk",
                    "https://www.youtube.com/watch?v=dQw4w9WgXcQ"), urls(parsed));
            assertEquals(List.of(2, 4, 5), lines(parsed));
            assertEquals(Map.of("Accent", "british", "Type", "podcast"), parsed.accepted().get(0).columns());
            assertEquals(Map.of("Accent", "american", "Type", "lecture"), parsed.accepted().get(1).columns());
            assertEquals(Map.of(), parsed.accepted().get(2).columns());
            assertEquals(List.of(), parsed.rejected());
        }

        @Test
        void blank_fields_are_left_out_and_fields_beyond_the_known_columns_are_named_by_position() {
            ParsedSources parsed = parse("s.txt", "@speakerone||podcast|extra1|extra2\n");
            assertEquals(List.of("Type", "Field4", "Field5"), List.copyOf(parsed.accepted().get(0).columns().keySet()));
            assertEquals("extra2", parsed.accepted().get(0).columns().get("Field5"));
        }

        @Test
        void a_first_line_starting_with_url_names_the_columns() {
            ParsedSources parsed = parse("s.txt", """
                    URL|Name|Gender|Accent
                    @speakerone|Ann|f|scottish
                    """);
            assertEquals(Map.of("Name", "Ann", "Gender", "f", "Accent", "scottish"), parsed.accepted().get(0).columns());
            assertEquals(2, parsed.accepted().get(0).line());
        }

        @Test
        void columns_can_be_configured_for_the_python_tools_longer_format() {
            SourceFileParser python = new SourceFileParser(List.of("Name", "Gender", "Accent", "ContentType", "Type", "MultispeakerPercentage"));
            ParsedSources parsed = python.parse(SourceFormat.TXT, "@speakerone|Ann|f|irish|talk|podcast|10\n");
            assertEquals("10", parsed.accepted().get(0).columns().get("MultispeakerPercentage"));
            assertEquals("irish", parsed.accepted().get(0).columns().get("Accent"));
        }

        @Test
        void bad_lines_are_rejected_with_their_number_and_the_rest_goes_in() {
            ParsedSources parsed = parse("s.txt", """
                    @speakerone|british|podcast
                    ftp://example.org/x|a|b
                    |british|podcast
                    https://www.youtube.com/watch?v=tooshort
                    @speakertwo
                    """);
            assertEquals(List.of("https://www.youtube.com/@speakerone", "https://www.youtube.com/@speakertwo"), urls(parsed));
            assertEquals(List.of(2, 3, 4), parsed.rejected().stream().map(RejectedLine::line).toList());
            assertTrue(parsed.rejected().get(0).reason().contains("unsupported scheme 'ftp:'"));
            assertEquals("empty URL", parsed.rejected().get(1).reason());
            assertTrue(parsed.rejected().get(2).reason().contains("not a YouTube video id"));
        }

        @Test
        void the_same_source_written_twice_is_kept_once_and_the_repeat_reported() {
            ParsedSources parsed = parse("s.txt", """
                    @speakerone|british|podcast
                    https://m.youtube.com/@SpeakerOne?si=1|other|other
                    @speakerone
                    """);
            assertEquals(1, parsed.accepted().size());
            assertEquals("british", parsed.accepted().get(0).columns().get("Accent"), "the first occurrence wins");
            assertEquals(List.of(2, 3), parsed.duplicates().stream().map(DuplicateLine::line).toList());
            assertEquals("duplicate of line 1", parsed.duplicates().get(0).reason());
        }

        @Test
        void crlf_cr_and_a_byte_order_mark_are_read_like_plain_lf() {
            byte[] body = "@speakerone|british|podcast\r\n\r\n@speakertwo|american|talk\r@speakerthree\r\n".getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[BOM.length + body.length];
            System.arraycopy(BOM, 0, withBom, 0, BOM.length);
            System.arraycopy(body, 0, withBom, BOM.length, body.length);
            ParsedSources parsed = parser.parse("s.txt", withBom);
            assertEquals(List.of(1, 3, 4), lines(parsed));
            assertEquals("https://www.youtube.com/@speakerone", parsed.accepted().get(0).url().url(), "BOM not part of the URL");
            assertEquals("talk", parsed.accepted().get(1).columns().get("Type"), "no stray CR in the last field");
        }

        @Test
        void an_empty_file_or_one_with_only_comments_has_nothing_to_import() {
            for (String content : List.of("", "\n\n", "# nothing yet\n")) {
                ParsedSources parsed = parse("s.txt", content);
                assertEquals(List.of(), parsed.accepted());
                assertEquals(List.of(), parsed.rejected());
            }
        }
    }

    @Nested
    class Csv {
        @Test
        void the_url_column_is_found_by_name_and_every_other_column_is_kept() {
            ParsedSources parsed = parse("sources.csv", """
                    Name,channel_url,Accent
                    Ann,@speakerone,british
                    Bob,https://youtu.be/dQw4w9WgXcQ,
                    """);
            assertEquals(SourceFormat.CSV, parsed.format());
            assertEquals(List.of("https://www.youtube.com/@speakerone", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"), urls(parsed));
            assertEquals(List.of(2, 3), lines(parsed));
            assertEquals(Map.of("Name", "Ann", "Accent", "british"), parsed.accepted().get(0).columns());
            assertEquals(Map.of("Name", "Bob"), parsed.accepted().get(1).columns());
        }

        @Test
        void quoted_fields_hold_commas_doubled_quotes_and_line_breaks_and_later_line_numbers_stay_right() {
            ParsedSources parsed = parse("s.csv", "URL,Name,Notes\r\n"
                    + "\"@speakerone\",\"Smith, Ann\",\"said \"\"hi\"\"\"\r\n"
                    + "@speakertwo,Bob,\"two\r\nline\nnote\"\r\n"
                    + "bad url,Carl,x\r\n");
            assertEquals(Map.of("Name", "Smith, Ann", "Notes", "said \"hi\""), parsed.accepted().get(0).columns());
            assertEquals("two\r\nline\nnote", parsed.accepted().get(1).columns().get("Notes"));
            assertEquals(List.of(2, 3), lines(parsed));
            assertEquals(6, parsed.rejected().get(0).line());
        }

        @Test
        void semicolon_and_tab_separated_files_are_recognised_from_the_header() {
            assertEquals(Map.of("Accent", "french"),
                    parse("s.csv", "url;Accent\n@speakerone;french\n").accepted().get(0).columns());
            assertEquals(Map.of("Accent", "welsh"),
                    parse("s.tsv", "Accent\turl\nwelsh\t@speakerone\n").accepted().get(0).columns());
        }

        @Test
        void a_missing_url_cell_or_a_malformed_row_is_rejected_and_the_rest_goes_in() {
            ParsedSources parsed = parse("s.csv", """
                    url,Accent
                    ,british
                    "@speakerone"junk,x
                    @speakertwo,american
                    "@speakerthree,never closed
                    """);
            assertEquals(List.of("https://www.youtube.com/@speakertwo"), urls(parsed));
            assertEquals(List.of(2, 3, 5), parsed.rejected().stream().map(RejectedLine::line).toList());
            assertEquals("empty URL", parsed.rejected().get(0).reason());
            assertEquals("line 3, column 14: unexpected text 'junk' after a closing quote (a quote inside a quoted "
                    + "field is written twice: \"\")", parsed.rejected().get(1).toString());
            assertEquals("line 5, column 1: unterminated quoted field: its closing quote is missing (it runs to the "
                    + "end of the file)", parsed.rejected().get(2).toString());
        }

        @Test
        void a_header_without_a_url_column_fails_the_file_with_the_columns_it_has() {
            SourceFileException e = assertThrows(SourceFileException.class, () -> parse("s.csv", "link,Accent\n@a,b\n"));
            assertEquals("the CSV header has no 'url' or 'channel_url' column (it has: link, Accent); name the column holding the URLs 'url'",
                    e.getMessage());
        }

        @Test
        void extra_cells_beyond_the_header_are_named_by_position_and_duplicates_are_reported() {
            ParsedSources parsed = parse("s.csv", "url\n@speakerone,x\n@SPEAKERONE\n");
            assertEquals(Map.of("Field2", "x"), parsed.accepted().get(0).columns());
            assertEquals("duplicate of line 2", parsed.duplicates().get(0).reason());
        }

        @Test
        void a_header_only_or_empty_csv_has_nothing_to_import() {
            assertEquals(List.of(), parse("s.csv", "url,Accent\r\n").accepted());
            assertEquals(List.of(), parse("s.csv", "").accepted());
        }
    }

    @Nested
    class Json {
        @Test
        void a_channels_list_of_strings_and_objects_keeps_other_fields_with_line_numbers() {
            ParsedSources parsed = parse("sources.json", """
                    {
                      "version": 2,
                      "channels": [
                        "@speakerone",
                        {"url": "https://youtu.be/dQw4w9WgXcQ", "Accent": "british", "Speakers": 2, "Tags": ["a"], "Empty": null},
                        {
                          "channel_url": "@speakertwo"
                        }
                      ]
                    }
                    """);
            assertEquals(SourceFormat.JSON, parsed.format());
            assertEquals(List.of(4, 5, 6), lines(parsed));
            assertEquals(Map.of("Accent", "british", "Speakers", "2", "Tags", "[\"a\"]"), parsed.accepted().get(1).columns());
            assertEquals("https://www.youtube.com/@speakertwo", parsed.accepted().get(2).url().url());
        }

        @Test
        void a_top_level_list_of_objects_is_read_and_bad_entries_are_rejected() {
            ParsedSources parsed = parse("s.json", """
                    [
                      {"url": "@speakerone", "Type": "talk"},
                      {"name": "no url here"},
                      42,
                      {"url": "javascript:alert(1)"},
                      {"URL": "@speakerone"}
                    ]
                    """);
            assertEquals(1, parsed.accepted().size());
            assertEquals(List.of(3, 4, 5), parsed.rejected().stream().map(RejectedLine::line).toList());
            assertTrue(parsed.rejected().get(0).reason().startsWith("the object has no \"url\" text"));
            assertEquals("expected a URL string or an object with a \"url\", found number", parsed.rejected().get(1).reason());
            assertEquals(6, parsed.duplicates().get(0).line());
        }

        @Test
        void malformed_json_fails_the_file_with_its_position() {
            SourceFileException e = assertThrows(SourceFileException.class,
                    () -> parse("s.json", "{\"channels\": [\n  \"@speakerone\",\n  oops\n]}"));
            assertTrue(e.getMessage().startsWith("the JSON is malformed at line 3"), e.getMessage());
        }

        @Test
        void an_object_without_a_channels_list_fails_the_file() {
            SourceFileException e = assertThrows(SourceFileException.class, () -> parse("s.json", "{\"urls\": []}"));
            assertTrue(e.getMessage().contains("no \"channels\" list"), e.getMessage());
        }

        @Test
        void an_empty_channels_list_has_nothing_to_import() {
            assertEquals(List.of(), parse("s.json", "{\"channels\": []}").accepted());
        }
    }

    @Nested
    class FormatsAndFiles {
        @Test
        void an_unknown_extension_is_sniffed_from_the_content() {
            assertEquals(SourceFormat.JSON, parse("sources", " \n[\"@speakerone\"]").format());
            assertEquals(SourceFormat.CSV, parse("sources.dat", "# exported\n\"url\",\"Accent\"\n@speakerone,x\n").format());
            assertEquals(SourceFormat.TXT, parse("sources.dat", "url|Accent\n@speakerone|x\n").format());
            assertEquals(SourceFormat.TXT, parse("sources", "@speakerone|british\n").format());
        }

        @Test
        void text_that_is_not_utf8_fails_the_file_naming_the_line() {
            byte[] latin1 = "@speakerone\n@caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            SourceFileException e = assertThrows(SourceFileException.class, () -> parser.parse("s.txt", latin1));
            assertEquals("sources file s.txt is not UTF-8 text (line 2); save it as UTF-8", e.getMessage());
        }

        @Test
        void utf16_with_a_byte_order_mark_as_excel_writes_it_is_read() {
            byte[] body = "url\tAccent\r\n@speakerone\tbritish\r\n".getBytes(StandardCharsets.UTF_16LE);
            byte[] withBom = new byte[body.length + 2];
            withBom[0] = (byte) 0xFF;
            withBom[1] = (byte) 0xFE;
            System.arraycopy(body, 0, withBom, 2, body.length);
            assertEquals(Map.of("Accent", "british"), parser.parse("s.csv", withBom).accepted().get(0).columns());
        }

        @Test
        void a_binary_file_fails_the_file() {
            SourceFileException e = assertThrows(SourceFileException.class, () -> parser.parse("s.bin", new byte[] {1, 0, 2, 0}));
            assertEquals("sources file s.bin is a binary file, not text; ytdc imports text (.txt), CSV (.csv) and "
                    + "JSON (.json) files", e.getMessage());
        }

        @Test
        void a_file_on_disk_is_read_and_a_missing_one_or_a_folder_fails_clearly(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("sources.txt");
            Files.writeString(file, "@speakerone|british|podcast\n");
            assertEquals(1, parser.parse(file).accepted().size());

            Path missing = dir.resolve("nope.txt");
            assertEquals("sources file " + missing + " does not exist",
                    assertThrows(SourceFileException.class, () -> parser.parse(missing)).getMessage());
            assertTrue(assertThrows(SourceFileException.class, () -> parser.parse(dir)).getMessage().endsWith("it is a folder"));
        }
    }

    @Nested
    class AgainstTheSheet {
        @Test
        void sources_already_in_the_sheet_are_moved_to_duplicates_whatever_their_spelling_there() {
            ParsedSources parsed = parse("s.txt", "@speakerone\n@speakertwo\nnot a url\n@speakertwo\n")
                    .excluding(List.of("https://www.youtube.com/@SpeakerOne", "garbage someone typed"));
            assertEquals(List.of("https://www.youtube.com/@speakertwo"), urls(parsed));
            assertEquals(List.of(1, 4), parsed.duplicates().stream().map(DuplicateLine::line).toList());
            assertEquals("already in the sheet", parsed.duplicates().get(0).reason());
            assertEquals(1, parsed.rejected().size());
        }
    }

    @Nested
    class Summary {
        @Test
        void the_summary_reads_as_one_line_with_each_rejected_line() {
            ParsedSources parsed = parse("s.txt", "@speakerone\n@speakerone\nftp://x.org/a\n@speakertwo\n\n\nfoo\n");
            assertEquals("added 2, skipped 1 duplicate, rejected 2: line 3: unsupported scheme 'ftp:' in 'ftp://x.org/a'; "
                    + "a source must be an http(s) URL, line 7: 'foo' is not a URL; expected an http(s) URL, a host name "
                    + "such as youtube.com/@name, or an @handle", ImportSummary.of(parsed).render());
        }

        @Test
        void a_long_list_of_rejections_is_cut_short() {
            List<RejectedLine> rejected = java.util.stream.IntStream.rangeClosed(1, 13)
                    .mapToObj(i -> new RejectedLine(i, "bad")).toList();
            String text = new ImportSummary(0, 0, rejected).render();
            assertTrue(text.startsWith("added 0, skipped 0 duplicates, rejected 13: line 1: bad, "), text);
            assertTrue(text.endsWith("line 10: bad, and 3 more"), text);
        }

        @Test
        void a_clean_import_says_so_briefly() {
            ImportSummary summary = new ImportSummary(12, 3, List.of());
            assertEquals("added 12, skipped 3 duplicates, rejected 0", summary.render());
            assertEquals(false, summary.hasRejections());
        }
    }
}
