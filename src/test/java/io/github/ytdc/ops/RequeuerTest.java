package io.github.ytdc.ops;

import static io.github.ytdc.ops.StatusCalculatorTest.NOW;
import static io.github.ytdc.ops.StatusCalculatorTest.ago;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.ops.Operations.RequeueRequest;
import io.github.ytdc.ops.RequeueResult.Move;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequeuerTest {
    static final TabNames T = TestSheet.TABS;

    private final TestSheet sheet = new TestSheet();
    private final Requeuer requeuer = new Requeuer(sheet.port, T, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Map<String, String> row(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** a done (row 2), b dead-lettered with its copy (row 3), c pending (row 4). */
    private void threeVideos() {
        sheet.add(T.videos(), row("ID", "a", "SourceID", "S1", "Status", "done", "RetryCount", "1"));
        sheet.add(T.videos(), row("ID", "b", "SourceID", "S1", "Status", "error", "RetryCount", "3", "LastError",
                "HTTP Error 500", "ClaimedBy", "w1", "ClaimedAt", ago(Duration.ofHours(1)), "ClaimToken", "tok",
                "HeartbeatAt", ago(Duration.ofMinutes(50)), "NotBefore", ago(Duration.ofMinutes(55)), "Title", "Bee"));
        sheet.add(T.videos(), row("ID", "c", "SourceID", "S1", "Status", "pending"));
        sheet.add(T.deadVideos(), row("ID", "b", "SourceID", "S1", "Status", "error", "RetryCount", "3",
                "LastError", "HTTP Error 500", "Title", "Bee"));
    }

    @Test
    void a_dead_letter_goes_back_to_pending_with_retries_reset_and_its_copy_cleared_in_one_read_and_one_write() {
        threeVideos();
        List<List<String>> before = sheet.cells(T.videos());

        RequeueResult result = requeuer.requeue(RequeueRequest.deadLetters());

        assertEquals(List.of(new Move(TaskKind.VIDEO, "b", "'Video Tasks' row 3: error -> pending, RetryCount 3 -> 0; "
                + "cleared the dead-letter copy at 'Dead-Letter Tasks' row 2")), result.moves());
        WorkRow b = sheet.row(T.videos(), "b");
        assertEquals(3, b.rowNumber());
        assertEquals("pending", b.get("Status"));
        assertEquals("0", b.get("RetryCount"));
        for (String cleared : List.of("LastError", "ClaimedBy", "ClaimedAt", "ClaimToken", "HeartbeatAt", "NotBefore")) {
            assertEquals("", b.get(cleared), cleared);
        }
        assertEquals("Bee", b.get("Title"), "columns requeue does not own are kept");
        assertEquals(before.get(1), sheet.cells(T.videos()).get(1), "row a untouched");
        assertEquals(before.get(3), sheet.cells(T.videos()).get(3), "row c untouched");
        assertEquals(List.of(), sheet.rows(T.deadVideos()));
        assertEquals(1, sheet.port.reads);
        assertEquals(1, sheet.port.writes);
        assertEquals(0, sheet.port.appends);
    }

    @Test
    void a_dead_letter_whose_work_row_is_gone_is_appended_back_with_its_pass_through_columns() {
        sheet.raw.batchUpdateValues(List.of(
                RangeWrite.cell(A1.cell(T.videos(), 15, 1), "Accent"),
                RangeWrite.cell(A1.cell(T.deadVideos(), 15, 1), "Accent")));
        sheet.add(T.videos(), row("ID", "a", "Status", "done"));
        sheet.add(T.deadVideos(), row("ID", "d", "SourceID", "S1", "URL", "https://youtu.be/d", "Status", "error",
                "RetryCount", "4", "LastError", "timeout", "Title", "=HYPERLINK(\"x\")", "Accent", "uk"));

        RequeueResult result = requeuer.requeue(RequeueRequest.deadLetters());

        assertEquals("appended to 'Video Tasks' as pending (its row there was gone); cleared the dead-letter copy at "
                + "'Dead-Letter Tasks' row 2", result.moves().get(0).action());
        WorkRow d = sheet.row(T.videos(), "d");
        assertEquals(3, d.rowNumber());
        assertEquals("pending", d.get("Status"));
        assertEquals("0", d.get("RetryCount"));
        assertEquals("", d.get("LastError"));
        assertEquals("uk", d.get("Accent"));
        assertEquals("=HYPERLINK(\"x\")", d.get("Title"), "written RAW: stays text");
        assertEquals("https://youtu.be/d", d.url());
        assertEquals(List.of(), sheet.rows(T.deadVideos()));
        assertEquals(List.of(1, 1, 1), List.of(sheet.port.reads, sheet.port.appends, sheet.port.writes));
    }

    @Test
    void only_the_selected_source_kind_or_ids_are_requeued_and_unknown_ids_are_reported() {
        sheet.add(T.sources(), row("ID", "S1", "URL", "u1", "Status", "done"));
        sheet.add(T.sources(), row("ID", "S3", "URL", "u3", "Status", "error", "LastError", "Unsupported URL"));
        sheet.add(T.videos(), row("ID", "v1", "SourceID", "S1", "Status", "error"));
        sheet.add(T.videos(), row("ID", "v2", "SourceID", "S2", "Status", "error"));

        assertEquals(List.of("v1"), ids(requeuer.requeue(RequeueRequest.deadLetters().onlySource("S1"))));
        assertEquals(List.of("S3"), ids(requeuer.requeue(RequeueRequest.deadLetters().onlyKind(TaskKind.SOURCE))));
        RequeueResult byId = requeuer.requeue(RequeueRequest.deadLetters().onlyIds(Set.of("v2", "nope", "v1")));

        assertEquals(List.of("v2"), ids(byId));
        assertEquals(List.of("nope", "v1"), byId.unmatchedIds(), "v1 is pending by now: nothing to requeue");
        assertEquals("pending", sheet.row(T.sources(), "S3").get("Status"));
    }

    @Test
    void a_dry_run_reports_the_same_moves_in_the_conditional_and_writes_nothing() {
        threeVideos();
        List<List<String>> videos = sheet.cells(T.videos());
        List<List<String>> dead = sheet.cells(T.deadVideos());

        RequeueResult dry = requeuer.requeue(RequeueRequest.deadLetters().asDryRun());

        assertTrue(dry.dryRun());
        assertEquals(videos, sheet.cells(T.videos()));
        assertEquals(dead, sheet.cells(T.deadVideos()));
        assertEquals(0, sheet.port.writes + sheet.port.appends);
        List<RequeueResult.Move> done = requeuer.requeue(RequeueRequest.deadLetters()).moves();
        assertEquals(done.stream().map(m -> m.id() + ": " + m.action().replace("; cleared", "; would clear")).toList(),
                dry.moves().stream().map(m -> m.id() + ": " + m.action()).toList());
    }

    @Test
    void rows_moved_after_a_dry_run_are_found_again_by_id_and_the_rows_now_in_their_place_are_untouched() {
        threeVideos();
        RequeueRequest onlyB = RequeueRequest.deadLetters().onlyIds(Set.of("b"));
        assertTrue(requeuer.requeue(onlyB.asDryRun()).moves().get(0).action().startsWith("'Video Tasks' row 3:"));
        // A person inserts two rows at the top and types a row there; another copy lands above b's in the dead letters.
        sheet.insertRows(T.videos(), 2, 2);
        sheet.raw.batchUpdateValues(List.of(new RangeWrite(A1.range(T.videos(), 0, 3, 7, 3),
                List.of(List.of("z", "S1", "https://youtu.be/z", "error", "", "", "", "7")))));
        sheet.insertRows(T.deadVideos(), 2, 1);
        sheet.raw.batchUpdateValues(List.of(new RangeWrite(A1.range(T.deadVideos(), 0, 2, 3, 2),
                List.of(List.of("keep", "S1", "u", "error")))));

        RequeueResult result = requeuer.requeue(onlyB);

        assertEquals("'Video Tasks' row 5: error -> pending, RetryCount 3 -> 0; cleared the dead-letter copy at "
                + "'Dead-Letter Tasks' row 3", result.moves().get(0).action());
        assertEquals("pending", sheet.row(T.videos(), "b").get("Status"));
        WorkRow z = sheet.row(T.videos(), "z");
        assertEquals(List.of(3, "error", "7"), List.of(z.rowNumber(), z.get("Status"), z.get("RetryCount")));
        assertEquals("done", sheet.row(T.videos(), "a").get("Status"));
        assertEquals(List.of("keep"), sheet.rows(T.deadVideos()).stream().map(WorkRow::id).toList());
    }

    @Test
    void stalled_rows_whose_lease_expired_go_back_to_pending_keeping_their_retry_count() {
        sheet.add(T.sources(), row("ID", "S1", "URL", "u", "Status", "in-progress", "ClaimedBy", "dead-box",
                "HeartbeatAt", ago(Duration.ofMinutes(20))));
        sheet.add(T.videos(), row("ID", "v1", "Status", "in-progress", "ClaimedBy", "dead-box", "ClaimToken", "t1",
                "RetryCount", "2", "HeartbeatAt", ago(Duration.ofMinutes(30)), "ClaimedAt", ago(Duration.ofHours(2))));
        sheet.add(T.videos(), row("ID", "v2", "Status", "in-progress", "ClaimedBy", "alive", "HeartbeatAt",
                ago(Duration.ofMinutes(1)), "ClaimedAt", ago(Duration.ofHours(2))));
        sheet.add(T.videos(), row("ID", "v3", "Status", "in-progress", "ClaimedBy", "python", "ClaimedAt",
                "2026-11-21 07:00:00"));
        sheet.add(T.videos(), row("ID", "v4", "Status", "in-progress"));
        sheet.add(T.videos(), row("ID", "v5", "Status", "error", "HeartbeatAt", ago(Duration.ofHours(5))));

        assertEquals(List.of("v3", "v4"), ids(requeuer.requeue(RequeueRequest.stalled()
                .withStallTimeout(Duration.ofMinutes(45)).asDryRun())));
        RequeueResult result = requeuer.requeue(RequeueRequest.stalled());

        assertEquals(List.of("S1", "v1", "v3", "v4"), ids(result));
        assertEquals("'Video Tasks' row 2: in-progress -> pending (held by dead-box, lease renewed 30m ago)",
                result.moves().get(1).action());
        WorkRow v1 = sheet.row(T.videos(), "v1");
        assertEquals(List.of("pending", "2", "", "", "", ""), List.of(v1.get("Status"), v1.get("RetryCount"),
                v1.get("ClaimedBy"), v1.get("ClaimToken"), v1.get("HeartbeatAt"), v1.get("ClaimedAt")));
        assertEquals("requeued by hand: lease of dead-box last renewed 2026-11-21T07:30:00Z, older than 10m",
                v1.get("LastError"));
        assertEquals("never renewed", sheet.row(T.videos(), "v4").get("LastError")
                .replaceAll(".*lease of an unknown agent (never renewed).*", "$1"));
        assertEquals("in-progress", sheet.row(T.videos(), "v2").get("Status"));
        assertEquals("error", sheet.row(T.videos(), "v5").get("Status"));
        assertEquals(List.of(2, 1, 0), List.of(sheet.port.reads, sheet.port.writes, sheet.port.appends),
                "one read each (the dry run and the real one), one write");
    }

    @Test
    void a_stalled_row_without_an_id_is_left_alone_with_a_note() {
        sheet.add(T.videos(), row("URL", "https://youtu.be/q", "Status", "in-progress"));

        RequeueResult result = requeuer.requeue(RequeueRequest.stalled());

        assertEquals(List.of(), result.moves());
        assertEquals(List.of("'Video Tasks' row 2 is in progress but has no ID, so it cannot be confirmed; give it an "
                + "ID or set its Status by hand"), result.notes());
        assertEquals(0, sheet.port.writes);
    }

    @Test
    void a_sheet_without_the_work_tab_gets_an_actionable_error() {
        Requeuer onBare = new Requeuer(InMemorySpreadsheetPort.create("bare"), T, Clock.fixed(NOW, ZoneOffset.UTC));

        YtdcException e = assertThrows(YtdcException.class, () -> onBare.requeue(RequeueRequest.deadLetters()));

        assertEquals("the spreadsheet has no 'Sources' tab, so there is nothing to requeue there; run 'ytdc init' to "
                + "prepare the spreadsheet", e.getMessage());
    }

    private static List<String> ids(RequeueResult r) {
        return r.moves().stream().map(Move::id).toList();
    }
}
