package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.TagWrite;
import java.util.HashSet;
import java.util.Set;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** G1, G3, G4 with two step-driven agents on one in-memory spreadsheet. */
class ClaimProtocolTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    /**
     * Holds back value writes so a test can decide when they land (a slow API). A held write is answered at once, as
     * if it had been applied: the writer cannot tell.
     */
    static final class DelayedWrites extends CountingPort {
        final List<Runnable> held = new ArrayList<>();
        boolean holding;

        DelayedWrites(SpreadsheetPort delegate) {
            super(delegate);
        }

        @Override
        public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
            if (holding) {
                held.add(() -> delegate.batchUpdateByDataFilter(a1Writes, tagWrites));
                Set<Integer> ids = new HashSet<>();
                tagWrites.forEach(w -> ids.add(w.metadataId()));
                return ids;
            }
            return super.batchUpdateByDataFilter(a1Writes, tagWrites);
        }

        void release() {
            holding = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    @Test
    void both_agents_claim_the_same_row_and_exactly_one_wins() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        DelayedWrites slowA = new DelayedWrites(sheet.port);
        Engine a = agents.engine(slowA, "agent-a");
        Engine b = agents.engine(sheet.port, "agent-b");
        a.tick(); // A tags the row
        b.tick(); // so does B
        slowA.holding = true;
        a.tick(); // A reads pending, its claim is in flight
        b.tick(); // B also reads pending and claims
        slowA.release(); // A's claim lands after B's, within the settle delay
        agents.settle();
        a.tick();
        b.tick();
        Optional<Claim> wonA = a.pollClaim();
        Optional<Claim> wonB = b.pollClaim();
        assertTrue(wonA.isPresent() ^ wonB.isPresent(), "exactly one agent wins: a=" + wonA + " b=" + wonB);
        assertEquals("agent-a", sheet.video("vid00000001").claimedBy(), "the last write decides");
    }

    @Test
    void a_claim_is_not_trusted_before_the_settle_delay() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        a.tick(); // tag
        a.tick(); // claim
        agents.clock.advance(Duration.ofSeconds(1));
        a.tick();
        assertTrue(a.pollClaim().isEmpty(), "read back too early");
        agents.clock.advance(Duration.ofSeconds(1));
        a.tick();
        assertTrue(a.pollClaim().isPresent());
    }

    @Test
    void claim_is_lost_when_another_agent_overwrote_the_token_and_the_loser_never_marks_the_row() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim claim = agents.claimOne(a);
        sheet.edit("Video Tasks", "vid00000001", "ClaimToken", "someone-else");
        sheet.edit("Video Tasks", "vid00000001", "ClaimedBy", "agent-b");
        a.complete(claim, Outcome.done("/out/file.mp4"));
        a.tick();
        WorkRow row = sheet.video("vid00000001");
        assertEquals("in-progress", row.get("Status"), "the loser must not mark it done");
        assertEquals("", row.get("Output"));
        assertEquals(0, a.doneCount());
    }

    @Test
    void a_running_task_is_cancelled_when_its_claim_is_lost_at_lease_renewal() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim claim = agents.claimOne(a);
        sheet.edit("Video Tasks", "vid00000001", "ClaimToken", "someone-else");
        agents.clock.advance(Duration.ofMinutes(1));
        a.tick();
        assertTrue(claim.context().isCancelled());
        assertTrue(a.held().isEmpty());
    }

    @Test
    void a_stalled_claim_is_requeued_only_after_its_lease_expires_and_counts_as_a_retry() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine dead = agents.engine(sheet.port, "agent-dead");
        Engine b = agents.engine(sheet.port, "agent-b");
        assertTrue(agents.claimOne(dead) != null); // then agent-dead is killed: it never ticks again
        agents.clock.advance(Duration.ofMinutes(4));
        agents.claimAndSettle(b);
        b.tick();
        assertEquals("agent-dead", sheet.video("vid00000001").claimedBy(), "lease still valid: not stalled");
        agents.clock.advance(Duration.ofMinutes(2));
        agents.claimAndSettle(b); // takes the stalled row over (tag, then write-then-verify like any claim)
        b.tick(); // won: routes it through the retry policy
        b.tick(); // whose write goes out
        WorkRow row = sheet.video("vid00000001");
        assertEquals("pending", row.get("Status"));
        assertEquals(1, row.retryCount());
        assertTrue(row.get("LastError").startsWith("stalled"), row.get("LastError"));
        assertFalse(row.get("NotBefore").isEmpty());
    }

    @Test
    void a_two_hour_task_with_a_renewed_lease_is_never_requeued() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        Engine b = agents.engine(sheet.port, "agent-b");
        Claim claim = agents.claimOne(a);
        for (int minute = 0; minute < 120; minute++) {
            agents.clock.advance(Duration.ofMinutes(1));
            a.tick();
            b.tick();
            agents.settle();
            b.tick();
        }
        assertFalse(claim.context().isCancelled());
        assertEquals("agent-a", sheet.video("vid00000001").claimedBy());
        a.complete(claim, Outcome.done("ok"));
        a.tick();
        assertEquals("done", sheet.video("vid00000001").get("Status"));
        assertEquals(0, sheet.video("vid00000001").retryCount());
    }

    @Test
    void a_worker_name_that_differs_loses_even_with_the_same_token() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        a.tick();
        a.tick();
        sheet.edit("Video Tasks", "vid00000001", "ClaimedBy", "agent-a-clone");
        agents.settle();
        a.tick();
        assertTrue(a.pollClaim().isEmpty());
        assertNotEquals("done", sheet.video("vid00000001").get("Status"));
    }

    @Test
    void two_agents_racing_to_requeue_the_same_stalled_row_count_exactly_one_retry() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine dead = agents.engine(sheet.port, "agent-dead");
        agents.claimOne(dead); // then agent-dead is killed holding it
        DelayedWrites slowA = new DelayedWrites(sheet.port);
        Engine a = agents.engine(slowA, "agent-a");
        Engine b = agents.engine(sheet.port, "agent-b");
        agents.clock.advance(Duration.ofMinutes(6));
        a.tick(); // A sees the stalled lease and tags the row
        b.tick(); // so does B
        slowA.holding = true;
        a.tick(); // A's takeover write is in flight
        b.tick(); // B takes it over
        slowA.release(); // A's takeover lands on top of B's
        agents.settle();
        b.tick();
        a.tick();
        agents.settle();
        a.tick();
        b.tick();
        WorkRow row = sheet.video("vid00000001");
        assertEquals("pending", row.get("Status"));
        assertEquals(1, row.retryCount(), "one stall, one retry");
        assertTrue(a.held().isEmpty() && b.held().isEmpty());
        assertEquals(1, sheet.rows("Video Tasks").size());
    }
}
