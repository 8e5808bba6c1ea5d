package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void init_creates_every_tab_and_a_second_run_finds_nothing_to_do() {
        Cli first = Cli.run("init", "--local", dir.toString());
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.out.contains("Created tabs: Sources, Video Tasks, Dead-Letter Sources, Dead-Letter Tasks, Workers"),
                first.toString());
        assertTrue(first.out.contains("Formatted"), first.toString());

        Cli second = Cli.run("init", "--local", dir.toString());
        assertEquals(0, second.exitCode, second.toString());
        assertTrue(second.out.contains("Already prepared: nothing to do."), second.toString());
        assertTrue(!second.out.contains("Created"), second.toString());
    }

    @Test
    void init_adds_the_missing_columns_to_a_python_era_sources_tab_and_keeps_its_rows() {
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            port.batchUpdate(List.of(new StructuralRequest.AddTab("Sources", 100, 7)));
            port.batchUpdateValues(List.of(new RangeWrite(A1.range("Sources", 0, 1, 6, 2), List.of(
                    List.of("ID", "URL", "Status", "ClaimedBy", "ClaimedAt", "RetryCount", "LastError"),
                    List.of("s1", "https://www.youtube.com/@old", "done", "py-1", "2024-01-02 03:04:05", "0", "")))));
        }

        Cli run = Cli.run("init", "--local", dir.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("Added columns to Sources: ClaimToken, HeartbeatAt, NotBefore, Videos, ExpandedAt"),
                run.toString());
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            List<WorkRow> rows = Sheet.rowsOf(port, "Sources");
            assertEquals(1, rows.size());
            assertEquals("https://www.youtube.com/@old", rows.get(0).url());
            assertEquals("2024-01-02 03:04:05", rows.get(0).get("ClaimedAt"));
        }
    }
}
