package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import io.github.ytdc.util.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G1 + G2 under real threads: 4 agents x 4 slots, latency, 429s, and 5xx answers after a write was applied. */
class FleetTest {

    /** Adds latency below the settle delay, 429s (not applied) and 5xx after applying. */
    static final class FaultyPort implements SpreadsheetPort {
        private final SpreadsheetPort delegate;
        private final SplittableRandom random;
        final AtomicInteger faults = new AtomicInteger();

        FaultyPort(SpreadsheetPort delegate, long seed) {
            this.delegate = delegate;
            this.random = new SplittableRandom(seed);
        }

        private synchronized double roll() {
            return random.nextDouble();
        }

        private void latency() {
            try {
                // Real latency on purpose: this test interleaves real threads, and the delay (< 15 ms) must stay
                // under the settle delay for G1's precondition to hold.
                Sleeper.system().sleep(Duration.ofMillis((long) (roll() * 15)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void maybe429() {
            if (roll() < 0.05) {
                faults.incrementAndGet();
                throw SheetsException.fromHttp(429, "Quota exceeded");
            }
        }

        private void maybe5xxAfter() {
            if (roll() < 0.05) {
                faults.incrementAndGet();
                throw SheetsException.fromHttp(503, "The service is currently unavailable.");
            }
        }

        @Override public String spreadsheetId() { return delegate.spreadsheetId(); }
        @Override public io.github.ytdc.sheets.SpreadsheetInfo getInfo() { latency(); return delegate.getInfo(); }

        @Override
        public List<CellRange> batchGet(List<String> ranges) {
            latency();
            maybe429();
            return delegate.batchGet(ranges);
        }

        @Override
        public void batchUpdateValues(List<RangeWrite> writes) {
            latency();
            maybe429();
            delegate.batchUpdateValues(writes);
            maybe5xxAfter();
        }

        @Override
        public AppendResult append(String range, List<List<String>> rows) {
            latency();
            maybe429();
            AppendResult r = delegate.append(range, rows);
            maybe5xxAfter();
            return r;
        }

        @Override
        public io.github.ytdc.sheets.FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds) {
            latency();
            maybe429();
            return delegate.batchGetByDataFilter(a1Ranges, tagIds);
        }

        @Override
        public java.util.Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes,
                                                              List<io.github.ytdc.sheets.TagWrite> tagWrites) {
            latency();
            maybe429();
            java.util.Set<Integer> written = delegate.batchUpdateByDataFilter(a1Writes, tagWrites);
            maybe5xxAfter();
            return written;
        }

        @Override
        public List<io.github.ytdc.sheets.RowTagLocation> searchTags(String key) {
            latency();
            maybe429();
            return delegate.searchTags(key);
        }

        @Override public void batchClear(List<String> ranges) { delegate.batchClear(ranges); }
        @Override public void batchUpdate(List<io.github.ytdc.sheets.StructuralRequest> requests) {
            delegate.batchUpdate(requests);
        }
    }

    @Test
    void four_agents_with_four_slots_lose_nothing_and_duplicate_nothing_despite_api_faults(@TempDir Path dir)
            throws Exception {
        InMemorySpreadsheetPort truth = InMemorySpreadsheetPort.create("fleet");
        Sheet sheet = new Sheet(truth);
        int tasks = 300;
        List<List<String>> rows = new ArrayList<>();
        var header = sheet.header("Video Tasks");
        for (int i = 0; i < tasks; i++) {
            String id = String.format("v%010d", i);
            rows.add(io.github.ytdc.coord.RowWrite.newRow(header,
                    Map.of("ID", id, "URL", "https://youtu.be/" + id, "Status", "pending")));
        }
        truth.append(io.github.ytdc.sheets.A1.cell("Video Tasks", 0, 1), rows);

        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        List<Coordinator> agents = new ArrayList<>();
        List<FaultyPort> ports = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            FaultyPort port = new FaultyPort(truth, a);
            ports.add(port);
            agents.add(new Coordinator(CoordinatorConfig.builder(port)
                    .workerName("agent-" + a)
                    .concurrency(4)
                    .settleDelay(Duration.ofMillis(150))
                    .heartbeat(Duration.ofMillis(500))
                    .stallTimeout(Duration.ofSeconds(10))
                    .retryBackoff(Duration.ofMillis(100))
                    .maxRetryBackoff(Duration.ofMillis(400))
                    .minTickInterval(Duration.ofMillis(30))
                    .claimJitter(Duration.ofMillis(30))
                    .sweepInterval(Duration.ofSeconds(2))
                    .random(new SplittableRandom(100 + a))
                    .journal(dir.resolve("journal.jsonl"))
                    .build()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        for (Coordinator c : agents) {
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < deadline && !allDone(sheet, tasks)) {
                        // processNextTask answers false only after a tick found nothing: no busy loop
                        c.processNextTask(url -> processed.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet());
                    }
                    return null;
                });
            }
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        agents.forEach(Coordinator::close);

        List<WorkRow> finalRows = sheet.rows("Video Tasks");
        long done = finalRows.stream().filter(r -> r.hasStatus(Status.DONE)).count();
        assertEquals(tasks, done, "every task ends done (faults injected: "
                + ports.stream().mapToInt(p -> p.faults.get()).sum() + ")");
        assertEquals(tasks, processed.size(), "nothing lost");
        List<String> twice = processed.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), twice, "processed more than once");
        assertTrue(ports.stream().mapToInt(p -> p.faults.get()).sum() > 0, "faults were injected");
        long journalDone = Files.readAllLines(dir.resolve("journal.jsonl")).stream()
                .filter(l -> l.contains("\"event\":\"done\"")).count();
        assertEquals(tasks, journalDone);
    }

    private static boolean allDone(Sheet sheet, int tasks) {
        return sheet.rows("Video Tasks").stream().filter(r -> r.hasStatus(Status.DONE)).count() == tasks;
    }
}
