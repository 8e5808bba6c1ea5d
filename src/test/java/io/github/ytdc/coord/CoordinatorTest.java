package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.Sheet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library entry point with its engine thread. */
class CoordinatorTest {
    private final Sheet sheet = new Sheet();

    private CoordinatorConfig.Builder fast() {
        return CoordinatorConfig.builder(sheet.port).workerName("lib").settleDelay(Duration.ofMillis(50))
                .heartbeat(Duration.ofMillis(500)).stallTimeout(Duration.ofSeconds(5))
                .minTickInterval(Duration.ofMillis(10)).claimJitter(Duration.ZERO);
    }

    @Test
    void process_next_task_returns_true_per_task_then_false_when_none_is_left() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        List<String> urls = new ArrayList<>();
        try (Coordinator c = new Coordinator(fast().build())) {
            while (c.processNextTask((String url) -> urls.add(url))) {
                assertTrue(urls.size() <= 2);
            }
        }
        assertEquals(2, urls.size());
        assertTrue(sheet.rows("Video Tasks").stream().allMatch(r -> r.hasStatus(Status.DONE)));
    }

    @Test
    void an_exception_from_fn_is_a_transient_failure_and_close_writes_it() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        try (Coordinator c = new Coordinator(fast().build())) {
            assertTrue(c.processNextTask(url -> {
                throw new IllegalStateException("network down");
            }));
        }
        var row = sheet.video("vid00000001");
        assertEquals("pending", row.get("Status"));
        assertEquals(1, row.retryCount());
        assertTrue(row.get("LastError").contains("network down"));
    }

    @Test
    void shutdown_releases_a_claimed_task_that_never_started_without_counting_a_retry() throws Exception {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        Coordinator c = new Coordinator(fast().concurrency(2).build());
        CountDownLatch started = new CountDownLatch(1);
        Thread slow = new Thread(() -> c.processNextTask((task, ctx) -> {
            started.countDown();
            while (!ctx.isCancelled()) {
                Thread.onSpinWait();
            }
            return null;
        }));
        slow.start();
        assertTrue(started.await(5, TimeUnit.SECONDS), "the task started");
        assertFalse(c.shutdown(Duration.ofMillis(100)), "the running task did not finish within the grace period");
        slow.join(5000);
        assertTrue(sheet.rows("Video Tasks").stream()
                .allMatch(r -> r.hasStatus(Status.PENDING) && r.retryCount() == 0), sheet.rows("Video Tasks").toString());
    }

    @Test
    void a_result_that_arrives_after_the_shutdown_release_does_not_override_it() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Agents agents = new Agents();
        Engine e = agents.engine(sheet.port, "agent-a");
        agents.claimAndSettle(e);
        e.tick();
        Claim running = e.pollClaim().orElseThrow();
        e.releaseAll("agent stopping"); // the grace period ran out
        e.complete(running, Outcome.done("finished anyway"));
        e.tick();
        var row = sheet.video("vid00000001");
        assertEquals("pending", row.get("Status"));
        assertEquals("", row.get("Output"));
        assertEquals(0, row.retryCount());
        assertTrue(running.context().isCancelled());
    }

    @Test
    void process_next_task_returns_only_once_the_result_is_in_the_sheet() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Coordinator c = new Coordinator(fast().minTickInterval(Duration.ofMillis(200)).build());
        assertTrue(c.processNextTask((String url) -> { }));
        // No close(): a process may exit right here.
        assertEquals("done", sheet.video("vid00000001").get("Status"));
        assertEquals(1, c.doneCount());
        c.close();
    }

    @Test
    void process_next_task_returns_when_the_claim_was_lost_and_nothing_is_written() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        try (Coordinator c = new Coordinator(fast().build())) {
            assertTrue(c.processNextTask((String url) -> {
                sheet.edit("Video Tasks", "vid00000001", "ClaimToken", "another-agent");
            }));
            assertTrue(c.held().isEmpty(), c.held().toString());
            assertEquals(0, c.doneCount());
        }
        var row = sheet.video("vid00000001");
        assertEquals("in-progress", row.get("Status"), "the fenced result is not written");
        assertEquals("", row.get("DoneAt"));
    }
}
