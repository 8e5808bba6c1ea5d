package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import io.github.ytdc.util.Sleeper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ytdc bench}'s one measured fleet at tiny sizes, against the real emulator and Google client: agents as
 * threads, as separate JVMs, and against an emulator already running elsewhere.
 */
class FleetRunTest {
    private static final Duration SETTLE = Duration.ofMillis(200);
    private static final Bench.TaskTime UP_TO_50_MS = new Bench.TaskTime(Duration.ZERO,
            Duration.ofMillis(50));

    private static Bench.FleetSettings settings(int agents, boolean processes, int tasks, int doneRows, URI endpoint,
                                              String spreadsheet) {
        return new Bench.FleetSettings(agents, processes, tasks, UP_TO_50_MS, 2, doneRows, Duration.ZERO, Duration.ZERO,
                endpoint, spreadsheet, QuotaMode.OFF, SETTLE, Duration.ofSeconds(90),
                BenchAgents.RECOMMENDED_AGENT_JVM_FLAGS);
    }

    private static FleetReport run(Bench.FleetSettings s) throws InterruptedException {
        return new FleetRun(s, Clock.systemUTC(), Sleeper.system()).run();
    }

    /** Every outcome a clean run of {@code tasks} tasks must show. */
    private static void assertClean(FleetReport r, int tasks) {
        String text = r.toText();
        assertTrue(r.finished(), text);
        assertEquals(tasks, r.finishedTasks(), text);
        assertEquals(tasks, r.doneTasks(), text);
        assertEquals(0, r.deadLettered(), text);
        assertEquals(0, r.duplicates(), text);
        assertEquals(Map.of(), r.processedTwice(), text);
        assertEquals(List.of(), r.lost(), text);
        assertEquals(tasks, r.claimLatencies().size(), "one won claim per task: " + text);
        assertTrue(r.claimLatencies().stream().allMatch(l -> l.compareTo(SETTLE) >= 0),
                "every claim waited out the settle delay: " + r.claimLatencies());
        assertTrue(r.requests().reads() > 0 && r.requests().writes() > 0, text);
        assertEquals(r.requests().requests() / (double) tasks, r.requestsPerTask(), 1e-9);
        assertTrue(r.clean(), text);
        assertTrue(text.endsWith(r.summaryLine() + System.lineSeparator()), text);
    }

    @Test
    @Timeout(60)
    void two_thread_agents_finish_20_tasks_once_each_and_the_emulator_counts_their_requests() throws Exception {
        FleetReport r = run(settings(2, false, 20, 0, null, null));

        assertClean(r, 20);
        assertTrue(r.requests().byMethod().getOrDefault("values.batchGet", 0L) > 0, r.requests().toString());
        assertEquals(1, r.peakMemoryKib().size(), "threads share one JVM: " + r.peakMemoryKib());
        assertTrue(Files.exists(r.journals().resolve("bench-agent-1.jsonl")), r.journals().toString());
        assertTrue(Files.exists(r.journals().resolve("bench-agent-2.jsonl")), r.journals().toString());
        assertTrue(r.summaryLine().startsWith("bench: agents=2 tasks=20 tasks_per_min="), r.summaryLine());
    }

    @Test
    @Timeout(120)
    void two_agent_processes_finish_16_tasks_below_500_done_rows_and_each_has_its_peak_memory_and_journal()
            throws Exception {
        FleetReport r = run(settings(2, true, 16, 500, null, null));

        assertClean(r, 16);
        assertEquals(Set.of("bench-agent-1", "bench-agent-2"), r.peakMemoryKib().keySet());
        assertTrue(r.peakMemoryKib().values().stream().allMatch(kib -> kib > 0), r.peakMemoryKib().toString());
        for (String agent : List.of("bench-agent-1", "bench-agent-2")) {
            assertTrue(Files.size(r.journals().resolve(agent + ".jsonl")) > 0, agent + " journal in " + r.journals());
            assertTrue(Files.exists(r.journals().resolve(agent + ".log")), agent + " log in " + r.journals());
        }
    }

    @Test
    @Tag("slow") // two runs, about 23 s
    @Timeout(90)
    void two_runs_against_one_running_emulator_each_finish_their_own_tasks_and_count_no_seeding() throws Exception {
        try (SheetsEmulator emulator = SheetsEmulator.builder().port(0).create("shared").start()) {
            URI endpoint = URI.create(emulator.baseUrl());

            FleetReport first = run(settings(2, false, 8, 100, endpoint, "shared"));
            long agentsAfterFirst = callerRequests(emulator, "quotaUser:bench-agent-");
            FleetReport second = run(settings(2, false, 8, 100, endpoint, "shared"));
            long agentsAfterSecond = callerRequests(emulator, "quotaUser:bench-agent-");

            assertClean(first, 8);
            assertClean(second, 8);
            assertTrue(first.requestsPerTask() < 6, first.toText());
            assertTrue(second.requestsPerTask() < 6, second.toText());
            // Seeding and reading back go through the API as their own caller: seen by the emulator, not measured.
            assertTrue(callerRequests(emulator, "quotaUser:ytdc-bench-setup") >= 4, emulator.stats().toJson()
                    .toString());
            assertTrue(first.requests().requests() <= agentsAfterFirst, first.requests() + " vs " + agentsAfterFirst);
            assertTrue(second.requests().requests() <= agentsAfterSecond - agentsAfterFirst,
                    second.requests() + " vs " + (agentsAfterSecond - agentsAfterFirst));
            List<WorkRow> videos = Sheet.rowsOf(new InMemorySpreadsheetPort(emulator.spreadsheet("shared")),
                    TabNames.DEFAULT.videos());
            assertEquals(216, videos.size(), "each run seeded its own rows");
            assertEquals(216, videos.stream().map(WorkRow::id).collect(Collectors.toSet()).size(),
                    "ids do not collide");
            assertTrue(videos.stream().allMatch(v -> v.hasStatus(Status.DONE)), "every row done");
        }
    }

    /** Requests the emulator answered for callers whose key starts with {@code prefix}. */
    private static long callerRequests(SheetsEmulator emulator, String prefix) {
        long n = 0;
        var callers = emulator.stats().toJson().path("callers").fields();
        while (callers.hasNext()) {
            var c = callers.next();
            if (c.getKey().startsWith(prefix)) {
                for (var count : c.getValue()) {
                    n += count.asLong();
                }
            }
        }
        return n;
    }

    @Test
    void an_endpoint_that_is_not_a_ytdc_emulator_is_refused_before_seeding() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(settings(1, false, 1, 0, endpoint, "shared")));

            assertTrue(e.getMessage().contains("ytdc emulator"), e.getMessage());
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
