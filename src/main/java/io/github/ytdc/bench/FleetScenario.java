package io.github.ytdc.bench;

import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * SPEC 8: 10 agents, each its own quota user, against an emulator enforcing Google's per-minute quotas, finish 1,000
 * no-op tasks at 300 or more a minute, with no task failing because of a 429, nothing processed twice and nothing lost.
 */
final class FleetScenario extends Scenario {
    static final String NAME = "fleet";

    FleetScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    @Override
    public ScenarioResult run() throws InterruptedException {
        long t0 = clock.millis();
        FleetReport r = fleet(settings.fleetAgents(), settings.fleetConcurrency(), settings.fleetTasks(),
                QuotaMode.GOOGLE).run();
        List<Measurement> m = List.of(
                Measurement.judged("tasks per minute", r.finished() ? r.tasksPerMinute() : Double.NaN, "tasks/min",
                        Target.atLeast(300)),
                Measurement.judged("task failures caused by 429s", r.failedAttempts(), "", Target.exactly(0)),
                Measurement.judged("tasks completed twice", r.duplicates(), "", Target.exactly(0)),
                Measurement.judged("tasks lost", r.lost().size(), "", Target.exactly(0)),
                Measurement.info("429s answered by the emulator", r.requests().quotaRejected(), ""),
                Measurement.info("requests per completed task", r.requestsPerTask(), ""));
        List<String> notes = List.of(
                settings.fleetAgents() + " agents in this JVM, each its own quotaUser (the emulator's per-user quota "
                        + "key), " + settings.fleetConcurrency() + " threads each, " + settings.fleetTasks()
                        + " pending video rows, no-op processor; emulator enforcing 60 reads + 60 writes per minute "
                        + "per user and 300 + 300 per project (fixed minute windows, Google's 429 body)",
                agentNote(settings.fleetConcurrency()),
                "tasks per minute = tasks / time from the agents' start until their journals had the last one done ("
                        + r.elapsed().toSeconds() + " s" + (r.finished() ? "" : ", TIMED OUT") + ")",
                "task failures = attempts that ended in retry, dead-letter or lost claim (the processor never fails, so "
                        + "each would come from the Sheets side)",
                "lost = seeded rows neither done nor dead-lettered after the agents stopped; completed twice = tasks "
                        + "marked done more than once in the journals; processed twice: " + r.processedTwice().size(),
                "requests answered: " + r.requests().byMethod(),
                r.summaryLine());
        return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
    }
}
