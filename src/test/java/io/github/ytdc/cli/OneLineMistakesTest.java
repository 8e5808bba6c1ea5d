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
