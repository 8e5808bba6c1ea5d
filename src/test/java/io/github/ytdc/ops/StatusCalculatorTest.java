package io.github.ytdc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.ops.DeadLetterSummary.ErrorCount;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final TabNames T = TestSheet.TABS;

    private final TestSheet sheet = new TestSheet();
    private final StatusCalculator calculator = new StatusCalculator(Clock.fixed(NOW, ZoneOffset.UTC));

    static String ago(Duration d) {
        return Timestamps.format(NOW.minus(d));
    }

    /** Source S1: 4 done in the last 50 minutes, 4 pending, 1 held by w1, 1 dead-lettered. */
    static void fillOneSource(TestSheet sheet) {
        sheet.add(T.sources(), Map.of("ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done", "Videos", "10"));
        for (int i = 1; i <= 4; i++) {
            sheet.add(T.videos(), Map.of("ID", "v" + i, "SourceID", "S1", "Status", "done",
                    "DoneAt", ago(Duration.ofMinutes(60 - 10L * i))));
        }
        for (int i = 5; i <= 8; i++) {
            sheet.add(T.videos(), Map.of("ID", "v" + i, "SourceID", "S1", "Status", "pending"));
        }
        sheet.add(T.videos(), Map.of("ID", "v9", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "w1",
                "HeartbeatAt", ago(Duration.ofSeconds(30))));
        sheet.add(T.videos(), Map.of("ID", "v10", "SourceID", "S1", "Status", "error", "LastError", "Private video",
                "RetryCount", "0"));
        sheet.add(T.deadVideos(), Map.of("ID", "v10", "SourceID", "S1", "Status", "error", "LastError", "Private video"));
        sheet.add(T.workers(), Map.of("Worker", "w1", "Host", "box", "Status", "running",
                "LastSeen", ago(Duration.ofSeconds(12)), "Done", "4", "Failed", "1"));
    }

    @Test
    void progress_counts_every_state_and_the_eta_follows_the_recent_done_rate() {
        fillOneSource(sheet);

        StatusReport r = calculator.read(sheet.port, T);

        SourceProgress s1 = r.sources().get(0);
        assertEquals("S1", s1.id());
        assertEquals("done", s1.status());
        assertEquals(10, s1.listedVideos());
        assertEquals(new Progress(4, 4, 1, 1, 0), s1.videos());
        // 4 completions over the 50 minutes since the oldest of them: 4.8 an hour; 5 left take 62.5 minutes.
        assertEquals(4.8, s1.videosPerHour(), 1e-9);
        assertEquals(Duration.ofSeconds(3750), s1.eta());
        assertEquals(new Progress(4, 4, 1, 1, 0), r.totals().videos());
        assertEquals(Duration.ofSeconds(3750), r.totals().eta());
        assertEquals(new Progress(1, 0, 0, 0, 0), r.totals().sources());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void status_costs_one_read_on_a_prepared_sheet() {
        fillOneSource(sheet);

        calculator.read(sheet.port, T);

        assertEquals(1, sheet.port.reads);
        assertEquals(0, sheet.port.writes + sheet.port.appends);
    }

    @Test
    void completions_older_than_the_rate_window_give_no_eta_and_a_finished_source_gives_zero() {
        sheet.add(T.sources(), Map.of("ID", "old", "URL", "u1", "Status", "done"));
        sheet.add(T.sources(), Map.of("ID", "fin", "URL", "u2", "Status", "done"));
        sheet.add(T.videos(), Map.of("ID", "a", "SourceID", "old", "Status", "done", "DoneAt", ago(Duration.ofHours(3))));
        sheet.add(T.videos(), Map.of("ID", "b", "SourceID", "old", "Status", "done", "DoneAt", ago(Duration.ofHours(2))));
        sheet.add(T.videos(), Map.of("ID", "c", "SourceID", "old", "Status", "pending"));
        sheet.add(T.videos(), Map.of("ID", "d", "SourceID", "fin", "Status", "done", "DoneAt", ago(Duration.ofHours(2))));

        StatusReport r = calculator.read(sheet.port, T);

        assertNull(r.sources().get(0).videosPerHour());
        assertNull(r.sources().get(0).eta());
        assertEquals(Duration.ZERO, r.sources().get(1).eta());
    }

    @Test
    void workers_show_their_last_seen_age_and_what_they_hold_including_agents_without_a_workers_row() {
        fillOneSource(sheet);
        sheet.add(T.sources(), Map.of("ID", "S2", "URL", "u", "Status", "in-progress", "ClaimedBy", "python-box",
                "ClaimedAt", "2026-11-21 07:57:00"));

        StatusReport r = calculator.read(sheet.port, T);

        WorkerStatus w1 = r.workers().get(0);
        assertEquals("w1", w1.name());
        assertEquals(Duration.ofSeconds(12), w1.age());
        assertEquals(List.of("video:v9"), w1.holds());
        assertEquals(4, w1.done());
        assertTrue(w1.listed());
        WorkerStatus python = r.workers().get(1);
        assertEquals("python-box", python.name());
        assertEquals(Duration.ofMinutes(3), python.age(), "age of its newest lease (Python-era ClaimedAt)");
        assertEquals(List.of("source:S2"), python.holds());
        assertTrue(!python.listed());
    }

    @Test
    void a_worker_listed_twice_is_judged_by_the_row_it_updated_last() {
        sheet.add(T.workers(), Map.of("Worker", "w1", "Status", "idle", "LastSeen", ago(Duration.ofHours(3)),
                "Done", "1", "StallTimeout", "10m"));
        sheet.add(T.workers(), Map.of("Worker", "w1", "Status", "running", "LastSeen", ago(Duration.ofSeconds(20)),
                "Done", "9", "StallTimeout", "10m"));

        StatusReport r = calculator.read(sheet.port, T);

        assertEquals(1, r.workers().size());
        WorkerStatus w1 = r.workers().get(0);
        assertEquals(WorkerStatus.State.RUNNING, w1.state());
        assertEquals(9, w1.done());
        assertContains(r.problems(), "row 2 (w1): worker 'w1' is listed more than once; row 3 (seen last) is shown");
    }

    @Test
    void a_lease_renewed_after_last_seen_keeps_a_worker_alive() {
        // Its last row update landed elsewhere (a person sorted the tab), but it renewed its lease 30s ago.
        sheet.add(T.workers(), Map.of("Worker", "w1", "Status", "running", "LastSeen", ago(Duration.ofMinutes(12)),
                "StallTimeout", "10m"));
        sheet.add(T.videos(), Map.of("ID", "v1", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "w1",
                "HeartbeatAt", ago(Duration.ofSeconds(30))));
        sheet.add(T.workers(), Map.of("Worker", "w2", "Status", "running", "LastSeen", ago(Duration.ofMinutes(12)),
                "StallTimeout", "10m"));
        sheet.add(T.videos(), Map.of("ID", "v2", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "w2",
                "HeartbeatAt", ago(Duration.ofMinutes(12))));

        StatusReport r = calculator.read(sheet.port, T);

        assertEquals(WorkerStatus.State.RUNNING, r.workers().get(0).state());
        assertEquals(WorkerStatus.State.DEAD, r.workers().get(1).state());
        assertEquals("silent 12m > stall timeout 10m", r.workers().get(1).reason());
    }

    @Test
    void the_current_cell_is_read_back_task_by_task_skipping_what_it_cannot_read() {
        List<WorkerStatus.Task> tasks = WorkerStatus.Task.parse("source UCx (running), video a-1_b (running 99%, "
                + "512B/s, 3s left), video zz (finishing), video clipped (running 5%, 1.0M/…");

        assertEquals(List.of(
                new WorkerStatus.Task("source", "UCx", "running", null, null, null),
                new WorkerStatus.Task("video", "a-1_b", "running", 99, 512L, Duration.ofSeconds(3)),
                new WorkerStatus.Task("video", "zz", "finishing", null, null, null)), tasks);
        assertEquals(List.of(), WorkerStatus.Task.parse("edited by hand"));
    }

    @Test
    void dead_letters_count_once_per_id_grouped_by_error_newest_copy_first() {
        fillOneSource(sheet);
        // v11's work row was deleted by hand: only its dead-letter copy is left, and it still counts against S1.
        sheet.add(T.deadVideos(), Map.of("ID", "v11", "SourceID", "S1", "Status", "error", "LastError",
                "Private video\nmore detail", "RetryCount", "0"));
        sheet.add(T.deadVideos(), Map.of("ID", "v12", "SourceID", "S1", "Status", "error", "LastError",
                "HTTP Error 404", "RetryCount", "3"));
        sheet.add(T.sources(), Map.of("ID", "S9", "URL", "u", "Status", "error", "LastError", "Unsupported URL"));

        StatusReport r = calculator.read(sheet.port, T);

        DeadLetterSummary d = r.deadLetters();
        assertEquals(4, d.total());
        assertEquals(List.of(new ErrorCount("Private video", 2), new ErrorCount("Unsupported URL", 1),
                new ErrorCount("HTTP Error 404", 1)), d.byError());
        assertEquals(List.of("v12", "v11", "v10", "S9"), d.latest().stream().map(DeadLetterSummary.DeadLetter::id).toList());
        assertEquals(TaskKind.SOURCE, d.latest().get(3).kind());
        assertEquals(new Progress(4, 4, 1, 3, 0), r.sources().get(0).videos());
    }

    @Test
    void a_hand_mangled_sheet_is_reported_row_by_row_instead_of_failing() {
        sheet.add(T.sources(), Map.of("ID", "S1", "URL", "u", "Status", "Done ", "Videos", "many"));
        sheet.add(T.videos(), Map.of("ID", "v1", "SourceID", "S1", "Status", "DONE", "DoneAt", "yesterday"));
        sheet.add(T.videos(), Map.of("ID", "v2", "SourceID", "S1", "Status", "finished?"));
        sheet.add(T.videos(), Map.of("ID", "v3", "SourceID", "S1", "Status", "in progress", "HeartbeatAt", "soon"));
        // A blank interior row, then a row a person typed with only a URL.
        sheet.raw.batchUpdateValues(List.of(new RangeWrite(A1.range(T.videos(), 2, 6, 2, 6), List.of(List.of("https://youtu.be/x")))));
        sheet.add(T.workers(), Map.of("Worker", "w1", "LastSeen", "at noon", "Done", "lots"));
        sheet.add(T.workers(), Map.of("Host", "orphan"));

        StatusReport r = calculator.read(sheet.port, T);

        assertEquals(new Progress(1, 1, 1, 0, 1), r.totals().videos(), "blank Status reads as pending, 'finished?' is unreadable");
        assertEquals(new Progress(1, 0, 1, 0, 1), r.sources().get(0).videos(), "the URL-only row has no source");
        assertEquals("", r.sources().get(1).id(), "videos without a SourceID are grouped on their own");
        assertNull(r.sources().get(0).listedVideos());
        assertNull(r.workers().get(0).lastSeen());
        assertNull(r.workers().get(0).done());
        List<String> p = r.problems();
        assertContains(p, "'Sources' row 2 (S1): Videos 'many' is not a number");
        assertContains(p, "'Video Tasks' row 2 (v1): DoneAt 'yesterday' is not a timestamp");
        assertContains(p, "'Video Tasks' row 3 (v2): Status 'finished?' is not pending, in-progress, done or error");
        assertContains(p, "'Video Tasks' row 4 (v3): HeartbeatAt 'soon' is not a timestamp");
        assertContains(p, "'Workers' row 2 (w1): LastSeen 'at noon' is not a timestamp");
        assertContains(p, "'Workers' row 3 has no Worker name");
    }

    @Test
    void missing_tabs_and_columns_are_listed_and_what_remains_is_still_reported() {
        InMemorySpreadsheetPort bare = InMemorySpreadsheetPort.create("bare");
        bare.batchUpdate(List.of(new StructuralRequest.AddTab("Video Tasks", 100, 5)));
        bare.batchUpdateValues(List.of(new RangeWrite("'Video Tasks'!A1:C3",
                List.of(List.of("id ", "STATUS", "url"), List.of("a", "done", "u"), List.of("b", "pending", "u")))));
        TestSheet.Counting port = new TestSheet.Counting(bare);

        StatusReport r = calculator.read(port, T);

        assertEquals(new Progress(1, 1, 0, 0, 0), r.totals().videos());
        assertContains(r.problems(), "tab 'Sources' is missing; run 'ytdc init'");
        assertContains(r.problems(), "tab 'Workers' is missing");
        assertContains(r.problems(), "tab 'Video Tasks' has no SourceID, DoneAt columns; run 'ytdc init'");
        assertEquals(3, port.reads, "the batch is refused for the missing tabs; then spreadsheets.get and a retry");
    }

    static void assertContains(List<String> lines, String part) {
        assertTrue(lines.stream().anyMatch(l -> l.contains(part)), () -> "no line contains \"" + part + "\" in " + lines);
    }
}
