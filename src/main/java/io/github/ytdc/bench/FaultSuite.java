package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code ytdc bench faults}: agent processes work through simulated tasks while everything that goes wrong in a
 * real fleet is injected at random: agents killed with {@code kill -9} and restarted, 5xx answers (half of them after
 * the write was applied), latency spikes longer than the settle delay, quota 429s, and a person inserting, deleting
 * and sorting rows of Video Tasks. Once the faults stop, the fleet must finish: every task done or dead-lettered,
 * none completed twice. Every injection is reported with its time, and the random seed reproduces the schedule.
 *
 * <p>The fleet counts as finished only once the sheet has shown every task finished for a quiet period (the longest
 * a request can be held, plus two settle delays and two seconds): a write sent by an agent just before it was killed
 * can still land after the sheet first looked finished, and the live agents must be seen to put such a row right,
 * as a person watching the dashboard would wait for it to stay green.
 */
final class FaultSuite {
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Bench.FaultSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    /** @param progress told of every injection as it happens, for a person watching */
    FaultSuite(Bench.FaultSettings settings, Clock clock, Sleeper sleeper, Consumer<String> progress) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /** Runs the fleet through the faults until it finishes (or the timeout) and reports what it injected and counted. */
    FaultReport run() throws InterruptedException {
        Path dir = tempDir();
        Random random = new Random(settings.seed());
        try (EmulatedSheet sheet = EmulatedSheet.start(b -> b.quota(QuotaMode.GOOGLE)
                .latency(settings.latency(), settings.jitter()).failRate(settings.failRate())
                .latencySpikes(settings.spikeProbability(), settings.spike()).random(new Random(settings.seed() + 1)));
             AgentProcesses agents = new AgentProcesses(dir, settings.jvmFlags())) {
            Set<String> expected = new HashSet<>(sheet.seedVideos("f", 0, settings.tasks(), clock.instant()));
            HandEditor editor = new HandEditor(sheet.setup(), sheet.tabs().videos(), new Random(settings.seed() + 2));
            List<String> injected = new ArrayList<>();
            Map<HandEditor.Kind, Integer> edits = new TreeMap<>();
            int kills = 0;
            Instant start = clock.instant();
            Consumer<String> log = line -> {
                String stamped = String.format("%6.1fs %s", Duration.between(start, clock.instant()).toMillis() / 1000.0,
                        line);
                injected.add(stamped);
                progress.accept(stamped);
            };
            List<String> names = new ArrayList<>();
            for (int a = 1; a <= settings.agents(); a++) {
                names.add("fault-agent-" + a);
                agents.start(names.get(a - 1), agentArgs(sheet, names.get(a - 1)));
            }
            Instant faultsEnd = start.plus(settings.faultWindow());
            Instant deadline = start.plus(settings.timeout());
            // The first kill and edit come after exactly one mean interval, so a short run always has both.
            Instant nextKill = start.plus(settings.killEvery());
            Instant nextEdit = start.plus(settings.editEvery());
            Instant nextCheck = start;
            Map<String, Instant> restarts = new LinkedHashMap<>();
            Map<String, List<Instant>> killTimes = new HashMap<>();
            boolean injecting = true;
            boolean finished = false;
            Instant finishedSince = null;
            Duration quiet = settings.latency().plus(settings.jitter()).plus(settings.spike())
                    .plus(settings.settleDelay().multipliedBy(2)).plusSeconds(2);
            while (clock.instant().isBefore(deadline)) {
                Instant now = clock.instant();
                agents.sampleMemory();
                if (injecting && !now.isBefore(nextKill)) {
                    List<String> alive = names.stream().filter(n -> !restarts.containsKey(n)).toList();
                    if (!alive.isEmpty()) {
                        String victim = alive.get(random.nextInt(alive.size()));
                        agents.kill(victim);
                        killTimes.computeIfAbsent(victim, k -> new ArrayList<>()).add(now);
                        kills++;
                        Duration after = Duration.ofMillis(random.nextLong(settings.restartWithin().toMillis() + 1));
                        restarts.put(victim, now.plus(after));
                        log.accept("kill -9 " + victim + " (restart in " + Durations.format(after) + ")");
                    }
                    nextKill = now.plus(exponential(random, settings.killEvery()));
                }
                if (injecting && !now.isBefore(nextEdit)) {
                    HandEditor.Edit e = editor.randomEdit();
                    edits.merge(e.kind(), 1, Integer::sum);
                    expected.addAll(e.addedIds());
                    e.deletedIds().forEach(expected::remove);
                    log.accept("hand edit: " + e.description());
                    nextEdit = now.plus(exponential(random, settings.editEvery()));
                }
                for (Map.Entry<String, Instant> r : List.copyOf(restarts.entrySet())) {
                    if (!now.isBefore(r.getValue())) {
                        agents.start(r.getKey(), agentArgs(sheet, r.getKey()));
                        restarts.remove(r.getKey());
                        log.accept("restarted " + r.getKey());
                    }
                }
                if (!now.isBefore(nextCheck)) {
                    nextCheck = now.plus(CHECK_EVERY);
                    boolean allFinished = unfinished(sheet, expected).isEmpty();
                    if (injecting && (allFinished || !now.isBefore(faultsEnd))) {
                        injecting = false;
                        log.accept("faults stop; waiting for the fleet to finish");
                    }
                    if (!injecting && allFinished && restarts.isEmpty()) {
                        if (finishedSince == null) {
                            finishedSince = now;
                        }
                        if (!now.isBefore(finishedSince.plus(quiet))) {
                            finished = true;
                            break;
                        }
                    } else {
                        if (finishedSince != null && !allFinished) {
                            log.accept("the sheet looked finished, then these went back: "
                                    + unfinished(sheet, expected));
                        }
                        finishedSince = null;
                    }
                }
                sleeper.sleep(STEP);
            }
            Duration elapsed = Duration.between(start, clock.instant());
            StatsSnapshot stats = sheet.stats();
            agents.stopAll(Duration.ofSeconds(60));
            JournalTally tally = JournalTally.read(agents.journals(), killTimes);
            return report(sheet, expected, tally, stats, finished, elapsed, kills, edits, injected, dir);
        }
    }

    private FaultReport report(EmulatedSheet sheet, Set<String> expected, JournalTally tally, StatsSnapshot stats,
                               boolean finished, Duration elapsed, int kills, Map<HandEditor.Kind, Integer> edits,
                               List<String> injected, Path dir) {
        List<WorkRow> videos = sheet.rows(sheet.tabs().videos());
        Map<String, Integer> rowsPerId = new HashMap<>();
        videos.forEach(r -> rowsPerId.merge(r.id(), 1, Integer::sum));
        Map<String, Integer> duplicateRows = new TreeMap<>();
        rowsPerId.forEach((id, n) -> {
            if (n > 1) {
                duplicateRows.put(id, n);
            }
        });
        Set<String> dead = deadLettered(sheet);
        long done = videos.stream().filter(r -> expected.contains(r.id()) && r.hasStatus(Status.DONE)).count();
        long deadCount = expected.stream().filter(dead::contains).count();
        Map<String, Integer> completedTwice = new TreeMap<>(tally.completedTwice());
        completedTwice.keySet().retainAll(expected);
        // Done in the sheet but never run by anyone: another task's result written onto this row.
        Set<String> ran = tally.perVideo(TaskEvent.Type.PROCESSED).keySet();
        List<String> doneUnprocessed = videos.stream().filter(r -> expected.contains(r.id()) && r.hasStatus(Status.DONE)
                && !ran.contains(r.id())).map(WorkRow::id).sorted().toList();
        Set<String> runTwice = new TreeSet<>(tally.runByTwoLiveAgents());
        runTwice.retainAll(expected);
        return new FaultReport(settings, finished, elapsed, kills, edits, stats, injected, expected.size(), done,
                deadCount, unfinished(sheet, expected), completedTwice, tally.processedTwice(), duplicateRows,
                doneUnprocessed, runTwice, tally.failedAttempts(), tally.tornLines(), dir);
    }

    /** Expected tasks neither done in Video Tasks nor on the dead-letter tab, read from the emulator's model. */
    private static List<String> unfinished(EmulatedSheet sheet, Set<String> expected) {
        Set<String> finished = deadLettered(sheet);
        for (WorkRow r : sheet.rows(sheet.tabs().videos())) {
            if (r.hasStatus(Status.DONE)) {
                finished.add(r.id());
            }
        }
        return expected.stream().filter(id -> !finished.contains(id)).sorted().toList();
    }

    private static Set<String> deadLettered(EmulatedSheet sheet) {
        Set<String> dead = new HashSet<>();
        sheet.rows(sheet.tabs().deadVideos()).forEach(r -> dead.add(r.id()));
        return dead;
    }

    private static Duration exponential(Random random, Duration mean) {
        return Duration.ofMillis((long) (-Math.log(1 - random.nextDouble()) * mean.toMillis()));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ytdc-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the agents' journals: " + e.getMessage(), e);
        }
    }

    /** An agent process's command line. */
    private List<String> agentArgs(EmulatedSheet sheet, String name) {
        List<String> args = new ArrayList<>(sheet.simulatedAgentArgs(name, settings.taskTime(), settings.concurrency(),
                settings.settleDelay()));
        args.addAll(List.of("--heartbeat", settings.heartbeat().toMillis() + "ms",
                "--stall-timeout", settings.stallTimeout().toMillis() + "ms",
                "--retry-backoff", settings.retryBackoff().toMillis() + "ms",
                "--max-retries", Integer.toString(settings.maxRetries()), "--grace", "5s"));
        return args;
    }
}
