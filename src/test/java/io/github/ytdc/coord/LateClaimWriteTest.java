package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.Sheet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim write that lands after the task was completed (held up past the settle delay, retried by the client after a
 * timeout, or sent by an agent killed mid-request) overwrites the completion, as Sheets has no compare-and-set. The
 * row then shows DoneAt later than ClaimedAt; agents put done back instead of running the task a second time.
 */
class LateClaimWriteTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    /** What another agent's completion followed by the late claim write of {@code worker} leaves on the row. */
    private void completedThenOverwrittenByLateClaim(String id, String worker, String token, String claimedAt,
                                                    String doneAt) {
        for (Map.Entry<String, String> e : Map.of("Status", "in_progress", "ClaimedBy", worker, "ClaimToken", token,
                "ClaimedAt", claimedAt, "HeartbeatAt", claimedAt, "DoneAt", doneAt,
                "Output", "/videos/" + id + ".mp4").entrySet()) {
            sheet.edit("Video Tasks", id, e.getKey(), e.getValue());
        }
    }

    @Test
    void an_agent_whose_own_claim_landed_after_the_completion_puts_done_back_and_never_runs_the_task(@TempDir Path dir)
            throws Exception {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = new Engine(agents.config(sheet.port, "agent-a").journal(dir.resolve("a.jsonl")).build());
        a.tick(); // tags the row
        a.tick(); // writes its claim through the tag
        WorkRow claimed = sheet.video("vid00000001");
        // Meanwhile another agent claimed, ran and completed it; then a's write landed on top.
        completedThenOverwrittenByLateClaim("vid00000001", "agent-a", claimed.claimToken(), claimed.get("ClaimedAt"),
                "2026-11-21 08:00:01");
        agents.settle();
        a.tick();
        assertTrue(a.pollClaim().isEmpty(), "the task is not handed out again");
        a.tick();
        WorkRow row = sheet.video("vid00000001");
        assertEquals("done", row.get("Status"));
        assertEquals("2026-11-21 08:00:01", row.get("DoneAt"), "the completion's own DoneAt is kept");
        assertEquals("/videos/vid00000001.mp4", row.get("Output"));
        assertEquals(0, row.retryCount());
        List<String> journal = Files.readAllLines(dir.resolve("a.jsonl"));
        assertEquals(1, journal.size(), journal.toString());
        assertTrue(journal.get(0).contains("\"event\":\"restored\""), journal.get(0));
    }

    @Test
    void a_completion_overwritten_by_a_dead_agents_late_claim_is_put_back_without_waiting_for_the_stall_timeout() {
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        // The claim was stamped a second before the completion it overwrote: its lease is still fresh.
        completedThenOverwrittenByLateClaim("vid00000002", "killed-agent", "8000000000000001", "2026-11-21 08:00:00",
                "2026-11-21 08:00:01");
        Engine b = agents.engine(sheet.port, "agent-b");
        agents.claimAndSettle(b);
        b.tick();
        assertTrue(b.pollClaim().isEmpty(), "the task is not run again");
        b.tick();
        WorkRow row = sheet.video("vid00000002");
        assertEquals("done", row.get("Status"));
        assertEquals("2026-11-21 08:00:01", row.get("DoneAt"));
        assertEquals(0, row.retryCount(), "no retry is counted: the task had succeeded");
        assertEquals(0, b.doneCount(), "a restored completion is not this agent's work");
    }

    @Test
    void a_completion_decided_before_a_takeover_but_applied_after_it_is_put_back_when_the_taker_dies() {
        sheet.addVideo("vid00000004", "https://youtu.be/vid00000004");
        // Agent 1's done write was decided at 08:00:04 and held in the network; meanwhile agent 6 read the row (agent
        // 1's lease looked expired) and took it over at 08:00:07; the done landed, then agent 6's claim on top of
        // it, and agent 6 was killed. DoneAt is earlier than ClaimedAt, yet the task ran and must not run again.
        completedThenOverwrittenByLateClaim("vid00000004", "agent-6", "8000000000000004", "2026-11-21 08:00:07",
                "2026-11-21 08:00:04");
        Engine b = agents.engine(sheet.port, "agent-b");
        agents.claimAndSettle(b);
        b.tick();
        assertTrue(b.pollClaim().isEmpty(), "the task is not run again");
        b.tick();
        WorkRow row = sheet.video("vid00000004");
        assertEquals("done", row.get("Status"));
        assertEquals("2026-11-21 08:00:04", row.get("DoneAt"));
        assertEquals(0, row.retryCount(), "no retry is counted: the task had succeeded");
    }

    @Test
    void a_done_row_requeued_by_hand_whose_claimer_died_goes_through_the_retry_policy() {
        sheet.addVideo("vid00000003", "https://youtu.be/vid00000003");
        for (Map.Entry<String, String> e : Map.of("Status", "pending", "DoneAt", "2026-11-20 07:00:00",
                "Output", "/videos/old.mp4").entrySet()) {
            sheet.edit("Video Tasks", "vid00000003", e.getKey(), e.getValue()); // done long ago, requeued by hand
        }
        Engine killed = agents.engine(sheet.port, "killed-agent");
        killed.tick(); // tags the row
        killed.tick(); // claims it: the old completion is void
        assertEquals("", sheet.video("vid00000003").get("DoneAt"), "the claim clears the DoneAt it saw");
        // killed-agent never ticks again; after its lease expires another agent takes the row over.
        agents.clock.advance(Duration.ofHours(1));
        Engine b = agents.engine(sheet.port, "agent-b");
        agents.claimAndSettle(b);
        b.tick();
        b.tick();
        WorkRow row = sheet.video("vid00000003");
        assertEquals("pending", row.get("Status"), "the person's requeue stands");
        assertEquals(1, row.retryCount());
        assertTrue(row.get("LastError").startsWith("stalled: lease of killed-agent"), row.get("LastError"));
    }
}
