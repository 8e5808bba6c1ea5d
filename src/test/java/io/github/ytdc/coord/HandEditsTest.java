package io.github.ytdc.coord;

import io.github.ytdc.testing.CountingPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** G5: rows inserted, deleted, sorted or edited by people while an agent holds a row. */
class HandEditsTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    private int videosSheetId() {
        return sheet.port.getInfo().tab("Video Tasks").orElseThrow().sheetId();
    }

    @Test
    void a_result_lands_on_the_right_row_after_rows_were_inserted_above() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim c = agents.claimOne(a);
        sheet.port.batchUpdate(List.of(new StructuralRequest.InsertDimension(videosSheetId(),
                StructuralRequest.Dimension.ROWS, 1, 3)));
        sheet.port.batchUpdateValues(List.of(new RangeWrite(A1.range("Video Tasks", 0, 2, 0, 3),
                List.of(List.of("other00001"), List.of("other00002")))));
        a.complete(c, Outcome.done("ok"));
        a.tick();
        assertEquals("done", sheet.video("vid00000001").get("Status"));
        assertEquals(4, sheet.video("vid00000001").rowNumber());
        assertEquals("", sheet.find("Video Tasks", "other00001").orElseThrow().get("Status"));
    }

    @Test
    void a_result_lands_on_the_right_row_after_the_tab_was_sorted_and_a_row_deleted() {
        for (int i = 1; i <= 5; i++) {
            sheet.addVideo("vid0000000" + i, "https://youtu.be/vid0000000" + i);
        }
        Engine a = new Engine(agents.config(sheet.port, "agent-a").concurrency(5).build());
        agents.claimAndSettle(a);
        a.tick();
        List<Claim> held = new ArrayList<>();
        a.pollClaim().ifPresent(held::add);
        Claim c = held.get(0);
        // A person deletes row 2 and reverses the rest.
        sheet.port.batchUpdate(List.of(new StructuralRequest.DeleteDimension(videosSheetId(),
                StructuralRequest.Dimension.ROWS, 1, 2)));
        List<List<String>> rows = new ArrayList<>(sheet.port.batchGet(List.of(A1.rows("Video Tasks", 2, 10))).get(0).rows());
        Collections.reverse(rows);
        sheet.port.batchUpdateValues(List.of(new RangeWrite(A1.rows("Video Tasks", 2, 1 + rows.size()), rows)));
        if (sheet.find("Video Tasks", c.id()).isPresent()) {
            a.complete(c, Outcome.done("ok"));
            a.tick(); // values rewritten by hand carry no tags: the row is found by ID and token and tagged again
            a.tick();
            assertEquals("done", sheet.video(c.id()).get("Status"));
            long doneRows = sheet.rows("Video Tasks").stream().filter(r -> r.hasStatus(Status.DONE)).count();
            assertEquals(1, doneRows, "only the task's own row is marked");
        } else {
            a.complete(c, Outcome.done("ok"));
            a.tick();
            assertEquals(0, sheet.rows("Video Tasks").stream().filter(r -> r.hasStatus(Status.DONE)).count(),
                    "a deleted row's result is written nowhere else");
        }
    }

    @Test
    void a_row_a_person_sets_back_to_pending_is_claimable_again() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        a.complete(agents.claimOne(a), Outcome.done("ok"));
        a.tick();
        sheet.edit("Video Tasks", "vid00000001", "Status", "Pending ");
        agents.clock.advance(CoordinatorConfig.DEFAULT_SWEEP_INTERVAL);
        Claim again = agents.claimOne(a);
        assertEquals("vid00000001", again.id());
    }

    @Test
    void a_url_only_row_is_claimed_with_a_derived_id_and_status_variants_are_read() {
        sheet.add("Video Tasks", Map.of("URL", "https://www.youtube.com/watch?v=abcdefghijk&t=3"));
        sheet.add("Video Tasks", Map.of("ID", "x1", "URL", "https://example.com/a", "Status", "DONE"));
        sheet.add("Video Tasks", Map.of("ID", "x2", "URL", "https://example.com/b", "Status", "in progress",
                "ClaimedBy", "ghost", "HeartbeatAt", Timestamps.format(agents.clock.instant())));
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim c = agents.claimOne(a);
        assertEquals("abcdefghijk", c.id());
        assertTrue(a.pollClaim().isEmpty(), "DONE and a live 'in progress' row are not claimable");
        a.complete(c, Outcome.done("ok"));
        a.tick();
        WorkRow row = sheet.video("abcdefghijk");
        assertEquals("done", row.get("Status"));
        assertEquals(2, row.rowNumber());
    }

    @Test
    void a_python_era_sheet_gets_the_missing_columns_and_keeps_its_rows() {
        var port = io.github.ytdc.sheets.memory.InMemorySpreadsheetPort.create("py");
        port.batchUpdate(List.of(new StructuralRequest.AddTab("Video Tasks", 100, 9),
                new StructuralRequest.AddTab("Sources", 100, 13)));
        port.batchUpdateValues(List.of(new RangeWrite(A1.rows("Video Tasks", 1, 2), List.of(
                List.of("ID", "SourceID", "URL", "Status", "Duration", "ClaimedBy", "ClaimedAt", "RetryCount", "LastError"),
                List.of("vid00000001", "s1", "https://youtu.be/vid00000001", "pending", "", "", "", "", "")))));
        Engine a = agents.engine(port, "agent-a");
        agents.claimAndSettle(a);
        a.tick();
        Claim c = a.pollClaim().orElseThrow();
        a.complete(c, Outcome.done("/out"));
        a.tick();
        Sheet view = new Sheet(port);
        WorkRow row = view.video("vid00000001");
        assertEquals("done", row.get("Status"));
        assertEquals("s1", row.get("SourceID"));
        assertEquals("/out", row.get("Output"));
        assertEquals("ID", view.header("Video Tasks").names().get(0));
    }

    @Test
    void a_row_set_back_to_pending_above_the_finished_prefix_is_picked_up_at_the_next_sweep() {
        CountingPort port = new CountingPort(sheet.port);
        var header = sheet.header("Video Tasks");
        List<List<String>> done = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = String.format("v%010d", i);
            done.add(io.github.ytdc.coord.RowWrite.newRow(header,
                    Map.of("ID", id, "URL", "https://youtu.be/" + id, "Status", "done")));
        }
        sheet.port.append(A1.cell("Video Tasks", 0, 1), done); // rows 2..61
        Engine a = agents.engine(port, "agent-a");
        a.tick(); // a sweep: the finished prefix now ends at row 61
        sheet.edit("Video Tasks", "v0000000003", "Status", "pending"); // row 5, far above the window
        port.reset();
        agents.claimAndSettle(a);
        a.tick();
        assertTrue(a.pollClaim().isEmpty(), "the cheap window does not reach row 5");
        assertTrue(port.readRanges().stream().noneMatch(r -> r.equals("'Video Tasks'")),
                "no whole-tab read between sweeps: " + port.readRanges());
        agents.clock.advance(Duration.ofMinutes(1)); // the sweep interval
        Claim c = agents.claimOne(a);
        assertEquals("v0000000003", c.id());
        assertEquals(5, sheet.video("v0000000003").rowNumber());
    }
}
