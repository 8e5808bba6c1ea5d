package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.emulator.EmulatorStats;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seeds {@code tasks} pending video rows, lets {@code agents} agents (each its own quota user, each with
 * {@code concurrency} threads) process them with a no-op processor, and reports what the emulator and the sheet saw.
 */
final class NoOpFleetRun {
    private final BenchSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    NoOpFleetRun(BenchSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * What a run measured.
     *
     * @param tasks          tasks seeded
     * @param finished       whether every task was marked done before the timeout
     * @param elapsed        from the agents' start until the last task was marked done (or the timeout)
     * @param requests       requests the emulator answered until then
     * @param byMethod       the same, per API method
     * @param quotaRejected  requests the emulator refused with 429 until then
     * @param doneRows       rows done in the sheet after the agents stopped
     * @param lost           seeded tasks neither done nor dead-lettered after the agents stopped
     * @param duplicates     tasks the processor ran more than once
     * @param failedAttempts attempts that ended in a retry, dead-letter or lost claim
     * @param tickFailures   agent ticks that failed after the client's retries, by reason
     */
    record Outcome(int tasks, boolean finished, Duration elapsed, long requests, Map<String, Long> byMethod,
                   long quotaRejected, long doneRows, long lost, List<String> duplicates, long failedAttempts,
                   Map<String, Long> tickFailures) {

        double minutes() {
            return elapsed.toMillis() / 60_000.0;
        }
    }

    Outcome run(QuotaMode quota, int agents, int concurrency, int tasks) {
        try (EmulatedSheet sheet = EmulatedSheet.start(quota)) {
            sheet.seedVideos(0, tasks, clock.instant());
            TaskTally tally = new TaskTally();
            List<GoogleSpreadsheetPort> ports = new ArrayList<>();
            List<CoordinatorConfig> configs = new ArrayList<>();
            for (int a = 1; a <= agents; a++) {
                GoogleSpreadsheetPort port = sheet.agentPort("bench-agent-" + a);
                ports.add(port);
                configs.add(settings.agent(port, "bench-agent-" + a, concurrency, tally).build());
            }
            EmulatorStats stats = sheet.emulator().stats();
            Instant start = clock.instant();
            boolean finished;
            Duration elapsed;
            long requests;
            long rejected;
            Map<String, Long> byMethod;
            try (AgentFleet fleet = new AgentFleet(configs, tally.processor(), tally, clock, sleeper)) {
                finished = fleet.await(() -> fleet.done() >= tasks, start.plus(settings.timeout()));
                elapsed = Duration.between(start, clock.instant());
                requests = stats.total();
                rejected = stats.quotaRejected();
                byMethod = sheet.requestsByMethod();
            } finally {
                ports.forEach(GoogleSpreadsheetPort::close);
            }
            List<WorkRow> rows = sheet.rows(sheet.tabs().videos());
            Set<String> dead = new HashSet<>();
            sheet.rows(sheet.tabs().deadVideos()).forEach(r -> dead.add(r.id()));
            long done = rows.stream().filter(r -> r.hasStatus(Status.DONE)).count();
            long lost = rows.stream().filter(r -> !r.hasStatus(Status.DONE) && !dead.contains(r.id())).count()
                    + Math.max(0, tasks - rows.size());
            return new Outcome(tasks, finished, elapsed, requests, byMethod, rejected, done, lost, tally.duplicates(),
                    tally.failedAttempts(), tally.tickFailures());
        }
    }
}
