package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskEvent.Type;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Fleets of real {@code ytdc agent --simulate} processes against the Sheets emulator through the real Google client:
 * hand-edited queues, latency, injected 5xx (some after the write was applied), {@code kill -9} and SIGTERM.
 */
@Tag("slow")
class AgentFleetTest {
    private static final String SHEET = "fleet";
    private static final TabNames TABS = TabNames.DEFAULT;
    /** Small, quick-starting agent JVMs: these tests run several at once on two cores. */
    private static final List<String> JVM_FLAGS = List.of("-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private SheetsEmulator emulator;
    private AgentProcesses fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private InMemorySpreadsheetPort sheet() {
        return new InMemorySpreadsheetPort(emulator.spreadsheet(SHEET));
    }

    /**
     * {@code n} video rows as people leave them: a Video Tasks tab with extra columns, most rows pending, every
     * seventh added with only a URL, every fifth with a hand-typed status variant. Returns the rows' URLs.
     */
    private List<String> seed(int n) {
        InMemorySpreadsheetPort port = sheet();
        port.batchUpdate(List.of(new StructuralRequest.AddTab(TABS.videos(), n + 50, 8)));
        port.batchUpdateValues(List.of(new RangeWrite(A1.range(TABS.videos(), 0, 1, 4, 1),
                List.of(List.of("URL", "ID", "Status", "Accent", "Notes")))));
        new SheetInitializer(port, TABS).ensureColumns();
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        String[] variants = {"Pending ", "PENDING", " pending", "Pending"};
        for (int i = 0; i < n; i++) {
            String url = "https://media.example/v/" + i;
            urls.add(url);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("URL", url);
            if (i % 7 != 3) {
                row.put("ID", String.format("v%04d", i));
                row.put("Status", i % 5 == 0 ? variants[(i / 5) % variants.length] : "pending");
            }
            row.put("Accent", i % 2 == 0 ? "british" : "indian");
            row.put("Notes", "row " + i);
            rows.add(row);
        }
        Sheet.appendTo(port, TABS.videos(), rows);
        return urls;
    }

    private List<String> agentArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("--endpoint", emulator.baseUrl(), "--spreadsheet", SHEET,
                "--exit-when-idle", "--idle-poll", "1s", "--retry-backoff", "1s"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Agent processes whose journals and logs stay in target/fleet-logs for a look after a failure. */
    private static AgentProcesses fleetIn(TestInfo info) throws IOException {
        return new AgentProcesses(logDir(info), JVM_FLAGS);
    }

    private static Path logDir(TestInfo info) throws IOException {
        Path d = Path.of("target", "fleet-logs", info.getTestMethod().orElseThrow().getName());
        if (Files.exists(d)) {
            try (var files = Files.list(d)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        return Files.createDirectories(d);
    }

    private void recordStats(TestInfo info) throws IOException {
        Path out = Path.of("target", "fleet-stats");
        Files.createDirectories(out);
        String name = info.getTestMethod().orElseThrow().getName();
        Files.writeString(out.resolve(name + ".json"), emulator.stats().toJson().toPrettyString());
        System.out.println(name + " emulator stats: " + emulator.stats().toJson());
    }

    private String logs() {
        return fleet.members().stream().map(m -> "=== " + m.name() + "\n" + AgentProcesses.tail(m.logText()))
                .collect(Collectors.joining("\n"));
    }

    @Test
    @Timeout(90)
    void four_agents_finish_a_hand_edited_queue_of_200_videos_with_none_processed_twice(TestInfo info) throws Exception {
        emulator = SheetsEmulator.builder().port(0).latency(Duration.ofMillis(10), Duration.ofMillis(50))
                .create(SHEET).start();
        List<String> urls = seed(200);
        fleet = fleetIn(info);
        for (int i = 1; i <= 4; i++) {
            fleet.start("agent-" + i, agentArgs("--simulate=300ms", "--concurrency", "6", "--settle-delay", "300ms",
                    "--heartbeat", "2s", "--stall-timeout", "8s"));
        }

        fleet.awaitAll(Duration.ofSeconds(75));
        recordStats(info);

        for (AgentProcesses.Member m : fleet.members()) {
            assertEquals(0, m.process().exitValue(), m.name() + " exit code\n" + logs());
        }
        List<WorkRow> videos = Sheet.rowsOf(sheet(), TABS.videos());
        assertEquals(200, videos.size());
        assertEquals(Set.copyOf(urls), videos.stream().map(WorkRow::url).collect(Collectors.toSet()));
        for (WorkRow v : videos) {
            assertEquals("done", v.get("Status"), v + "\n" + logs());
            assertTrue(v.get("Notes").startsWith("row "), "hand-kept columns untouched: " + v);
        }
        JournalTally journals = JournalTally.read(fleet.journals());
        assertEquals(0, journals.tornLines(), "every journal line whole");
        assertEquals(200, journals.perVideo(Type.PROCESSED).size(), "every video processed");
        assertEquals(Map.of(), journals.processedTwice(), "processed twice");
        List<WorkRow> workers = Sheet.rowsOf(sheet(), TABS.workers());
        assertEquals(4, workers.size());
        long done = 0;
        for (WorkRow w : workers) {
            assertEquals("stopped", w.get("Status"), w.toString());
            done += Long.parseLong(w.get("Done"));
        }
        assertEquals(200, done, "the Workers rows account for every video");
        assertTrue(emulator.stats().count("values.batchGet") > 0);
    }

    @Test
    @Timeout(90)
    void tasks_of_an_agent_killed_with_kill_9_are_finished_by_the_others_after_the_stall_timeout(TestInfo info)
            throws Exception {
        emulator = SheetsEmulator.builder().port(0).latency(Duration.ofMillis(5), Duration.ofMillis(30))
                .create(SHEET).start();
        seed(90);
        fleet = fleetIn(info);
        // Each agent's port paces itself to Google's 60 reads and 60 writes a minute, so a tick (one or two reads and
        // a write) takes 2-3 s: a 1 s heartbeat cannot be kept, and a 4 s stall timeout would take live claims over.
        String[] common = {"--simulate=1s", "--concurrency", "4", "--settle-delay", "300ms", "--heartbeat", "3s",
                "--stall-timeout", "12s"};
        AgentProcesses.Member victim = fleet.start("victim", agentArgs(common));
        awaitClaims(victim, 4);
        fleet.start("survivor-1", agentArgs(common));
        fleet.start("survivor-2", agentArgs(common));
        awaitClaims(victim, 8);
        victim.process().destroyForcibly().waitFor();
        Set<String> unfinished = unfinishedClaims(victim);
        assertTrue(!unfinished.isEmpty(), "the victim died holding tasks");

        fleet.awaitAll(Duration.ofSeconds(75));
        recordStats(info);

        List<WorkRow> videos = Sheet.rowsOf(sheet(), TABS.videos());
        assertEquals(90, videos.size());
        for (WorkRow v : videos) {
            assertEquals("done", v.get("Status"), v + "\n" + logs());
        }
        JournalTally journals = JournalTally.read(fleet.journals());
        assertEquals(0, JournalTally.read(fleet.journals().stream().filter(j -> !j.equals(victim.journal())).toList())
                .tornLines(), "only the killed agent may leave a torn line");
        assertEquals(Map.of(), journals.completedTwice(), () -> "marked done twice; events of the first:\n"
                + eventsOf(journals.completedTwice().keySet().stream().findFirst().orElse("")));
        int takenOver = 0;
        for (String id : unfinished) {
            WorkRow row = videos.stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
            if (row.get("LastError").startsWith("stalled: lease of victim")) {
                takenOver++;
                assertTrue(row.get("ClaimedBy").startsWith("survivor-"), row.toString());
                assertEquals("1", row.get("RetryCount"), "a stall goes through the retry policy: " + row);
            }
        }
        assertTrue(takenOver > 0, "survivors took over the victim's stalled tasks: " + unfinished + "\n" + logs());
        // Only the victim's unfinished tasks may have been processed twice (once by it, once by a survivor).
        Map<String, Integer> processedTwice = journals.processedTwice();
        assertTrue(unfinished.containsAll(processedTwice.keySet()), "processed twice: " + processedTwice);
        for (AgentProcesses.Member m : fleet.members()) {
            if (m != victim) {
                assertEquals(0, m.process().exitValue(), m.name() + "\n" + logs());
            }
        }
    }

    @Test
    @Timeout(90)
    void a_fleet_loses_nothing_through_injected_server_errors_and_duplicates_stay_rare(TestInfo info) throws Exception {
        emulator = SheetsEmulator.builder().port(0).latency(Duration.ofMillis(5), Duration.ofMillis(30)).failRate(0.05)
                .create(SHEET).start();
        seed(120);
        fleet = fleetIn(info);
        for (int i = 1; i <= 3; i++) {
            // Stall timeout well past the port's retry backoff (1-2 s per retried write), so slow renewals are no stall.
            fleet.start("agent-" + i, agentArgs("--simulate=300ms", "--concurrency", "5", "--settle-delay", "300ms",
                    "--heartbeat", "1s", "--stall-timeout", "10s"));
        }

        fleet.awaitAll(Duration.ofSeconds(75));
        recordStats(info);

        assertTrue(emulator.stats().injectedFailures() > 0, "faults were injected");
        Set<String> dead = Sheet.rowsOf(sheet(), TABS.deadVideos()).stream().map(WorkRow::id)
                .collect(Collectors.toSet());
        List<WorkRow> videos = Sheet.rowsOf(sheet(), TABS.videos());
        assertEquals(120, videos.size());
        for (WorkRow v : videos) {
            boolean finished = v.get("Status").equals("done") || (v.get("Status").equals("error") && dead.contains(v.id()));
            assertTrue(finished, "every task ends done or dead-lettered: " + v + "\n" + logs());
        }
        // A 5xx makes the port send a claim again a second or two later, past the settle delay: G1 then allows
        // duplicate work, bounded by one heartbeat. It must stay the exception.
        JournalTally journals = JournalTally.read(fleet.journals());
        assertEquals(0, journals.tornLines(), "every journal line whole");
        Map<String, Integer> processedTwice = journals.processedTwice();
        System.out.println("processed more than once under faults: " + processedTwice);
        assertTrue(processedTwice.size() <= 12, "duplicates stay rare: " + processedTwice);
        for (AgentProcesses.Member m : fleet.members()) {
            assertEquals(0, m.process().exitValue(), m.name() + "\n" + logs());
        }
        for (WorkRow w : Sheet.rowsOf(sheet(), TABS.workers())) {
            assertEquals("stopped", w.get("Status"), w.toString());
        }
    }

    @Test
    @Timeout(60)
    void sigterm_releases_running_tasks_without_counting_a_retry_marks_the_worker_stopped_and_exits_0(TestInfo info)
            throws Exception {
        emulator = SheetsEmulator.builder().port(0).create(SHEET).start();
        seed(6);
        fleet = fleetIn(info);
        AgentProcesses.Member agent = fleet.start("term", List.of("--endpoint", emulator.baseUrl(), "--spreadsheet",
                SHEET, "--simulate=60s", "--concurrency", "2", "--settle-delay", "300ms", "--heartbeat", "3s",
                "--grace", "500ms"));
        // why the short heartbeat: on a loaded machine a claim answered after the 300 ms settle delay waits out one
        // lease interval before it runs (PROTOCOL.md, late claims); the default minute would outlast this test.
        awaitClaims(agent, 2);

        agent.process().destroy(); // SIGTERM

        fleet.awaitAll(Duration.ofSeconds(30));
        recordStats(info);
        assertEquals(0, agent.process().exitValue(), agent.logText());
        JournalTally journals = JournalTally.read(fleet.journals());
        assertEquals(0, journals.tornLines(), "every journal line whole");
        // Two running, and (agents claim ahead of their workers) possibly one more held ready: all released.
        assertTrue(journals.count(Type.RELEASED) >= 2, agent.logText());
        assertEquals(journals.count(Type.CLAIMED), journals.count(Type.RELEASED), agent.logText());
        assertEquals(journals.perVideo(Type.CLAIMED).keySet(), journals.perVideo(Type.RELEASED).keySet(),
                "what it held is what it released");
        for (WorkRow v : Sheet.rowsOf(sheet(), TABS.videos())) {
            assertTrue(v.get("Status").trim().equalsIgnoreCase("pending") || v.get("Status").isBlank(), v.toString());
            assertTrue(v.get("RetryCount").isEmpty() || v.get("RetryCount").equals("0"), "no retry counted: " + v);
        }
        WorkRow worker = Sheet.rowsOf(sheet(), TABS.workers()).get(0);
        assertEquals("term", worker.get("Worker"));
        assertEquals("stopped", worker.get("Status"));
        assertEquals("", worker.get("Current"));
    }

    /** Every journal line about video {@code id}, for a failure message. */
    private String eventsOf(String id) {
        List<String> lines = new ArrayList<>();
        for (Path journal : fleet.journals()) {
            try {
                Files.readAllLines(journal).stream().filter(l -> l.contains("\"id\":\"" + id + "\""))
                        .forEach(lines::add);
            } catch (IOException e) {
                lines.add(journal + ": " + e);
            }
        }
        return String.join("\n", lines);
    }

    /** Polls the agent's journal until it claimed {@code n} videos. */
    private static void awaitClaims(AgentProcesses.Member m, int n) {
        Processes.await(Duration.ofSeconds(30), m.name() + " to claim " + n + " videos", () -> {
            if (!m.process().isAlive()) {
                throw new AssertionError(m.name() + " exited early:\n" + m.logText());
            }
            return JournalTally.read(List.of(m.journal())).count(Type.CLAIMED) >= n;
        });
    }

    /** Videos the agent claimed but never marked done, as its journal tells. */
    private static Set<String> unfinishedClaims(AgentProcesses.Member m) throws IOException {
        Set<String> claimed = new HashSet<>();
        for (String line : Files.readAllLines(m.journal())) {
            String id = line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            if (line.contains("\"event\":\"claimed\"")) {
                claimed.add(id);
            } else if (line.contains("\"event\":\"done\"") || line.contains("\"event\":\"released\"")) {
                claimed.remove(id);
            }
        }
        return claimed;
    }
}
