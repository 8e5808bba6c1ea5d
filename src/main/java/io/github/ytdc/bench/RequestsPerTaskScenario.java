package io.github.ytdc.bench;

import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** SPEC 8: one agent at concurrency 4 spends at most one Sheets request per completed task, amortised. */
final class RequestsPerTaskScenario extends Scenario {
    static final String NAME = "requests-per-task";

    RequestsPerTaskScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    @Override
    public ScenarioResult run() throws InterruptedException {
        long t0 = clock.millis();
        int concurrency = BenchAgents.AGENT_CONCURRENCY;
        FleetReport r = fleet(1, concurrency, settings.tasks(), QuotaMode.OFF).run();
        List<Measurement> m = List.of(
                Measurement.judged("requests per completed task", r.requestsPerTask(), "", Target.atMost(1.0)),
                Measurement.judged("tasks done", r.doneTasks(), "", Target.exactly(settings.tasks())),
                Measurement.info("requests answered", r.requests().requests(), ""),
                Measurement.info("throughput", r.tasksPerMinute(), "tasks/min"));
        List<String> notes = List.of(
                "one agent, " + concurrency + " threads calling processNextTask with a no-op processor, "
                        + settings.tasks() + " pending video rows, emulator quotas off",
                agentNote(concurrency),
                "requests = every request the emulator answered from the agent's start (its schema check included) "
                        + "until the journal had the last task done: " + r.requests().byMethod(),
                r.finished() ? "finished in " + r.elapsed().toSeconds() + " s"
                        : "TIMED OUT after " + r.elapsed().toSeconds() + " s",
                r.summaryLine());
        return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
    }
}
