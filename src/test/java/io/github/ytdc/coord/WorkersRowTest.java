package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkersRowTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final Sheet sheet = new Sheet();
    private final AtomicReference<WorkerRowValues> shown = new AtomicReference<>(new WorkerRowValues("idle", 0, 0));

    private WorkersRow row(String name) {
        return new WorkersRow("Workers", name, "host", Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(10), shown::get);
    }

    /** One tick: the piggybacked read of the Workers tab, then the piggybacked write, as the engine does them. */
    private boolean tick(WorkersRow row, Instant at) {
        List<String> ranges = row.piggybackReads(at);
        if (ranges.isEmpty()) {
            return false;
        }
        row.onPiggybackRead(sheet.port.batchGet(ranges));
        var writes = row.piggybackWrites(at);
        sheet.port.batchUpdateValues(writes);
        return !writes.isEmpty();
    }

    /** A tick that writes nothing but the row: its update would go out alone. */
    private boolean tickAlone(WorkersRow row, Instant at) {
        List<String> ranges = row.piggybackReads(at);
        if (ranges.isEmpty()) {
            return false;
        }
        row.onPiggybackRead(sheet.port.batchGet(ranges));
        var writes = row.piggybackWrites(at, true);
        sheet.port.batchUpdateValues(writes);
        return !writes.isEmpty();
    }

    @Test
    void an_update_that_would_go_alone_waits_the_min_interval_but_joins_a_tick_that_writes_anyway_at_once() {
        worker("agent-a", NOW.minusSeconds(30), "idle");
        WorkersRow row = row("agent-a");
        assertFalse(tickAlone(row, NOW), "the first tick's update alone waits: it costs a write request");
        assertTrue(tickAlone(row, NOW.plusSeconds(5)), "alone once the min interval has passed since the first tick");
        assertEquals("idle", workers().get(0).get("Status"));

        shown.set(new WorkerRowValues("running", 0, 0));
        assertFalse(tickAlone(row, NOW.plusSeconds(6)), "a status change alone waits too");
        assertEquals("idle", workers().get(0).get("Status"));
        assertTrue(tick(row, NOW.plusSeconds(7)), "but rides at once on a tick that writes a claim or a result");
        assertEquals("running", workers().get(0).get("Status"));
    }

    private void worker(String name, Instant lastSeen, String status) {
        sheet.add("Workers", Map.of("Worker", name, "Host", "old", "Status", status, "LastSeen",
                Timestamps.format(lastSeen), "Done", "7"));
    }

    private List<WorkRow> workers() {
        return sheet.rows("Workers");
    }

    @Test
    void an_append_answered_with_a_5xx_after_it_landed_is_not_repeated_before_a_read_says_the_row_is_missing() {
        CountingPort port = new CountingPort(sheet.port) {
            @Override
            public AppendResult append(String range, List<List<String>> rows) {
                super.append(range, rows);
                throw SheetsException.fromHttp(503, "The service is currently unavailable.");
            }
        };
        WorkersRow row = row("agent-a");
        tick(row, NOW);

        assertThrows(SheetsException.class, () -> row.appendIfMissing(port, NOW));
        row.appendIfMissing(port, NOW);
        tick(row, NOW);
        row.appendIfMissing(port, NOW);

        assertEquals(1, port.count("append"), "one append: the next read found the row it had added");
        assertEquals(1, workers().stream().filter(r -> r.get("Worker").equals("agent-a")).count());
    }

    @Test
    void the_row_says_how_to_judge_it_heartbeat_and_stall_timeout_written_like_the_options() {
        WorkersRow row = row("agent-a");
        tick(row, NOW);
        row.appendIfMissing(sheet.port, NOW);

        WorkRow w = workers().get(0);
        assertEquals("1m", w.get("Heartbeat"));
        assertEquals("10m", w.get("StallTimeout"));
        assertEquals(Timestamps.format(NOW), w.get("LastSeen"));
    }

    @Test
    void a_restart_under_the_same_name_takes_its_row_back_and_blanks_older_copies_of_it() {
        worker("agent-a", NOW.minus(Duration.ofMinutes(30)), "running");
        worker("other", NOW.minusSeconds(5), "running");
        worker("agent-a", NOW.minus(Duration.ofHours(2)), "stopped");
        WorkersRow row = row("agent-a");

        assertTrue(tick(row, NOW));
        row.appendIfMissing(sheet.port, NOW);

        List<WorkRow> rows = workers();
        assertEquals(List.of("agent-a", "other"), rows.stream().map(r -> r.get("Worker")).toList(),
                "the older copy is blanked, not left to look alive or dead");
        assertEquals("idle", rows.get(0).get("Status"));
        assertEquals("0", rows.get(0).get("Done"));
        List<List<String>> cells = sheet.cells("Workers");
        assertTrue(cells.size() < 4 || cells.get(3).stream().allMatch(String::isEmpty), cells.toString());
    }

    @Test
    void a_new_name_takes_over_the_row_of_an_agent_gone_for_over_a_day_instead_of_appending() {
        worker("recent-dead", NOW.minus(Duration.ofHours(3)), "running");
        worker("long-gone", NOW.minus(Duration.ofDays(3)), "stopped");
        WorkersRow row = row("agent-b");

        assertTrue(tick(row, NOW));
        row.appendIfMissing(sheet.port, NOW);

        assertEquals(List.of("recent-dead", "agent-b"), workers().stream().map(r -> r.get("Worker")).toList());
        assertEquals(Timestamps.format(NOW), workers().get(1).get("LastSeen"));
        assertEquals("0", workers().get(1).get("Done"));
    }

    @Test
    void download_progress_alone_never_makes_an_update_due_but_rides_along_with_the_next_one() {
        WorkersRow row = row("agent-a");
        tick(row, NOW);
        row.appendIfMissing(sheet.port, NOW);
        var holding = new WorkerRowValues.Holding("video abc", "running",
                new TaskContext.Progress(10, 2 << 20, 90, 0));
        shown.set(new WorkerRowValues("running", List.of(holding), 0, 0));
        assertTrue(tick(row, NOW.plusSeconds(1)), "status changed: due at once");

        shown.set(new WorkerRowValues("running", List.of(new WorkerRowValues.Holding("video abc", "running",
                new TaskContext.Progress(55, 2 << 20, 40, 0))), 0, 0));
        assertFalse(tick(row, NOW.plusSeconds(20)), "only the percentage moved");
        assertTrue(tick(row, NOW.plusSeconds(61)), "the heartbeat refresh is due");

        assertEquals("video abc (running 55%, 2.0M/s, 40s left)", workers().get(0).get("Current"));
    }

    @Test
    void what_the_row_writes_of_its_downloads_is_what_status_reads_back() throws Exception {
        WorkersRow row = row("agent-a");
        tick(row, NOW);
        row.appendIfMissing(sheet.port, NOW);
        shown.set(new WorkerRowValues("running", List.of(
                new WorkerRowValues.Holding("video abc", "running", new TaskContext.Progress(42.7, 1.5 * (1 << 20), 90, 0)),
                new WorkerRowValues.Holding("source UCx", "verifying", null)), 3, 1));
        tick(row, NOW.plusSeconds(1));

        String json = new io.github.ytdc.ops.Operations(java.time.Clock.fixed(NOW.plusSeconds(2),
                java.time.ZoneOffset.UTC)).status(sheet.port, sheet.tabs, true);
        var task = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).at("/workers/0/tasks");

        assertEquals(2, task.size(), json);
        assertEquals("abc", task.at("/0/id").asText());
        assertEquals("running", task.at("/0/phase").asText());
        assertEquals(42, task.at("/0/percent").asInt());
        assertEquals(Math.round(1.5 * (1 << 20)), task.at("/0/bytesPerSecond").asLong());
        assertEquals(90, task.at("/0/etaSeconds").asLong());
        assertEquals("source", task.at("/1/kind").asText());
        assertEquals("verifying", task.at("/1/phase").asText());
    }

    @Test
    void a_current_cell_too_long_for_its_limit_keeps_whole_holdings_and_says_how_many_more() {
        WorkersRow row = row("agent-a");
        tick(row, NOW);
        row.appendIfMissing(sheet.port, NOW);
        List<WorkerRowValues.Holding> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new WorkerRowValues.Holding("video id" + i, "running", new TaskContext.Progress(50, 1 << 20, 60, 0)));
        }
        shown.set(new WorkerRowValues("running", many, 0, 0));
        tick(row, NOW.plusSeconds(1));

        String current = workers().get(0).get("Current");
        assertTrue(current.length() <= 1000, current.length() + " characters");
        java.util.regex.Matcher more = java.util.regex.Pattern.compile(", video id(\\d+) \\([^)]*\\) \\+(\\d+) more$")
                .matcher(current);
        assertTrue(more.find(), current);
        assertEquals(40, Integer.parseInt(more.group(1)) + 1 + Integer.parseInt(more.group(2)), current);
        assertTrue(current.startsWith("video id0 (running 50%, 1.0M/s, 1m left), video id1 "), current);
    }

    @Test
    void the_fleet_lists_agents_seen_within_their_stall_timeout_and_this_one() {
        sheet.add("Workers", java.util.Map.of("Worker", "alive-1", "LastSeen", "2026-11-21T07:58:00Z",
                "StallTimeout", "10m"));
        sheet.add("Workers", java.util.Map.of("Worker", "alive-2", "LastSeen", "2026-11-21T07:59:30Z"));
        sheet.add("Workers", java.util.Map.of("Worker", "dead-1", "LastSeen", "2026-11-21T07:40:00Z",
                "StallTimeout", "10m"));
        sheet.add("Workers", java.util.Map.of("Worker", "dead-2", "LastSeen", "2026-11-21T07:55:00Z",
                "StallTimeout", "1m"));
        java.util.List<List<String>> seen = new java.util.ArrayList<>();
        WorkersRow r = row("me").withFleet(seen::add);
        tick(r, NOW);
        assertEquals(List.of(List.of("alive-1", "alive-2", "me")), seen, "two live others and this agent");
    }
}
