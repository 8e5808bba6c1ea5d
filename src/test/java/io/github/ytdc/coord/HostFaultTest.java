package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.Sheet;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A host or toolchain fault is never the task's: released, no retry counted, never dead-lettered, claims paused. */
class HostFaultTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    @Test
    void the_retry_policy_releases_a_host_fault_whatever_the_retry_count() {
        RetryPolicy p = new RetryPolicy(0, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), 0);
        assertEquals(new RetryPolicy.Decision.Release(), p.decide(FailureClass.HOST_FAULT, 99, Instant.EPOCH,
                new SplittableRandom(1)));
    }

    @Test
    void a_host_fault_releases_the_row_uncharged_and_pauses_claiming() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = new Engine(agents.config(sheet.port, "agent-a").maxRetries(0).build());
        Claim c = agents.claimOne(a);
        a.complete(c, new Outcome.Failed(FailureClass.HOST_FAULT, "toolchain: no JavaScript runtime"));
        a.tick();
        WorkRow row = sheet.video(c.id());
        assertEquals("pending", row.get("Status"));
        assertEquals(0, row.retryCount());
        assertTrue(sheet.rows("Dead-Letter Tasks").isEmpty());
        assertEquals(0, a.failedCount(), "a host fault is not a failed attempt of the task");
        assertTrue(a.breakerState().open());
        assertEquals("toolchain: no JavaScript runtime", a.breakerState().reason());
    }
}
