package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The whole-tab sweep reads the Status column of every row (the ID column too when a held row moved) and full rows
 * only for the window and the rows it acts on, so its cost on a tab of finished rows grows by one cell a row, not by
 * the tab's width.
 */
class SweepCostTest {
    private static final int DONE_ROWS = 3000;

    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();
    private final CellCountingPort port = new CellCountingPort(sheet.port);

    /** Counts the cells the port returned, per tab read. */
    private static final class CellCountingPort extends CountingPort {
        final AtomicLong videoCells = new AtomicLong();

        CellCountingPort(SpreadsheetPort delegate) {
            super(delegate);
        }

        @Override
        public List<CellRange> batchGet(List<String> ranges) {
            List<CellRange> got = super.batchGet(ranges);
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).startsWith("'Video Tasks'")) {
                    got.get(i).rows().forEach(r -> videoCells.addAndGet(r.size()));
                }
            }
            return got;
        }
    }

    private void seedDone(int n) {
        Header header = sheet.header("Video Tasks");
        String at = Timestamps.format(Agents.START.minus(Duration.ofDays(1)));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("d%010d", i);
            Map<String, String> row = new HashMap<>(Map.of("ID", id, "SourceID", "UCx", "URL", "https://youtu.be/" + id,
                    "Status", "done", "ClaimedBy", "old-agent", "ClaimedAt", at, "HeartbeatAt", at,
                    "ClaimToken", "8000000000000" + i, "DoneAt", at, "Output", "/data/" + id + ".mp4"));
            row.put("Title", "A finished video " + i);
            row.put("RetryCount", "0");
            rows.add(RowWrite.newRow(header, row));
        }
        sheet.port.append(A1.cell("Video Tasks", 0, 1), rows);
    }

    private long cellsOfWholeTab() {
        long[] cells = {0};
        sheet.port.batchGet(List.of(A1.tab("Video Tasks"))).get(0).rows().forEach(r -> cells[0] += r.size());
        return cells[0];
    }

    @Test
    void a_sweep_reads_the_status_column_of_finished_rows_and_full_rows_only_where_it_acts() {
        seedDone(DONE_ROWS);
        for (int i = 1; i <= 5; i++) {
            sheet.addVideo("vid0000000" + i, "https://youtu.be/vid0000000" + i);
        }
        Engine a = new Engine(agents.config(port, "agent-a").concurrency(5).build());
        port.reset();
        a.tick(); // the first tick is a sweep: it finds the pending rows below 3,000 finished ones and claims them
        assertEquals(3, port.count("batchGet"),
                "schema check, narrow sweep, then the rows it acts on: " + port.readRanges());
        assertTrue(port.readRanges().stream().noneMatch(r -> r.equals("'Video Tasks'")),
                "never the whole tab: " + port.readRanges());
        long width = sheet.header("Video Tasks").width();
        long budget = (DONE_ROWS + 6) + (CoordinatorConfig.DEFAULT_WINDOW_ROWS + 1 + 5) * width;
        assertTrue(port.videoCells.get() <= budget,
                "sweep read " + port.videoCells.get() + " cells, budget " + budget + " (whole tab: " + cellsOfWholeTab() + ")");
        assertTrue(port.videoCells.get() * 3 < cellsOfWholeTab(), "a third of the whole tab at most");
        a.tick(); // claims the tagged rows
        agents.settle();
        a.tick();
        int claimed = 0;
        while (a.pollClaim().isPresent()) {
            claimed++;
        }
        assertEquals(5, claimed, "every pending row below the window was claimed from the sweep");
    }

    @Test
    void a_stalled_row_far_below_the_window_is_taken_over_at_a_sweep() {
        seedDone(1000);
        sheet.add("Video Tasks", Map.of("ID", "stuck000001", "URL", "https://youtu.be/stuck000001",
                "Status", "in_progress", "ClaimedBy", "agent-dead", "ClaimToken", "deadbeef",
                "HeartbeatAt", Timestamps.format(Agents.START.minus(Duration.ofHours(1)))));
        Engine b = agents.engine(port, "agent-b");
        agents.claimAndSettle(b);
        b.tick(); // won the takeover: routed through the retry policy
        WorkRow row = sheet.video("stuck000001");
        assertEquals("pending", row.get("Status"));
        assertEquals(1, row.retryCount());
        assertTrue(row.get("LastError").startsWith("stalled"), row.get("LastError"));
    }

    @Test
    void a_held_row_moved_far_outside_the_window_is_found_by_its_id_and_its_result_lands_there() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(port, "agent-a");
        agents.claimAndSettle(a);
        a.tick();
        Claim c = a.pollClaim().orElseThrow();
        // A person moves the row to the bottom, below 2,000 finished rows: row 2 is cleared, the row re-added there.
        Map<String, String> cells = new HashMap<>(sheet.video("vid00000001").fields());
        sheet.port.batchClear(List.of(A1.rows("Video Tasks", 2, 2)));
        seedDone(2000);
        sheet.add("Video Tasks", cells);
        a.complete(c, Outcome.done("ok"));
        // The copy carries no tag: the window misses the row, a sweep finds it by ID and token, it is tagged again,
        // and the result goes out through the new tag.
        for (int i = 0; i < 3 && !sheet.video("vid00000001").hasStatus(Status.DONE); i++) {
            a.tick();
        }
        WorkRow row = sheet.video("vid00000001");
        assertEquals(2002, row.rowNumber());
        assertEquals("done", row.get("Status"));
        assertTrue(port.readRanges().stream().noneMatch(r -> r.equals("'Video Tasks'")),
                "found without a whole-tab read: " + port.readRanges());
    }
}
