package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.RealTimeConfig;
import io.github.ytdc.testing.Sheet;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bugs of the old engine, each pinned by a test that fails without its fix. */
class ClaimLifeBugsTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    @Test
    void a_lost_running_claim_is_counted_down_exactly_once() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim claim = agents.claimOne(a);
        assertEquals(1, a.running());
        // A person requeued the row and another agent took it: a newer claim than ours.
        agents.clock.advance(Duration.ofMinutes(1));
        sheet.edit("Video Tasks", "vid00000001", "ClaimToken", "8000000000000042");
        sheet.edit("Video Tasks", "vid00000001", "ClaimedBy", "agent-b");
        sheet.edit("Video Tasks", "vid00000001", "ClaimedAt", Timestamps.format(agents.clock.instant()));
        a.tick();
        assertTrue(claim.context().isCancelled(), "the lost task is cancelled");
        assertEquals(0, a.running());
        a.complete(claim, Outcome.done("/out/late.mp4")); // the cancelled worker returns afterwards
        assertEquals(0, a.running(), "the running count goes down once, not once per path");
        assertEquals("agent-b", sheet.video("vid00000001").claimedBy(), "nothing written after the loss");
    }

    @Test
    void an_error_thrown_by_a_processor_ends_the_claim_and_reaches_the_caller() {
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        try (Coordinator c = new Coordinator(RealTimeConfig.builder(sheet.port, "agent-err", Clock.systemUTC(), 7)
                .build())) {
            AssertionError thrown = assertThrows(AssertionError.class,
                    () -> c.processNextTask((task, ctx) -> {
                        throw new AssertionError("processor bug");
                    }));
            assertEquals("processor bug", thrown.getMessage());
            assertTrue(c.held().isEmpty(), "the claim is not held for ever: " + c.held());
        }
        WorkRow row = sheet.video("vid00000002");
        assertEquals("pending", row.get("Status"), "the row is retried, not pinned in progress");
        assertEquals(1, row.retryCount());
        assertTrue(row.get("LastError").contains("processor bug"), row.get("LastError"));
    }

    private static void download(String url) throws java.io.IOException {
        throw new java.io.IOException("disk went away while downloading " + url);
    }

    @Test
    void a_download_method_that_throws_a_checked_exception_is_a_processor_and_its_failure_is_retried() {
        sheet.addVideo("vid00000003", "https://youtu.be/vid00000003");
        try (Coordinator c = new Coordinator(RealTimeConfig.builder(sheet.port, "agent-io", Clock.systemUTC(), 9)
                .build())) {
            assertTrue(c.processNextTask(ClaimLifeBugsTest::download));
        }
        WorkRow row = sheet.video("vid00000003");
        assertEquals("pending", row.get("Status"));
        assertEquals(1, row.retryCount());
        assertTrue(row.get("LastError").contains("IOException: disk went away"), row.get("LastError"));
    }
}
