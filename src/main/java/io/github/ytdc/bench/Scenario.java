package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** One measurement of SPEC section 8, run against its own in-process emulator. */
abstract class Scenario {
    protected final Bench.TargetSettings settings;
    protected final Clock clock;
    protected final Sleeper sleeper;
    private final String name;

    Scenario(String name, Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The name {@code --scenario} selects, e.g. {@code fleet}. */
    final String name() {
        return name;
    }

    /** Runs it; throws only on a bench bug or an unusable environment (a failed target is a result). */
    abstract ScenarioResult run() throws Exception;

    /**
     * An agent as the bench runs it: the coordinator's defaults (heartbeat, stall timeout, sweep interval, claim
     * jitter, tick interval) except the settle delay and concurrency given.
     */
    final CoordinatorConfig.Builder agent(SpreadsheetPort port, String worker, int concurrency, Path journalDir) {
        return BenchAgents.agentConfig(port, worker, concurrency, settings.settleDelay(), journalDir);
    }

    /** A fleet run of no-op tasks on an in-process emulator with this bench's settle delay and timeout. */
    final FleetRun fleet(int agents, int concurrency, int tasks, QuotaMode quota) {
        return new FleetRun(new Bench.FleetSettings(agents, false, tasks, Bench.TaskTime.exactly(Duration.ZERO),
                concurrency, 0, Duration.ZERO, Duration.ZERO, null, EmulatedSheet.SPREADSHEET_ID, quota,
                settings.settleDelay(), settings.timeout(), BenchAgents.RECOMMENDED_AGENT_JVM_FLAGS), clock, sleeper);
    }

    /** One line on the agent settings, for every scenario's notes. */
    final String agentNote(int concurrency) {
        return "agents: concurrency " + concurrency + ", settle " + settings.settleDelay().toMillis() + " ms (the "
                + "emulator answers in milliseconds; Google usually within 100-300 ms), heartbeat "
                + CoordinatorConfig.DEFAULT_HEARTBEAT.toSeconds() + " s, stall timeout "
                + CoordinatorConfig.DEFAULT_STALL_TIMEOUT.toMinutes() + " min, tick >= "
                + CoordinatorConfig.DEFAULT_MIN_TICK_INTERVAL.toMillis() + " ms apart, claim jitter "
                + CoordinatorConfig.DEFAULT_CLAIM_JITTER.toMillis() + " ms; real Google client paced to 60 reads "
                + "+ 60 writes per minute per agent";
    }
}
