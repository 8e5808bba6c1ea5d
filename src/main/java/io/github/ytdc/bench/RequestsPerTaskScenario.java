package io.github.ytdc.bench;

import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** SPEC 8: one agent at concurrency 4 spends at most one Sheets request per completed task, amortised. */
final class RequestsPerTaskScenario extends Scenario {
    static final String NAME = "requests-per-task";

    RequestsPerTaskScenario(BenchSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    @Override
    public ScenarioResult run() {
        long t0 = clock.millis();
        int concurrency = BenchSettings.AGENT_CONCURRENCY;
        NoOpFleetRun.Outcome o = new NoOpFleetRun(settings, clock, sleeper).run(QuotaMode.OFF, 1, concurrency,
                settings.tasks());
        double perTask = o.doneRows() == 0 ? Double.NaN : (double) o.requests() / o.doneRows();
        List<Measurement> m = List.of(
                Measurement.judged("requests per completed task", perTask, "", Target.atMost(1.0)),
                Measurement.judged("tasks done", o.doneRows(), "", Target.exactly(o.tasks())),
                Measurement.info("requests answered", o.requests(), ""),
                Measurement.info("throughput", o.tasks() / o.minutes(), "tasks/min"));
        List<String> notes = List.of(
                "one agent, " + concurrency + " threads calling processNextTask with a no-op processor, "
                        + o.tasks() + " pending video rows, emulator quotas off",
                settings.agentNote(concurrency),
                "requests = every request the emulator answered from the agent's start (its schema check included) "
                        + "until the last task was marked done: " + o.byMethod(),
                o.finished() ? "finished in " + o.elapsed().toSeconds() + " s"
                        : "TIMED OUT after " + o.elapsed().toSeconds() + " s");
        return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
    }
}
