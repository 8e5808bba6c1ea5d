package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesCommandTest {
    @TempDir
    Path dir;

    private List<WorkRow> sources() {
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(dir.resolve("sheet"))) {
            return Sheet.rowsOf(port, "Sources");
        }
    }

    @BeforeEach
    void init() {
        assertEquals(0, Cli.run("init", "--local", dir.resolve("sheet").toString()).exitCode);
    }

    private Cli ytdc(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--local";
        all[args.length + 1] = dir.resolve("sheet").toString();
        return Cli.run(all);
    }

    @Test
    void add_on_a_prepared_sheet_writes_one_normalised_pending_row_with_its_fields() {
        Cli run = ytdc("sources", "add", "@LinusTechTips", "--field", "Accent=british", "--field", "Type=tech");

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("Added https://www.youtube.com/@LinusTechTips (channel) as row 2"), run.toString());
        List<WorkRow> rows = sources();
        assertEquals(1, rows.size());
        WorkRow row = rows.get(0);
        assertEquals("https://www.youtube.com/@LinusTechTips", row.url());
        assertEquals("pending", row.get("Status"));
        assertEquals("british", row.get("Accent"));
        assertEquals("tech", row.get("Type"));
        assertTrue(!row.id().isEmpty(), "a source gets a stable ID");
    }

    @Test
    void add_of_a_source_already_there_under_another_spelling_reports_its_row_and_adds_nothing() {
        assertEquals(0, ytdc("sources", "add", "@LinusTechTips").exitCode);

        Cli again = ytdc("sources", "add", "https://m.youtube.com/@LinusTechTips?si=abc");

        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("Already there: https://www.youtube.com/@LinusTechTips is row 2 of Sources"),
                again.toString());
        assertEquals(1, sources().size());
    }

    @Test
    void add_rejects_text_that_is_no_url_with_exit_1_and_writes_nothing() {
        assertEquals(0, ytdc("init").exitCode);

        Cli run = ytdc("sources", "add", "my channel");

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("contains a space"), run.toString());
        assertEquals(List.of(), sources());
    }

    @Test
    void import_adds_the_good_lines_skips_duplicates_reports_bad_lines_by_number_and_exits_1() throws IOException {
        assertEquals(0, ytdc("sources", "add", "@already").exitCode);
        Path file = dir.resolve("sources.txt");
        Files.writeString(file, String.join("\n",
                "# channels to collect",
                "https://www.youtube.com/@first|british|podcast",
                "ftp://example.com/x|us|talk",
                "youtube.com/@already|us|talk",
                "https://www.youtube.com/playlist?list=PL1234567890|indian|lecture",
                "@first|british|podcast",
                ""));

        Cli run = ytdc("sources", "import", file.toString());

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.out.contains("added 2, skipped 2 duplicates, rejected 1: line 3: "), run.toString());
        List<WorkRow> rows = sources();
        assertEquals(List.of("https://www.youtube.com/@already", "https://www.youtube.com/@first",
                "https://www.youtube.com/playlist?list=PL1234567890"), rows.stream().map(WorkRow::url).toList());
        assertEquals("indian", rows.get(2).get("Accent"));
        assertEquals("lecture", rows.get(2).get("Type"));
    }

    @Test
    void import_of_a_clean_file_exits_0_and_a_second_import_adds_nothing() throws IOException {
        Path file = dir.resolve("sources.csv");
        Files.writeString(file, "channel_url,Accent\nhttps://www.youtube.com/@one,us\nhttps://www.youtube.com/@two,uk\n");

        Cli first = ytdc("sources", "import", file.toString());
        Cli second = ytdc("sources", "import", file.toString());

        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.out.contains("added 2, skipped 0 duplicates, rejected 0"), first.toString());
        assertEquals(0, second.exitCode, second.toString());
        assertTrue(second.out.contains("added 0, skipped 2 duplicates, rejected 0"), second.toString());
        assertEquals(2, sources().size());
    }

    @Test
    void import_of_a_missing_file_says_which_file_with_exit_1() {
        Cli run = ytdc("sources", "import", dir.resolve("nope.txt").toString());

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("nope.txt does not exist"), run.toString());
    }
}
