package io.github.ytdc.sheets.local;

import io.github.ytdc.testing.Processes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.StructuralRequest.AddTab;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode shared by several JVM processes and threads at once, and surviving {@code kill -9}. */
class LocalSpreadsheetPortProcessesTest {
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("data");
    }

    private Process startWorker(String worker, int column, int count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalPortWorker.class.getName(), dir().toString(), worker, Integer.toString(column),
                Integer.toString(count));
        File log = tmp.resolve(worker + ".log").toFile();
        return pb.redirectErrorStream(true).redirectOutput(log).start();
    }

    private LocalSpreadsheetPort openWithLogTab() {
        LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir());
        port.batchUpdate(List.of(new AddTab(LocalPortWorker.LOG_TAB, 10, 5)));
        return port;
    }

    /** The log rows per worker, after checking every row is whole. */
    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Map<String, List<Integer>> logByWorker(LocalSpreadsheetPort port) {
        List<List<String>> rows = port.batchGet(List.of(LocalPortWorker.LOG_TAB + "!A1:E")).get(0).rows();
        Map<String, List<Integer>> byWorker = new TreeMap<>();
        for (List<String> row : rows) {
            assertEquals(5, row.size(), "whole row: " + row);
            int seq = Integer.parseInt(row.get(2));
            assertEquals(LocalPortWorker.checksum(row.get(0), row.get(1), seq), row.get(4), "intact row: " + row);
            byWorker.computeIfAbsent(row.get(1), w -> new ArrayList<>()).add(seq);
        }
        return byWorker;
    }

    private void waitFor(Process p, String worker) throws Exception {
        assertTrue(p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS), worker + " finished in time");
        assertEquals(0, p.exitValue(), worker + " failed: " + Files.readString(tmp.resolve(worker + ".log")));
    }

    @Test
    void processes_and_threads_writing_at_once_lose_no_update_and_duplicate_nothing() throws Exception {
        int count = 40;
        List<String> workers = List.of("p0", "p1", "p2", "t3", "t4");
        try (LocalSpreadsheetPort port = openWithLogTab()) {
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                processes.add(startWorker(workers.get(i), i, count));
            }
            ExecutorService threads = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 3; i < 5; i++) {
                int column = i;
                // Each thread its own port on the same folder: they share one store, as two agents in one JVM would.
                done.add(threads.submit(() -> {
                    try (LocalSpreadsheetPort own = LocalSpreadsheetPort.open(dir())) {
                        LocalPortWorker.run(own, workers.get(column), column, count);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            threads.shutdown();
            for (int i = 0; i < 3; i++) {
                waitFor(processes.get(i), workers.get(i));
            }

            Map<String, List<Integer>> log = logByWorker(port);
            List<Integer> all = java.util.stream.IntStream.range(0, count).boxed().toList();
            for (String w : workers) {
                assertEquals(all, log.get(w), "every append of " + w + " once, in its order");
            }
            List<List<String>> cells = port.batchGet(List.of(A1.range("Sheet1", 0, 1, 4, count))).get(0).rows();
            assertEquals(count, cells.size());
            for (int row = 0; row < count; row++) {
                for (int col = 0; col < workers.size(); col++) {
                    assertEquals(workers.get(col) + "-" + row, cells.get(row).get(col), "cell " + col + "," + row);
                }
            }
        }
    }

    @Test
    void a_process_killed_mid_write_storm_leaves_a_store_that_loads_whole() throws Exception {
        try (LocalSpreadsheetPort port = openWithLogTab()) {
            // A big sheet, as before the operation log made writes cost what they write (LocalStoreTest covers a record
            // torn by a kill deterministically).
            List<List<String>> bulk = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                bulk.add(LocalPortWorker.logRow("bulk", i));
            }
            port.append(LocalPortWorker.LOG_TAB + "!A1", bulk);

            for (int round = 0; round < 3; round++) {
                String worker = "storm" + round;
                Process storm = startWorker(worker, 0, -1);
                int target = 15 + 10 * round;
                Processes.await(PROCESS_TIMEOUT, worker + " to log " + target + " writes", () -> {
                    assertTrue(storm.isAlive(), () -> "storm died: " + readQuietly(tmp.resolve(worker + ".log")));
                    return logByWorker(port).getOrDefault(worker, List.of()).size() >= target;
                });
                storm.destroyForcibly();
                assertTrue(storm.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, storm.exitValue(), "killed by SIGKILL");
                try (Stream<Path> files = Files.list(dir())) {
                    // Informational: the folder after the kill.
                    System.out.println("round " + round + ": files after kill: "
                            + files.map(f -> f.getFileName().toString()).sorted().toList());
                }

                Map<String, List<Integer>> log = logByWorker(port);
                for (Map.Entry<String, List<Integer>> e : log.entrySet()) {
                    List<Integer> seqs = e.getValue();
                    assertEquals(java.util.stream.IntStream.range(0, seqs.size()).boxed().toList(), seqs,
                            e.getKey() + ": no torn, lost or doubled append");
                }
                assertTrue(log.get(worker).size() >= target);
            }
        }
        // A new process-wide store reads the folder from scratch; the next write cuts any torn record off the log.
        try (LocalSpreadsheetPort reopened = LocalSpreadsheetPort.open(dir())) {
            assertEquals(1500, logByWorker(reopened).get("bulk").size());
            reopened.append(LocalPortWorker.LOG_TAB + "!A1", List.of(LocalPortWorker.logRow("after", 0)));
            try (Stream<Path> files = Files.list(dir())) {
                Set<String> names = new HashSet<>(files.map(p -> p.getFileName().toString()).toList());
                assertEquals(Set.of(LocalStore.DATA_FILE, LocalStore.LOCK_FILE, LocalStore.LOG_FILE), names);
            }
        }
        assertFalse(Files.exists(dir().resolve(LocalStore.DATA_FILE + ".tmp")));
    }
}
