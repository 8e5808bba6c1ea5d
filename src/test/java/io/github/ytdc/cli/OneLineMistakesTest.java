package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mistake a person makes on the command line or in a file is answered with one line saying what to fix. */
class OneLineMistakesTest {
    @TempDir
    Path dir;

    private LocalSheet sheet() {
        return LocalSheet.prepared(dir.resolve("sheet"));
    }

    private static void assertOneLine(Cli r) {
        assertEquals(1, r.err.lines().count(), r.toString());
        assertEquals("", r.out, r.toString());
    }

    @Test
    void a_bad_number_is_one_line_naming_the_option_and_the_value_not_the_whole_usage() {
        Cli r = Cli.run("agent", "--concurrency", "abc");

        assertEquals(2, r.exitCode, r.toString());
        assertOneLine(r);
        assertEquals("ytdc agent: Invalid value for option '--concurrency': 'abc' is not a whole number "
                + "(see 'ytdc agent --help')\n", r.err);
    }

    /** Values picocli takes as text and ytdc parses: the line names the option and the value, and points at help. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "agent --simulate --heartbeat 5x | ytdc: --heartbeat: not a duration: '5x'; use forms like 500ms, 30s, 10m, 2h "
                + "(see 'ytdc agent --help')",
        "agent --simulate --min-free-disk lots | ytdc: --min-free-disk: not a size: 'lots'; use forms like 500M, 1G, "
                + "5GB (see 'ytdc agent --help')",
        "agent --channel beta | ytdc: --channel: unknown channel 'beta'; use stable or nightly (see 'ytdc agent "
                + "--help')",
        "agent --deno-source pip | ytdc: --deno-source: unknown deno source 'pip'; use auto, release, npm or none "
                + "(see 'ytdc agent --help')",
        "agent --sleep-requests lots | ytdc: --sleep-requests: not a number of seconds: 'lots' (see 'ytdc agent "
                + "--help')",
        "status --color purple | ytdc: --color must be auto, always or never, not 'purple' (see 'ytdc status --help')",
        "status --watch 0 | ytdc: --watch: not a duration: '0'; use forms like 500ms, 30s, 10m, 2h (see 'ytdc status "
                + "--help')",
        "requeue --stalled --stall-timeout abc | ytdc: --stall-timeout: not a duration: 'abc'; use forms like 500ms, "
                + "30s, 10m, 2h (see 'ytdc requeue --help')",
        "requeue --kind playlist | ytdc: --kind must be 'video' or 'source', not 'playlist' (see 'ytdc requeue "
                + "--help')",
        "doctor --min-free-disk lots | ytdc: --min-free-disk: not a size: 'lots'; use forms like 500M, 1G, 5GB (see "
                + "'ytdc doctor --help')",
        "status --spreadsheet s --endpoint localhost:8089 | ytdc: --endpoint localhost:8089: expected the Sheets API's "
                + "root URL, e.g. http://127.0.0.1:8089/ for the emulator (see 'ytdc status --help')",
    })
    void a_bad_value_is_one_line_naming_option_and_value_and_where_the_help_is(String command, String line) {
        Path typo = dir.resolve("not-created");
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--local", typo.toString()));
        if (command.startsWith("agent")) {
            args.addAll(List.of("--tools-dir", dir.resolve("tools").toString())); // were tools installed first
        }

        Cli r = Cli.run(args.toArray(String[]::new));

        assertEquals(1, r.exitCode, r.toString());
        assertEquals(line + "\n", r.err, r.toString());
        assertEquals("", r.out, r.toString());
        assertFalse(Files.exists(typo) || Files.exists(dir.resolve("tools")), "refused before anything was opened");
    }

    @Test
    void a_value_picocli_cannot_convert_has_no_java_class_names() {
        Cli r = Cli.run("status", "--endpoint", "ht tp://x", "--spreadsheet", "s");

        assertEquals(2, r.exitCode, r.toString());
        assertEquals("ytdc status: Invalid value for option '--endpoint': cannot convert 'ht tp://x' to a URL (Illegal "
                + "character in scheme name at index 2: ht tp://x) (see 'ytdc status --help')\n", r.err);
    }

    @Test
    void empty_connection_variables_keep_local_mode() {
        Path typo = dir.resolve("ytdc-dta");

        // YTDC_ENDPOINT= and YTDC_CREDENTIALS= in an env file arrive as empty values
        Cli r = Cli.run("status", "--endpoint", "", "--credentials", "", "--local", typo.toString());

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("ytdc: No local spreadsheet in " + typo.toAbsolutePath()), r.toString());
    }

    @Test
    void a_field_without_a_value_says_option_once() {
        Cli r = Cli.run("sources", "add", "@someone", "--field", "Accent", "--local", sheet().local());

        assertEquals(2, r.exitCode, r.toString());
        assertOneLine(r);
        assertTrue(r.err.startsWith("ytdc sources add: Value for option '--field' (NAME=VALUE) should be in "
                + "KEY=VALUE format but was Accent"), r.err);
    }

    @Test
    void a_mistyped_option_gets_one_line_with_a_suggestion() {
        Cli r = Cli.run("status", "--jsn", "--local", sheet().local());

        assertEquals(2, r.exitCode, r.toString());
        assertOneLine(r);
        assertTrue(r.err.startsWith("ytdc status: Unknown option: '--jsn'; did you mean --json?"), r.err);
    }

    @Test
    void a_field_on_a_column_ytdc_owns_is_refused_and_nothing_is_added() {
        LocalSheet s = sheet();

        Cli status = Cli.run("sources", "add", "@someone", "--field", "Status=done", "--local", s.local());
        Cli id = Cli.run("sources", "add", "@someone", "--field", "id=abc", "--local", s.local());

        assertEquals(2, status.exitCode, status.toString());
        assertOneLine(status);
        assertTrue(status.err.contains("--field Status=done: ytdc writes the Status column itself"), status.err);
        assertEquals(2, id.exitCode, id.toString());
        assertTrue(id.err.contains("--field id=abc: ytdc writes the id column itself"), id.err);
        assertTrue(s.find(LocalSheet.T.sources(), "someone").isEmpty());
        assertTrue(rows(s).isEmpty(), "nothing added");
    }

    @Test
    void max_videos_and_resync_are_settings_a_person_may_give_with_field() {
        LocalSheet s = sheet();

        Cli r = Cli.run("sources", "add", "@someone", "--field", "MaxVideos=5", "--field", "Resync=1d",
                "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertEquals("5", rows(s).get(0).get("MaxVideos"));
        assertEquals("1d", rows(s).get(0).get("Resync"));
    }

    @Test
    void columns_ytdc_writes_are_left_out_of_an_imported_file_and_said_so() throws IOException {
        Path file = dir.resolve("sources.csv");
        Files.writeString(file, "url,Status,ClaimedBy,ClaimToken,Accent,MaxVideos\n"
                + "https://www.youtube.com/@one,done,agent-1,tok,british,5\n");
        LocalSheet s = sheet();

        Cli r = Cli.run("sources", "import", file.toString(), "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertEquals(file + ": added 1, skipped 0 duplicates, rejected 0\n" + file + ": left out the columns ClaimedBy, "
                + "ClaimToken, Status: ytdc writes them itself\n", r.out);
        WorkRow row = rows(s).get(0);
        assertEquals("pending", row.get("Status"));
        assertEquals("", row.get("ClaimedBy"), "no claim copied from the file");
        assertEquals("", row.get("ClaimToken"));
        assertEquals("british", row.get("Accent"));
        assertEquals("5", row.get("MaxVideos"));
    }

    @Test
    void a_video_link_in_a_playlist_inside_a_file_says_what_was_taken_and_offers_the_playlist() throws IOException {
        Path file = dir.resolve("sources.txt");
        Files.writeString(file, "# mine\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLabcdefghijkl|british\n");
        LocalSheet s = sheet();

        Cli r = Cli.run("sources", "import", file.toString(), "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertEquals(file + ": added 1, skipped 0 duplicates, rejected 0\n" + file + ": line 2: the link also names "
                + "playlist PLabcdefghijkl; only the video was taken. For the whole playlist: ytdc sources add "
                + "'https://www.youtube.com/playlist?list=PLabcdefghijkl'\n", r.out);
        assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ", rows(s).get(0).get("URL"));
    }

    @Test
    void a_truncated_json_file_is_named_with_line_and_column_and_no_parser_internals() throws IOException {
        Path file = dir.resolve("sources.json");
        Files.writeString(file, "{\"channels\": [\n  \"https://www.youtube.com/@one\",\n");

        Cli r = Cli.run("sources", "import", file.toString(), "--local", sheet().local());

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("ytdc: " + file + ": the JSON is malformed at line 3, column 1: the file ends before the list "
                + "is closed with ']'\n", r.err);
        assertFalse(r.err.contains("Source") || r.err.contains("REDACTED") || r.err.contains("marker"), r.err);
    }

    @Test
    void a_stray_character_in_json_is_named_plainly() throws IOException {
        Path file = dir.resolve("sources.json");
        Files.writeString(file, "[\"https://www.youtube.com/@one\" \"https://www.youtube.com/@two\"]");

        Cli r = Cli.run("sources", "import", file.toString(), "--local", sheet().local());

        assertEquals(1, r.exitCode, r.toString());
        assertOneLine(r);
        assertTrue(r.err.contains("at line 1, column 33: unexpected '\"': expected ',' between list entries"), r.err);
        assertFalse(r.err.contains("code 34"), r.err);
    }

    @Test
    void an_excel_workbook_is_refused_with_what_to_do_instead_of_read_as_text() throws IOException {
        Path file = dir.resolve("channels.xlsx");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, '[', 'C', 'o', 'n'});
        Path renamed = dir.resolve("channels");
        Files.copy(file, renamed);
        LocalSheet s = sheet();

        Cli byName = Cli.run("sources", "import", file.toString(), "--local", s.local());
        Cli byContent = Cli.run("sources", "import", renamed.toString(), "--local", s.local());

        assertEquals(1, byName.exitCode, byName.toString());
        assertOneLine(byName);
        assertEquals("ytdc: sources file channels.xlsx is an Excel workbook; ytdc imports text (.txt), CSV (.csv) and "
                + "JSON (.json) files: save the sheet as \"CSV UTF-8\" and import that\n", byName.err);
        assertEquals(1, byContent.exitCode, byContent.toString());
        assertTrue(byContent.err.contains("is a zip archive (an Excel or OpenDocument file?)"), byContent.err);
        assertTrue(rows(s).isEmpty());
    }

    @Test
    void a_malformed_csv_row_is_named_with_line_and_column_and_the_good_rows_go_in() throws IOException {
        Path file = dir.resolve("sources.csv");
        Files.writeString(file, "url,Note\r\n@speakerone,\"two\r\nlines\"x\r\n@speakertwo,ok\r\n\"@speakerthree,open\r\n");
        LocalSheet s = sheet();

        Cli r = Cli.run("sources", "import", file.toString(), "--local", s.local());

        assertEquals(1, r.exitCode, r.toString());
        assertEquals(file + ": added 1, skipped 0 duplicates, rejected 2: line 3, column 7: unexpected text 'x' after a "
                + "closing quote (a quote inside a quoted field is written twice: \"\"), line 5, column 1: "
                + "unterminated quoted field: its closing quote is missing (it runs to the end of the file)\n", r.out);
        assertEquals(List.of("https://www.youtube.com/@speakertwo"), rows(s).stream().map(w -> w.get("URL")).toList());
    }

    @Test
    void a_binary_file_is_refused_with_the_formats_ytdc_reads() throws IOException {
        Path program = dir.resolve("sources.txt");
        Files.write(program, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, (byte) 0xC3, 0x28, 0, 0});
        Path pdf = dir.resolve("channels.pdf");
        Files.writeString(pdf, "%PDF-1.7\n");
        LocalSheet s = sheet();

        Cli binary = Cli.run("sources", "import", program.toString(), "--local", s.local());
        Cli document = Cli.run("sources", "import", pdf.toString(), "--local", s.local());

        assertEquals(1, binary.exitCode, binary.toString());
        assertEquals("ytdc: sources file sources.txt is a binary file, not text; ytdc imports text (.txt), CSV (.csv) "
                + "and JSON (.json) files\n", binary.err);
        assertEquals(1, document.exitCode, document.toString());
        assertEquals("ytdc: sources file channels.pdf is a PDF; ytdc imports text (.txt), CSV (.csv) and JSON (.json) "
                + "files\n", document.err, "no advice about saving a sheet for a document");
        assertTrue(rows(s).isEmpty());
    }

    @Test
    void a_video_link_inside_a_playlist_says_what_was_taken_and_offers_the_playlist() {
        LocalSheet s = sheet();

        Cli r = Cli.run("sources", "add", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLabcdefghijkl&index=3",
                "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Added https://www.youtube.com/watch?v=dQw4w9WgXcQ (video) as row 2"), r.out);
        assertTrue(r.out.contains("The link also names playlist PLabcdefghijkl; only the video was taken. For the whole "
                + "playlist: ytdc sources add 'https://www.youtube.com/playlist?list=PLabcdefghijkl'"), r.out);
        assertEquals(1, rows(s).size());
    }

    private static List<WorkRow> rows(LocalSheet s) {
        try (var port = io.github.ytdc.sheets.local.LocalSpreadsheetPort.open(s.dir, false)) {
            return io.github.ytdc.testing.Sheet.rowsOf(port, LocalSheet.T.sources());
        }
    }
}
