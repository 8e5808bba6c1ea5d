package io.github.ytdc.coord;

import io.github.ytdc.testing.CountingPort;

import io.github.ytdc.testing.Sheet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** G7 through the library entry point with real threads: results, next claims and verifications share ticks. */
class CoordinatorRequestBudgetTest {

    @Test
    void four_threads_calling_process_next_task_cost_at_most_one_request_per_task() throws Exception {
        CountingPort port = new CountingPort(InMemorySpreadsheetPort.create("budget"));
        Sheet sheet = new Sheet(port);
        var header = sheet.header("Video Tasks");
        List<List<String>> rows = new ArrayList<>();
        int tasks = 60;
        for (int i = 0; i < tasks; i++) {
            String id = String.format("v%010d", i);
            rows.add(io.github.ytdc.coord.RowWrite.newRow(header,
                    Map.of("ID", id, "URL", "https://youtu.be/" + id, "Status", "pending")));
        }
        port.append(io.github.ytdc.sheets.A1.cell("Video Tasks", 0, 1), rows);
        port.reset();
        AtomicInteger processed = new AtomicInteger();
        try (Coordinator c = new Coordinator(CoordinatorConfig.builder(port).workerName("lib").concurrency(4)
                .settleDelay(Duration.ofMillis(100)).heartbeat(Duration.ofSeconds(1)).stallTimeout(Duration.ofSeconds(5))
                .minTickInterval(Duration.ofMillis(200)).claimJitter(Duration.ofMillis(10)).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(4);
            List<Future<?>> slots = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                slots.add(pool.submit(() -> {
                    start.countDown(); // the slots start together, as an agent's do
                    start.await();
                    while (c.processNextTask(url -> processed.incrementAndGet())) {
                        // instant tasks: every request counted is coordination overhead
                    }
                    return null;
                }));
            }
            for (Future<?> f : slots) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertEquals(tasks, processed.get());
        double perTask = (double) port.total() / tasks;
        assertTrue(perTask <= 1.0, "requests per task " + perTask + " " + port.counts());
    }
}
