package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A library user who runs a plain {@link Coordinator} (no agent runtime) shows up in the Workers tab under the name
 * they chose, and {@code ytdc status} counts it in the fleet.
 */
class LibraryWorkersRowTest {
    private final Sheet sheet = new Sheet();

    private CoordinatorConfig.Builder config(String name) {
        return CoordinatorConfig.builder(sheet.port).workerName(name).host("lib-host")
                .settleDelay(Duration.ofMillis(50)).heartbeat(Duration.ofMillis(500)).stallTimeout(Duration.ofSeconds(5))
                .minTickInterval(Duration.ofMillis(10)).claimJitter(Duration.ZERO);
    }

    @Test
    @Timeout(60)
    void a_plain_coordinator_keeps_its_own_workers_row_and_status_counts_it() throws Exception {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        try (Coordinator c = new Coordinator(config("my-library-worker").build())) {
            while (c.processNextTask((String url) -> { })) {
                // two tasks
            }
            Processes.await(Duration.ofSeconds(20), "the coordinator's row in the Workers tab",
                    () -> listed("my-library-worker"));
            WorkRow row = workersRow("my-library-worker");
            assertEquals("lib-host", row.get("Host"));
            assertTrue(List.of("idle", "running").contains(row.get("Status")), row.get("Status"));
            assertEquals("500ms", row.get("Heartbeat"));
            assertEquals("5s", row.get("StallTimeout"));

            JsonNode worker = statusWorker("my-library-worker");
            assertEquals("lib-host", worker.get("host").asText());
            assertTrue(worker.get("listed").asBoolean(), worker.toString());
            assertTrue(List.of("idle", "running").contains(worker.get("state").asText()), worker.toString());
        }
        // close() marks the row stopped, and the counts show what it did
        WorkRow row = workersRow("my-library-worker");
        assertEquals("stopped", row.get("Status"));
        assertEquals("2", row.get("Done"));
        assertEquals("stopped", statusWorker("my-library-worker").get("state").asText());
        assertEquals(1, sheet.rows("Workers").size(), "one row per worker, however often it updates");
    }

    @Test
    @Timeout(60)
    void library_coordinators_count_in_the_fleet_that_shares_the_quota() throws Exception {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        try (Coordinator a = new Coordinator(config("lib-a").build());
             Coordinator b = new Coordinator(config("lib-b").build())) {
            a.processNextTask((String url) -> { });
            b.processNextTask((String url) -> { });
            Processes.await(Duration.ofSeconds(20), "both rows",
                    () -> listed("lib-a") && listed("lib-b"));
            // Each sees the other once its next read of the Workers tab (a heartbeat's refresh) comes.
            Processes.await(Duration.ofSeconds(20), "each to see a fleet of two", () -> {
                a.processNextTask((String url) -> { });
                b.processNextTask((String url) -> { });
                return a.fleetSize() == 2 && b.fleetSize() == 2;
            });
        }
    }

    @Test
    @Timeout(60)
    void a_new_worker_takes_over_the_row_of_one_gone_for_days_and_status_no_longer_lists_it() throws Exception {
        String threeDaysAgo = Timestamps.format(java.time.Instant.now().minus(Duration.ofDays(3)));
        sheet.add("Workers", java.util.Map.of("Worker", "host-4242", "Host", "old-box", "Status", "running",
                "LastSeen", threeDaysAgo, "Done", "7", "StallTimeout", "10m"));
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        try (Coordinator c = new Coordinator(config("host-5151").build())) {
            c.processNextTask((String url) -> { });
            Processes.await(Duration.ofSeconds(20), "the new worker's row", () -> listed("host-5151"));
        }

        List<WorkRow> rows = sheet.rows("Workers");
        assertEquals(1, rows.size(), "the old row was taken over, not appended to: " + rows);
        assertEquals("host-5151", rows.get(0).get("Worker"));
        assertEquals("lib-host", rows.get(0).get("Host"));
        assertEquals("1", rows.get(0).get("Done"), "nothing of the old agent's row is left");
        String text = new Operations(Clock.systemUTC()).status(sheet.port, sheet.tabs, false);
        assertTrue(text.contains("Workers (1): 1 stopped\n") && !text.contains("host-4242"), text);
    }

    @Test
    @Timeout(60)
    void a_library_processors_progress_shows_in_its_workers_row_and_in_status() throws Exception {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        try (Coordinator c = new Coordinator(config("lib-progress").build())) {
            Thread worker = new Thread(() -> c.processNextTask((task, context) -> {
                context.progress(new TaskContext.Progress(37.5, 3 * 1024 * 1024, 75, 1000));
                seen.await(); // the download goes on until the test has seen its progress
                return null;
            }));
            worker.start();
            try {
                Processes.await(Duration.ofSeconds(20), "the download's progress in the Workers tab",
                        () -> listed("lib-progress") && workersRow("lib-progress").get("Current")
                                .equals("video vid00000001 (running 37%, 3.0M/s, 1m15s left)"));
                JsonNode task = statusWorker("lib-progress").at("/tasks/0");
                assertEquals(37, task.get("percent").asInt(), task.toString());
                assertEquals(3 * 1024 * 1024, task.get("bytesPerSecond").asLong());
                assertEquals(75, task.get("etaSeconds").asLong());
            } finally {
                seen.countDown();
                worker.join();
            }
        }
    }

    @Test
    void a_coordinator_that_never_started_writes_no_row() {
        new Coordinator(config("never-started").build()).close();
        assertTrue(!listed("never-started"));
    }

    private boolean listed(String name) {
        return sheet.rows("Workers").stream().anyMatch(r -> r.get("Worker").equals(name));
    }

    private WorkRow workersRow(String name) {
        return sheet.rows("Workers").stream().filter(r -> r.get("Worker").equals(name)).findFirst().orElseThrow();
    }

    private JsonNode statusWorker(String name) throws Exception {
        String json = new Operations(Clock.systemUTC()).status(sheet.port, sheet.tabs, true);
        JsonNode workers = new ObjectMapper().readTree(json).get("workers");
        return StreamSupport.stream(workers.spliterator(), false).filter(w -> w.get("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("status does not list " + name + ": " + json));
    }
}
