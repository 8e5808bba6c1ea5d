package io.github.ytdc.coord;

import io.github.ytdc.testing.CountingPort;

import io.github.ytdc.testing.Sheet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        RowCountingPort port = new RowCountingPort(InMemorySpreadsheetPort.create("budget"));
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
        long started = System.nanoTime();
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
        long heartbeats = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
        assertEquals(tasks, processed.get());
        // The Workers row's requests of its own are no per-task cost: adding the row, marking it stopped (a read and
        // a write), and a refresh per heartbeat when no tick of the engine had a write to carry it.
        double perTask = (double) (port.total() - port.rowOnly.get()) / tasks;
        assertTrue(perTask <= 1.0, "requests per task " + perTask + " " + port.counts() + ", " + port.rowOnly
                + " of them the Workers row's own");
        assertTrue(port.rowOnly.get() <= 3 + heartbeats, "the Workers row's own requests: " + port.rowOnly + " in "
                + heartbeats + " heartbeat(s)");
        assertEquals("stopped", new Sheet(port).rows("Workers").get(0).get("Status"));
    }

    /** Also counts, apart, the requests that carry nothing but the Workers row (the rest ride with the engine's). */
    private static final class RowCountingPort extends CountingPort {
        final AtomicInteger rowOnly = new AtomicInteger();

        RowCountingPort(SpreadsheetPort delegate) {
            super(delegate);
        }

        private void countIfWorkersOnly(List<String> ranges) {
            if (!ranges.isEmpty() && ranges.stream().allMatch(r -> r.contains("Workers"))) {
                rowOnly.incrementAndGet();
            }
        }

        @Override
        public List<CellRange> batchGet(List<String> ranges) {
            countIfWorkersOnly(ranges);
            return super.batchGet(ranges);
        }

        @Override
        public void batchUpdateValues(List<RangeWrite> writes) {
            countIfWorkersOnly(writes.stream().map(RangeWrite::range).toList());
            super.batchUpdateValues(writes);
        }

        @Override
        public AppendResult append(String range, List<List<String>> rows) {
            countIfWorkersOnly(List.of(range));
            return super.append(range, rows);
        }

        @Override
        public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
            if (tagWrites.isEmpty()) {
                countIfWorkersOnly(a1Writes.stream().map(RangeWrite::range).toList());
            }
            return super.batchUpdateByDataFilter(a1Writes, tagWrites);
        }
    }
}
