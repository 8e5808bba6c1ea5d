package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The benches of {@code ytdc bench}, each against Sheets emulators in this process reached over HTTP by the real
 * Google client and real coordinators: {@link #fleet one measured fleet}, {@link #targets SPEC section 8's targets}
 * and {@link #faults the fault suite}. Each takes a settings record and returns a {@link Report} to print.
 *
 * <pre>{@code
 * Bench.Report r = Bench.targets(Bench.TargetSettings.defaults(), List.of("fleet"), System.err::println);
 * System.out.print(r.text());
 * }</pre>
 */
public final class Bench {
    /**
     * The agent JVM flags users are told to run with (JAVA_OPTS in systemd/ytdc.env.example and scripts/run-local.sh),
     * which the memory scenario measures: a bounded heap and the serial collector, the smallest footprint for a
     * process whose work is waiting on the network and on yt-dlp.
     */
    public static final String AGENT_JVM_FLAGS = "-Xmx128m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";

    private Bench() {}

    /**
     * Runs one fleet of agents on simulated tasks to the end (or the timeout) and measures it.
     *
     * @return passed when every task finished with none completed twice and none lost; has a JSON form
     */
    public static Report fleet(FleetSettings settings) throws InterruptedException {
        FleetReport r = new FleetRun(settings, Clock.systemUTC(), Sleeper.system()).run();
        return new Report(r.clean(), r.toText(), r.toJson().toPrettyString());
    }

    /**
     * Measures SPEC section 8's targets: the named scenarios (all when {@code scenarios} is empty) one after another.
     * A scenario that throws is reported as failed and the others still run.
     *
     * @param progress told when each scenario starts and ends, for a person watching
     * @return passed when every target is met; has a JSON form
     * @throws IllegalArgumentException naming the known scenarios when a name is unknown, before anything runs
     */
    public static Report targets(TargetSettings settings, List<String> scenarios, Consumer<String> progress) {
        BenchReport r = new TargetRun(settings, Clock.systemUTC(), Sleeper.system()).run(scenarios, progress);
        return new Report(r.passed(), r.toText(), r.toJson().toPrettyString());
    }

    /**
     * Runs agent processes through injected faults until they finish (or the timeout).
     *
     * @param progress told of every injection as it happens, for a person watching
     * @return passed when every task was done or dead-lettered, none twice; has no JSON form
     */
    public static Report faults(FaultSettings settings, Consumer<String> progress) throws InterruptedException {
        FaultReport r = new FaultSuite(settings, Clock.systemUTC(), Sleeper.system(), progress).run();
        return new Report(r.passed(), r.toText(), null);
    }

    /** What a bench measured, for people ({@link #text()}) or scripts ({@link #json()}), and whether it passed. */
    public static final class Report {
        private final boolean passed;
        private final String text;
        private final String json;

        private Report(boolean passed, String text, String json) {
            this.passed = passed;
            this.text = text;
            this.json = json;
        }

        /** Whether the bench passed: its exit code is 0 if so, 1 if not. */
        public boolean passed() {
            return passed;
        }

        /** The report for a person, lines ending with the platform's line separator, the last one a summary. */
        public String text() {
            return text;
        }

        /** The same results as pretty-printed JSON, for the benches that have a JSON form. */
        public Optional<String> json() {
            return Optional.ofNullable(json);
        }
    }

    /**
     * How long a simulated task takes: uniformly between {@code min} and {@code max}, both included.
     *
     * @param min the shortest wait, not negative
     * @param max the longest wait, at least {@code min}
     */
    public record TaskTime(Duration min, Duration max) {
        public TaskTime {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("a simulated task time needs 0 <= MIN <= MAX, was "
                        + Durations.format(min) + ".." + Durations.format(max));
            }
        }

        /** Exactly {@code d} per task. */
        public static TaskTime exactly(Duration d) {
            return new TaskTime(d, d);
        }

        /** Parses {@code MAX} (0 to MAX) or {@code MIN..MAX}, e.g. {@code 2s} or {@code 500ms..3s}. */
        public static TaskTime parse(String text) {
            int dots = text.indexOf("..");
            if (dots < 0) {
                return new TaskTime(Duration.ZERO, Durations.parse(text.trim()));
            }
            return new TaskTime(Durations.parse(text.substring(0, dots).trim()), Durations.parse(text.substring(dots + 2).trim()));
        }

        /** For people: {@code no-op}, {@code 1s}, {@code up to 2s} or {@code 500ms to 2s}. */
        public String describe() {
            if (max.isZero()) {
                return "no-op";
            }
            return min.equals(max) ? Durations.format(max) : min.isZero() ? "up to " + Durations.format(max)
                    : Durations.format(min) + " to " + Durations.format(max);
        }

        /** The form {@link #parse} reads back. */
        @Override
        public String toString() {
            return min.equals(max) ? min.toMillis() + "ms.." + max.toMillis() + "ms"
                    : min.isZero() ? Durations.format(max) : Durations.format(min) + ".." + Durations.format(max);
        }
    }

    /**
     * {@code ytdc agent --simulate}: a processor that "processes" a video by waiting a random time within
     * {@code time}, downloading nothing, reporting progress as a download would; a cancelled task stops waiting at
     * once. For trying a fleet against a real sheet without downloading.
     */
    public static TaskProcessor simulatedProcessor(TaskTime time) {
        return new SimulatedProcessor(time, Sleeper.system(), new java.security.SecureRandom());
    }

    /**
     * What {@link #fleet} runs.
     *
     * @param agents        agents, each its own quota caller
     * @param processes     true: each agent is a separate JVM ({@code ytdc agent --simulate}); false: threads here
     * @param tasks         pending video rows to process
     * @param taskTime      how long each simulated task takes
     * @param concurrency   tasks each agent runs at once
     * @param doneRows      finished rows seeded above the pending ones (a big sheet)
     * @param latency       the in-process emulator's latency per answer
     * @param jitter        a uniform random addition to {@code latency}
     * @param endpoint      a running {@code ytdc emulator} to use instead of an in-process one, or {@code null}
     * @param spreadsheetId the spreadsheet at {@code endpoint}
     * @param quota         the in-process emulator's quotas ({@code GOOGLE}: 60 + 60 per minute per caller)
     * @param settleDelay   every agent's claim settle delay
     * @param timeout       the longest the agents may take
     * @param jvmFlags      flags for agent processes
     */
    public record FleetSettings(int agents, boolean processes, int tasks, TaskTime taskTime,
                                int concurrency, int doneRows, Duration latency, Duration jitter, URI endpoint,
                                String spreadsheetId, QuotaMode quota, Duration settleDelay, Duration timeout,
                                List<String> jvmFlags) {
        /** Checks the values, naming the {@code ytdc bench} option of a wrong one. */
        public FleetSettings {
            Objects.requireNonNull(taskTime, "taskTime");
            Objects.requireNonNull(quota, "quota");
            jvmFlags = List.copyOf(jvmFlags);
            atLeast("--agents", agents, 1);
            atLeast("--tasks", tasks, 1);
            atLeast("--concurrency", concurrency, 1);
            atLeast("--done-rows", doneRows, 0);
            if (latency.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("--latency must not be negative");
            }
            if (settleDelay.isNegative() || settleDelay.isZero()
                    || settleDelay.compareTo(CoordinatorConfig.DEFAULT_HEARTBEAT) >= 0) {
                throw new IllegalArgumentException("--settle must be above 0 and below the heartbeat ("
                        + Durations.format(CoordinatorConfig.DEFAULT_HEARTBEAT) + "), was " + Durations.format(settleDelay));
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be positive, was " + Durations.format(timeout));
            }
        }

        private static void atLeast(String option, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
            }
        }

        /**
         * The settle delay when none is given: 1 s, or twice the slowest answer the emulator's latency allows, so that
         * claims are verified only after any competing write has landed (SPEC G1).
         */
        public static Duration defaultSettleDelay(Duration latency, Duration jitter) {
            Duration twiceSlowest = latency.plus(jitter).multipliedBy(2);
            return twiceSlowest.compareTo(Duration.ofSeconds(1)) > 0 ? twiceSlowest : Duration.ofSeconds(1);
        }
    }

    /**
     * Sizes and agent settings of {@link #targets}. {@link #defaults()} are SPEC section 8's numbers.
     *
     * @param settleDelay         every agent's claim settle delay
     * @param tasks               requests-per-task: no-op tasks for the one agent
     * @param fleetAgents         fleet: agents, each its own quota user
     * @param fleetTasks          fleet: no-op tasks
     * @param fleetConcurrency    fleet: slots (threads) per agent
     * @param videos              expansion: videos listed by the one source
     * @param doneRows            claim-cost: done rows above the pending ones on the big sheet
     * @param pendingRows         claim-cost: pending rows (the whole small sheet)
     * @param claimCostDuration   claim-cost: how long each sheet is measured; also the whole-tab sweep interval
     * @param memoryRows          memory: rows of the sheet the child agent works on
     * @param memoryDuration      memory: how long the child agent runs while its memory is sampled
     * @param memoryJvmFlags      memory: flags for the child JVM (empty: the JVM's defaults)
     * @param modelRows           model-scale: rows on the tab before the timed steps, on each backend
     * @param timeout             the longest any one scenario may run before it is reported as failed (campaign and
     *                            full-workbook: {@code scaleTimeout})
     * @param campaignVideos      campaign: videos of the whole campaign
     * @param campaignPace        campaign: videos added a minute at most (0: as fast as the sheet takes them)
     * @param campaignArchiveAfter campaign: the agents' archive age (the only archive setting not at its default)
     * @param campaignWindow      campaign: how long claim cost is measured at each end; also that agent's sweep interval
     * @param scaleAgents         campaign and full-workbook: agents in this JVM (the campaign adds one agent process)
     * @param fullWorkbookCells   full-workbook: cells the workbook is filled to before the source is added
     * @param cellCap             campaign and full-workbook: the cap agents keep under (Google's 10,000,000; smaller
     *                            only to try the scenarios small; the emulator always refuses past 10,000,000)
     * @param scaleTimeout        campaign and full-workbook: the longest each may run
     */
    public record TargetSettings(Duration settleDelay, int tasks, int fleetAgents, int fleetTasks, int fleetConcurrency,
                                 int videos, int doneRows, int pendingRows, Duration claimCostDuration, int memoryRows,
                                 Duration memoryDuration, List<String> memoryJvmFlags, int modelRows,
                                 Duration timeout, int campaignVideos, int campaignPace, Duration campaignArchiveAfter,
                                 Duration campaignWindow, int scaleAgents, long fullWorkbookCells, long cellCap,
                                 Duration scaleTimeout) {
        /** Checks the values: sizes positive, durations positive, the settle delay shorter than the heartbeat. */
        public TargetSettings {
            Objects.requireNonNull(settleDelay, "settleDelay");
            memoryJvmFlags = List.copyOf(memoryJvmFlags);
            positive("tasks", tasks);
            positive("agents", fleetAgents);
            positive("fleet tasks", fleetTasks);
            positive("fleet concurrency", fleetConcurrency);
            positive("videos", videos);
            positive("pending rows", pendingRows);
            positive("memory rows", memoryRows);
            if (doneRows < 0) {
                throw new IllegalArgumentException("done rows must be >= 0, was " + doneRows);
            }
            if (modelRows < 0) {
                throw new IllegalArgumentException("model rows must be >= 0, was " + modelRows);
            }
            positive("campaign videos", campaignVideos);
            positive("agents", scaleAgents);
            if (campaignPace < 0) {
                throw new IllegalArgumentException("campaign pace must be >= 0 (0: no limit), was " + campaignPace);
            }
            if (cellCap <= 0 || fullWorkbookCells <= 0) {
                throw new IllegalArgumentException("cell cap and cells to fill must be > 0, were " + cellCap + " and "
                        + fullWorkbookCells);
            }
            for (Duration d : List.of(settleDelay, claimCostDuration, memoryDuration, timeout, campaignArchiveAfter,
                    campaignWindow, scaleTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive, was " + Durations.format(d));
                }
            }
            if (settleDelay.compareTo(BenchAgents.AGENT_HEARTBEAT) >= 0) {
                throw new IllegalArgumentException("settle delay must be shorter than the heartbeat ("
                        + Durations.format(BenchAgents.AGENT_HEARTBEAT) + "), was " + Durations.format(settleDelay));
            }
        }

        /** The same with the campaign and full-workbook scenarios at their defaults. */
        public TargetSettings(Duration settleDelay, int tasks, int fleetAgents, int fleetTasks, int fleetConcurrency,
                              int videos, int doneRows, int pendingRows, Duration claimCostDuration, int memoryRows,
                              Duration memoryDuration, List<String> memoryJvmFlags, int modelRows, Duration timeout) {
            this(settleDelay, tasks, fleetAgents, fleetTasks, fleetConcurrency, videos, doneRows, pendingRows,
                    claimCostDuration, memoryRows, memoryDuration, memoryJvmFlags, modelRows, timeout,
                    CampaignScenario.DEFAULT_VIDEOS, CampaignScenario.DEFAULT_PACE,
                    CampaignScenario.DEFAULT_ARCHIVE_AFTER, CoordinatorConfig.DEFAULT_SWEEP_INTERVAL,
                    CampaignScenario.DEFAULT_AGENTS, FullWorkbookScenario.DEFAULT_CELLS,
                    CoordinatorConfig.DEFAULT_CELL_CAP, CampaignScenario.DEFAULT_TIMEOUT);
        }

        private static void positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, was " + v);
            }
        }

        /**
         * SPEC section 8's sizes, a 1 s settle delay and the coordinator's other defaults; model-scale on a tab of
         * 200,000 rows, the size of issue 12's target; a campaign of 1,000,000 videos and a workbook filled to
         * 9,900,000 cells (issue "Scale at both ends").
         */
        public static TargetSettings defaults() {
            // 45 s per claim-cost sheet charges the sweep at 2.7 times the default rate (one per 2 min); 40 s of memory
            // samples span the agent's start, its first sweep and steady work. Together they keep the bench near 9 min.
            return new TargetSettings(Duration.ofSeconds(1), 400, 10, 1000, BenchAgents.AGENT_CONCURRENCY, 5000,
                    100_000, 1000, Duration.ofSeconds(45), 100_000, Duration.ofSeconds(40),
                    BenchAgents.RECOMMENDED_AGENT_JVM_FLAGS, ModelScaleScenario.DEFAULT_ROWS, Duration.ofMinutes(6));
        }
    }

    /**
     * What {@link #faults} runs and injects.
     *
     * @param agents           agent processes
     * @param tasks            pending tasks seeded
     * @param concurrency      tasks each agent runs at once
     * @param taskTime         how long each simulated task takes
     * @param faultWindow      how long faults are injected (they also stop once every task is finished)
     * @param killEvery        mean time between two {@code kill -9}s
     * @param restartWithin    a killed agent is restarted after a random delay up to this
     * @param failRate         share of requests answered 500/503 (half of the failed writes applied anyway)
     * @param latency          every answer's latency
     * @param jitter           a random addition to it
     * @param spikeProbability share of requests held back by a latency spike before they are applied
     * @param spike            how long a spike holds a request (make it longer than {@code settleDelay})
     * @param editEvery        mean time between two hand edits of Video Tasks
     * @param settleDelay      agents' claim settle delay
     * @param heartbeat        agents' lease renewal interval
     * @param stallTimeout     after this without a renewal a claim is taken over (at least 4 x heartbeat)
     * @param retryBackoff     first retry backoff
     * @param maxRetries       retries before a task is dead-lettered
     * @param timeout          the longest the whole run may take
     * @param seed             seeds every random choice of the suite and the emulator
     * @param jvmFlags         flags for the agent JVMs
     */
    public record FaultSettings(int agents, int tasks, int concurrency, TaskTime taskTime,
                                Duration faultWindow, Duration killEvery, Duration restartWithin, double failRate,
                                Duration latency, Duration jitter, double spikeProbability, Duration spike,
                                Duration editEvery, Duration settleDelay, Duration heartbeat, Duration stallTimeout,
                                Duration retryBackoff, int maxRetries, Duration timeout, long seed,
                                List<String> jvmFlags) {
        /** Checks the values, naming the {@code ytdc bench faults} option of a wrong one. */
        public FaultSettings {
            Objects.requireNonNull(taskTime, "taskTime");
            jvmFlags = List.copyOf(jvmFlags);
            if (agents < 1 || tasks < 1 || concurrency < 1 || maxRetries < 0) {
                throw new IllegalArgumentException("--agents, --tasks and --concurrency must be at least 1 and "
                        + "--max-retries not negative");
            }
            for (Duration d : List.of(faultWindow, killEvery, editEvery, settleDelay, heartbeat, stallTimeout,
                    retryBackoff, timeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive, was " + Durations.format(d));
                }
            }
            if (stallTimeout.compareTo(heartbeat.multipliedBy(CoordinatorConfig.MIN_HEARTBEATS_PER_STALL)) < 0) {
                throw new IllegalArgumentException("--stall-timeout must be at least "
                        + CoordinatorConfig.MIN_HEARTBEATS_PER_STALL + " x --heartbeat");
            }
            if (settleDelay.compareTo(heartbeat) >= 0) {
                throw new IllegalArgumentException("--settle must be shorter than --heartbeat");
            }
        }
    }
}
