package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * G5 and G1 under moving rows and late answers: every write after the tag goes through the row's tag, so a person
 * sorting or deleting rows between an agent's read and its write cannot make it land on another task's row, and a claim
 * answered after the settle delay never runs while the row's owner does.
 */
class RowStableWritesTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    /** Runs {@code before} once, just before the next write of the chosen kind is applied (a person, or a slow net). */
    static final class Interposer extends CountingPort {
        Runnable beforeTagWrite;
        Runnable beforeValueWrite;

        Interposer(SpreadsheetPort delegate) {
            super(delegate);
        }

        @Override
        public void batchUpdate(List<StructuralRequest> requests) {
            if (beforeTagWrite != null && requests.stream().anyMatch(r -> r instanceof StructuralRequest.TagRow)) {
                Runnable r = beforeTagWrite;
                beforeTagWrite = null;
                r.run();
            }
            super.batchUpdate(requests);
        }

        @Override
        public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
            if (beforeValueWrite != null && !tagWrites.isEmpty()) {
                Runnable r = beforeValueWrite;
                beforeValueWrite = null;
                r.run();
            }
            return super.batchUpdateByDataFilter(a1Writes, tagWrites);
        }
    }

    private void addVideos(int n) {
        for (int i = 1; i <= n; i++) {
            sheet.addVideo(String.format("vid%08d", i), "https://youtu.be/" + String.format("vid%08d", i));
        }
    }

    /** A person sorts Video Tasks (below the header) by ID. */
    private void sortById(boolean descending) {
        int sheetId = sheet.port.getInfo().tab("Video Tasks").orElseThrow().sheetId();
        int idColumn = sheet.header("Video Tasks").column("ID").orElseThrow();
        sheet.port.batchUpdate(List.of(new StructuralRequest.SortRows(sheetId, 1, idColumn, descending)));
    }

    private List<WorkRow> withStatus(String status) {
        return sheet.rows("Video Tasks").stream().filter(r -> r.get("Status").equals(status)).toList();
    }

    @Test
    void a_result_written_after_a_sort_lands_on_its_own_row() {
        addVideos(6);
        Interposer port = new Interposer(sheet.port);
        Engine a = agents.engine(port, "agent-a");
        Claim claim = agents.claimOne(a);
        a.complete(claim, Outcome.done("/out/" + claim.id() + ".mp4"));
        port.beforeValueWrite = () -> sortById(true); // rows move between the tick's read and its write
        a.tick();
        List<WorkRow> done = withStatus("done");
        assertEquals(1, done.size(), "exactly one row is done: " + sheet.rows("Video Tasks"));
        assertEquals(claim.id(), done.get(0).id(), "the done write landed on the task's own row");
        assertEquals("/out/" + claim.id() + ".mp4", done.get(0).get("Output"));
        assertTrue(sheet.rows("Video Tasks").stream().filter(r -> !r.id().equals(claim.id()))
                .allMatch(r -> r.hasStatus(Status.PENDING) || r.claimedBy().equals("agent-a")),
                "every other task is pending or this agent's next claim: " + sheet.rows("Video Tasks"));
    }

    @Test
    void a_claim_decided_before_a_sort_claims_the_chosen_task() {
        addVideos(6);
        Interposer port = new Interposer(sheet.port);
        Engine a = agents.engine(port, "agent-a");
        a.tick(); // tags the chosen row
        port.beforeValueWrite = () -> sortById(true); // the claim cells go out after a sort
        a.tick();
        agents.settle();
        a.tick();
        Claim claim = a.pollClaim().orElseThrow();
        List<WorkRow> claimed = withStatus("in-progress");
        assertEquals(1, claimed.size(), sheet.rows("Video Tasks").toString());
        assertEquals(claim.id(), claimed.get(0).id(), "the claim is on the row the agent chose and runs");
        assertEquals(claim.token, claimed.get(0).claimToken());
    }

    @Test
    void a_tag_that_a_sort_put_on_another_row_claims_nothing() {
        addVideos(2); // two rows: sorting them the other way moves both
        Interposer port = new Interposer(sheet.port);
        Engine a = agents.engine(port, "agent-a");
        port.beforeTagWrite = () -> sortById(true);
        a.tick(); // the tag lands on the other task's row
        a.tick(); // the read shows the tag on the wrong row: no claim is written (a new tag goes out)
        assertEquals(2, withStatus("pending").size(), "nothing visible was written: " + sheet.rows("Video Tasks"));
        agents.settle();
        a.tick();
        assertTrue(a.pollClaim().isEmpty());
        Claim claim = agents.claimOne(a);
        WorkRow row = sheet.video(claim.id());
        assertEquals(claim.token, row.claimToken(), "the next claim is on its own row");
        assertEquals(1, withStatus("in-progress").size());
    }

    @Test
    void a_result_for_a_deleted_row_is_written_nowhere() {
        addVideos(3);
        Interposer port = new Interposer(sheet.port);
        Engine a = agents.engine(port, "agent-a");
        Claim claim = agents.claimOne(a);
        a.complete(claim, Outcome.done("/out/x.mp4"));
        port.beforeValueWrite = () -> {
            int sheetId = sheet.port.getInfo().tab("Video Tasks").orElseThrow().sheetId();
            int row = sheet.video(claim.id()).rowNumber();
            sheet.port.batchUpdate(List.of(new StructuralRequest.DeleteDimension(sheetId,
                    StructuralRequest.Dimension.ROWS, row - 1, row)));
        };
        a.tick();
        assertEquals(List.of(), withStatus("done"), "the result went nowhere");
        assertEquals(2, sheet.rows("Video Tasks").size());
        assertTrue(a.held().stream().noneMatch(h -> h.id().equals(claim.id())), a.held().toString());
        assertEquals(0, a.doneCount(), "a result with no row is not counted as done");
    }

    @Test
    void a_claim_answered_after_the_settle_delay_never_runs_while_the_owner_does() {
        addVideos(1);
        Interposer slow = new Interposer(sheet.port);
        Engine late = agents.engine(slow, "agent-late");
        Engine owner = agents.engine(sheet.port, "agent-owner");
        late.tick(); // tags the only row
        Claim[] owned = new Claim[1];
        // The late agent's claim write is held by the network while the owner claims, verifies and starts the task.
        slow.beforeValueWrite = () -> {
            agents.clock.advance(Duration.ofMillis(300));
            owned[0] = agents.claimOne(owner);
            agents.clock.advance(Duration.ofMillis(100));
        };
        late.tick(); // its claim lands over the owner's, answered a settle delay after it was decided
        assertEquals("agent-late", sheet.video("vid00000001").claimedBy(), "the late write did land");

        agents.settle();
        late.tick(); // answered late: probation, not a win
        assertTrue(late.pollClaim().isEmpty(), "a late claim never runs at once");
        owner.tick(); // the owner sees an older claim on its row and writes its own back
        assertEquals("agent-owner", sheet.video("vid00000001").claimedBy());
        assertEquals(owned[0].token, sheet.video("vid00000001").claimToken());
        late.tick(); // the late claimer sees the owner's token: gives up
        agents.clock.advance(Duration.ofMinutes(2));
        late.tick();
        assertTrue(late.pollClaim().isEmpty(), "the late claimer never runs the task");
        assertTrue(late.holdsNothing());
        assertTrue(!owned[0].context().isCancelled(), "the owner's run goes on");

        owner.complete(owned[0], Outcome.done("/out/v.mp4"));
        owner.tick();
        WorkRow row = sheet.video("vid00000001");
        assertEquals("done", row.get("Status"));
        assertEquals(1, owner.doneCount());
    }

    @Test
    void a_late_claim_with_no_owner_runs_after_its_probation() {
        addVideos(1);
        Interposer slow = new Interposer(sheet.port);
        Engine late = agents.engine(slow, "agent-late");
        late.tick();
        slow.beforeValueWrite = () -> agents.clock.advance(Duration.ofSeconds(3)); // held, nobody else around
        late.tick();
        agents.settle();
        late.tick();
        assertTrue(late.pollClaim().isEmpty(), "probation first");
        agents.clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        late.tick();
        Optional<Claim> c = late.pollClaim();
        assertTrue(c.isPresent(), "nobody wrote a claim back: the late claim stands");
        assertEquals("vid00000001", c.get().id());
    }

    @Test
    void a_held_row_whose_tag_vanished_is_tagged_again() {
        addVideos(4);
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim claim = agents.claimOne(a);
        for (RowTagLocation t : sheet.port.searchTags(Engine.TAG_KEY)) {
            sheet.port.batchUpdate(List.of(new StructuralRequest.UntagRow(t.metadataId())));
        }
        agents.clock.advance(Duration.ofMinutes(1));
        a.tick(); // the tag is gone: found by ID and token, tagged again
        assertTrue(!claim.context().isCancelled(), "a lost tag is not a lost claim");
        sortById(true);
        a.complete(claim, Outcome.done("/out/v.mp4"));
        a.tick();
        List<WorkRow> done = withStatus("done");
        assertEquals(1, done.size(), sheet.rows("Video Tasks").toString());
        assertEquals(claim.id(), done.get(0).id());
    }

    @Test
    void a_late_claim_over_a_row_finished_meanwhile_puts_done_back_at_once() {
        addVideos(1);
        Interposer slow = new Interposer(sheet.port);
        Engine late = agents.engine(slow, "agent-late");
        Engine owner = agents.engine(sheet.port, "agent-owner");
        late.tick(); // tags the only row
        slow.beforeValueWrite = () -> { // held while the owner claims, runs and finishes the task
            agents.clock.advance(Duration.ofMillis(300));
            Claim c = agents.claimOne(owner);
            owner.complete(c, Outcome.done("/out/v.mp4"));
            owner.tick();
            agents.clock.advance(Duration.ofMillis(100));
        };
        late.tick(); // the late claim lands over the finished row
        assertEquals("in-progress", sheet.video("vid00000001").get("Status"));
        agents.settle();
        late.tick(); // no waiting out a lease interval: the row was finished, so done goes back now
        WorkRow row = sheet.video("vid00000001");
        assertEquals("done", row.get("Status"));
        assertEquals("/out/v.mp4", row.get("Output"));
        assertTrue(late.pollClaim().isEmpty());
        assertTrue(late.holdsNothing() || late.held().isEmpty());
    }
}
