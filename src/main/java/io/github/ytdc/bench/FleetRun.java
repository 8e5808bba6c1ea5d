package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ytdc bench}: one fleet of agents working through simulated tasks against a Sheets emulator, measured. Seeds
 * {@code doneRows} finished rows and {@code tasks} pending ones, starts the agents (threads in this JVM, or separate
 * {@code ytdc agent} processes), waits until their journals account for every task, and reports throughput, the
 * emulator's request counts, 429s, duplicates and lost tasks, claim latency and memory.
 */
final class FleetRun {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRun.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

    /** Agents as threads of coordinators in this JVM, or as processes; the run needs only this of them. */
    private interface RunningAgents extends AutoCloseable {
        List<Path> journals();

        void sampleMemory();

        /** Peak resident memory per agent in KiB; for threads, the whole JVM's under one name. */
        Map<String, Long> peakMemoryKib();

        void stop() throws InterruptedException;

        @Override
        void close();
    }

    private final Bench.FleetSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    FleetRun(Bench.FleetSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs the fleet to the end (or the timeout) and reports what it measured. */
    FleetReport run() throws InterruptedException {
        try (EmulatedSheet sheet = settings.endpoint() == null
                ? EmulatedSheet.start(settings.quota(), settings.latency(), settings.jitter())
                : EmulatedSheet.remote(settings.endpoint(), settings.spreadsheetId())) {
            Path dir = tempDir();
            // Ids unique per run, so runs against one long-lived emulator never mix their rows.
            String prefix = "b" + Long.toString(clock.millis() % 1_000_000_000L, 36) + "-";
            List<String> pending = sheet.seedVideos(prefix, settings.doneRows(), settings.tasks(),
                    clock.instant().minus(Duration.ofDays(1)));
            Set<String> expected = Set.copyOf(pending);
            StatsSnapshot before = sheet.stats();
            Instant start = clock.instant();
            Instant deadline = start.plus(settings.timeout());
            StatsSnapshot during;
            Duration elapsed;
            boolean finished;
            Map<String, Long> memory;
            List<Path> journals;
            try (RunningAgents agents = settings.processes() ? processes(sheet, dir) : threads(sheet, dir)) {
                while (true) {
                    agents.sampleMemory();
                    finished = JournalTally.read(agents.journals()).finished().containsAll(expected);
                    if (finished || !clock.instant().isBefore(deadline)) {
                        break;
                    }
                    sleeper.sleep(POLL);
                }
                elapsed = Duration.between(start, clock.instant());
                during = sheet.stats().minus(before);
                journals = agents.journals();
                agents.stop();
                memory = agents.peakMemoryKib();
            }
            JournalTally tally = JournalTally.read(journals);
            return report(sheet, expected, tally, during, elapsed, finished, memory, dir);
        }
    }

    private FleetReport report(EmulatedSheet sheet, Set<String> expected, JournalTally tally, StatsSnapshot stats,
                               Duration elapsed, boolean finished, Map<String, Long> memory, Path dir) {
        Set<String> doneInSheet = new HashSet<>();
        for (WorkRow r : sheet.rows(sheet.tabs().videos())) {
            if (r.hasStatus(Status.DONE) && expected.contains(r.id())) {
                doneInSheet.add(r.id());
            }
        }
        Set<String> dead = new HashSet<>();
        sheet.rows(sheet.tabs().deadVideos()).forEach(r -> dead.add(r.id()));
        List<String> lost = expected.stream().filter(id -> !doneInSheet.contains(id) && !dead.contains(id)).sorted()
                .toList();
        long finishedTasks = tally.finished().stream().filter(expected::contains).count();
        return new FleetReport(settings, finished, elapsed, finishedTasks, doneInSheet.size(),
                expected.stream().filter(dead::contains).count(), stats, tally.completedTwice(),
                tally.processedTwice(), lost, tally.failedAttempts(), tally.claimLatencies(), new TreeMap<>(memory),
                dir);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ytdc-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the agents' journals: " + e.getMessage(), e);
        }
    }

    private static String agentName(int i) {
        return "bench-agent-" + i;
    }

    private RunningAgents threads(EmulatedSheet sheet, Path dir) {
        List<GoogleSpreadsheetPort> ports = new ArrayList<>();
        List<CoordinatorConfig> configs = new ArrayList<>();
        for (int a = 1; a <= settings.agents(); a++) {
            GoogleSpreadsheetPort port = sheet.agentPort(agentName(a));
            ports.add(port);
            configs.add(BenchAgents.agentConfig(port, agentName(a), settings.concurrency(), settings.settleDelay(),
                    dir).build());
        }
        AgentFleet fleet = new AgentFleet(configs, new SimulatedProcessor(settings.taskTime(), sleeper, new Random()),
                clock, sleeper);
        List<Path> journals = configs.stream().map(c -> dir.resolve(c.workerName() + ".jsonl")).toList();
        return new RunningAgents() {
            private long peak;

            @Override
            public List<Path> journals() {
                return journals;
            }

            @Override
            public void sampleMemory() {
                ProcStatus.read(ProcessHandle.current().pid()).ifPresent(s -> peak = Math.max(peak, s.vmHwmKib()));
            }

            @Override
            public Map<String, Long> peakMemoryKib() {
                return Map.of("this JVM (all agents and the emulator)", peak);
            }

            @Override
            public void stop() {
                fleet.close();
            }

            @Override
            public void close() {
                fleet.close();
                ports.forEach(GoogleSpreadsheetPort::close);
            }
        };
    }

    private RunningAgents processes(EmulatedSheet sheet, Path dir) {
        AgentProcesses fleet = new AgentProcesses(dir, settings.jvmFlags());
        for (int a = 1; a <= settings.agents(); a++) {
            fleet.start(agentName(a), agentArgs(sheet, agentName(a)));
        }
        return new RunningAgents() {
            @Override
            public List<Path> journals() {
                return fleet.journals();
            }

            @Override
            public void sampleMemory() {
                fleet.sampleMemory();
            }

            @Override
            public Map<String, Long> peakMemoryKib() {
                return fleet.peakMemoryKib();
            }

            @Override
            public void stop() throws InterruptedException {
                fleet.stopAll(STOP_PATIENCE);
                for (AgentProcesses.Member m : fleet.members()) {
                    int exit = m.process().exitValue();
                    if (exit != 0 && exit != 143) {
                        LOG.warn("agent {} exited with {}; the end of its log:\n{}", m.name(), exit,
                                AgentProcesses.tail(m.logText()));
                    }
                }
            }

            @Override
            public void close() {
                fleet.close();
            }
        };
    }

    /** The command line of an agent process: the same settings a thread agent gets. */
    private List<String> agentArgs(EmulatedSheet sheet, String name) {
        List<String> args = new ArrayList<>(sheet.simulatedAgentArgs(name, settings.taskTime(),
                settings.concurrency(), settings.settleDelay()));
        // A claim answered later than the settle delay waits one heartbeat: thread agents renew every
        // AGENT_HEARTBEAT, and so must processes, or a loaded host turns each late claim into a minute's wait.
        args.addAll(List.of("--heartbeat", BenchAgents.AGENT_HEARTBEAT.toSeconds() + "s"));
        return args;
    }
}
