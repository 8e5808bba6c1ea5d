package io.github.ytdc.bench;

import io.github.ytdc.agent.SimulatedProcessor;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Sizes and agent settings of a bench run. {@link #defaults()} are SPEC section 8's numbers.
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
 * @param timeout             the longest any one scenario may run before it is reported as failed
 */
public record BenchSettings(Duration settleDelay, int tasks, int fleetAgents, int fleetTasks, int fleetConcurrency,
                            int videos, int doneRows, int pendingRows, Duration claimCostDuration, int memoryRows,
                            Duration memoryDuration, List<String> memoryJvmFlags, Duration timeout) {

    /**
     * The agent JVM flags users are told to run with (JAVA_OPTS in systemd/ytdc.env.example and scripts/run-local.sh),
     * which the memory scenario measures: a bounded heap and the serial collector, the smallest footprint for a
     * process whose work is waiting on the network and on yt-dlp.
     */
    public static final String AGENT_JVM_FLAGS = "-Xmx128m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";
    static final List<String> RECOMMENDED_AGENT_JVM_FLAGS = List.of(AGENT_JVM_FLAGS.split(" "));

    /** Agents per fleet share one host here, so each gets its own worker name. */
    static final int AGENT_CONCURRENCY = 4;

    public BenchSettings {
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
        for (Duration d : List.of(settleDelay, claimCostDuration, memoryDuration, timeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, was " + d);
            }
        }
        if (settleDelay.compareTo(AGENT_HEARTBEAT) >= 0) {
            throw new IllegalArgumentException("settle delay must be shorter than the heartbeat ("
                    + AGENT_HEARTBEAT.toSeconds() + " s), was " + settleDelay);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + v);
        }
    }

    /** SPEC section 8's sizes, a 1 s settle delay and the coordinator's other defaults. */
    public static BenchSettings defaults() {
        // 45 s per claim-cost sheet charges the sweep at 2.7 times the default rate (one per 2 min); 40 s of memory
        // samples span the agent's start, its first sweep and steady work. Together they keep the bench near 9 min.
        return new BenchSettings(Duration.ofSeconds(1), 400, 10, 1000, AGENT_CONCURRENCY, 5000, 100_000, 1000,
                Duration.ofSeconds(45), 100_000, Duration.ofSeconds(40), RECOMMENDED_AGENT_JVM_FLAGS,
                Duration.ofMinutes(6));
    }

    /**
     * An agent as the bench runs it: the coordinator's defaults (heartbeat, stall timeout, sweep interval, claim
     * jitter, tick interval) except the settle delay and concurrency given.
     */
    CoordinatorConfig.Builder agent(SpreadsheetPort port, String worker, int concurrency, Path journalDir) {
        return agentConfig(port, worker, concurrency, settleDelay, journalDir);
    }

    /**
     * Bench agents renew leases every 10 s instead of every minute: a claim answered later than the settle delay waits
     * one lease interval before it runs (PROTOCOL.md), and the short settle delays benches use make that common on a
     * loaded host. No-op tasks never hold a lease that long, so the request counts are the same.
     */
    static final Duration AGENT_HEARTBEAT = Duration.ofSeconds(10);

    /** An agent with the coordinator's defaults but these; its journal is {@code journalDir/WORKER.jsonl}. */
    static CoordinatorConfig.Builder agentConfig(SpreadsheetPort port, String worker, int concurrency,
                                                 Duration settleDelay, Path journalDir) {
        return CoordinatorConfig.builder(port)
                .workerName(worker)
                .concurrency(concurrency)
                .settleDelay(settleDelay)
                .heartbeat(AGENT_HEARTBEAT)
                .journal(journalDir.resolve(worker + ".jsonl"));
    }

    /** A fleet run of no-op tasks on an in-process emulator with this bench's settle delay and timeout. */
    FleetRun fleet(int agents, int concurrency, int tasks, QuotaMode quota, Clock clock, Sleeper sleeper) {
        return new FleetRun(new FleetRun.Settings(agents, false, tasks, SimulatedProcessor.Range.exactly(Duration.ZERO),
                concurrency, 0, Duration.ZERO, Duration.ZERO, null, EmulatedSheet.SPREADSHEET_ID, quota, settleDelay,
                timeout, RECOMMENDED_AGENT_JVM_FLAGS), clock, sleeper);
    }

    /** One line on the agent settings, for every scenario's notes. */
    String agentNote(int concurrency) {
        return "agents: concurrency " + concurrency + ", settle " + settleDelay.toMillis() + " ms (the emulator "
                + "answers in milliseconds; Google usually within 100-300 ms), heartbeat "
                + CoordinatorConfig.DEFAULT_HEARTBEAT.toSeconds() + " s, stall timeout "
                + CoordinatorConfig.DEFAULT_STALL_TIMEOUT.toMinutes() + " min, tick >= "
                + CoordinatorConfig.DEFAULT_MIN_TICK_INTERVAL.toMillis() + " ms apart, claim jitter "
                + CoordinatorConfig.DEFAULT_CLAIM_JITTER.toMillis() + " ms; real Google client paced to 60 reads "
                + "+ 60 writes per minute per agent";
    }
}
