package io.github.ytdc.bench;

import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SPEC 8: claim cost does not grow with the sheet. One agent claims from a sheet of only pending rows, then from the
 * same pending rows below 100,000 done ones; bytes read and Sheets time per claim must stay within 2x. Each sheet is
 * measured for one sweep interval, so the periodic sweep (which reads a column of every row) is charged to the claims
 * at least at the rate it happens in a long run (default interval 2 min).
 */
final class ClaimCostScenario extends Scenario {
    static final String NAME = "claim-cost";

    ClaimCostScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    /** What one sheet cost over the measured interval. */
    record SheetCost(int rows, long claims, long bytes, Duration sheetsTime, long sweeps, long sweepBytes,
                     Duration claimLatencyP50) {
        double bytesPerClaim() {
            return claims == 0 ? Double.NaN : (double) bytes / claims;
        }

        double bytesPerClaimBetweenSweeps() {
            return claims == 0 ? Double.NaN : (double) (bytes - sweepBytes) / claims;
        }

        double millisPerClaim() {
            return claims == 0 ? Double.NaN : sheetsTime.toNanos() / 1e6 / claims;
        }
    }

    @Override
    public ScenarioResult run() throws IOException {
        long t0 = clock.millis();
        SheetCost small = measure(0, settings.pendingRows());
        SheetCost big = measure(settings.doneRows(), settings.pendingRows());
        List<Measurement> m = new ArrayList<>();
        m.add(Measurement.judged("bytes read per claim, big / small sheet", big.bytesPerClaim() / small.bytesPerClaim(),
                "x", Target.atMost(2)));
        m.add(Measurement.judged("Sheets time per claim, big / small sheet", big.millisPerClaim() / small.millisPerClaim(),
                "x", Target.atMost(2)));
        m.add(Measurement.info("bytes read per claim, " + small.rows() + " rows", small.bytesPerClaim() / 1024, "KiB"));
        m.add(Measurement.info("bytes read per claim, " + big.rows() + " rows", big.bytesPerClaim() / 1024, "KiB"));
        m.add(Measurement.info("  of which between sweeps, " + small.rows() + " rows",
                small.bytesPerClaimBetweenSweeps() / 1024, "KiB"));
        m.add(Measurement.info("  of which between sweeps, " + big.rows() + " rows",
                big.bytesPerClaimBetweenSweeps() / 1024, "KiB"));
        m.add(Measurement.info("one sweep, " + big.rows() + " rows",
                big.sweeps() == 0 ? Double.NaN : big.sweepBytes() / 1048576.0 / big.sweeps(), "MiB"));
        m.add(Measurement.info("Sheets time per claim, " + small.rows() + " rows", small.millisPerClaim(), "ms"));
        m.add(Measurement.info("Sheets time per claim, " + big.rows() + " rows", big.millisPerClaim(), "ms"));
        m.add(Measurement.info("claim latency p50, " + small.rows() + " rows", millis(small.claimLatencyP50()), "ms"));
        m.add(Measurement.info("claim latency p50, " + big.rows() + " rows", millis(big.claimLatencyP50()), "ms"));
        List<String> notes = List.of(
                "one agent, " + BenchAgents.AGENT_CONCURRENCY + " threads, no-op processor; small sheet: "
                        + small.rows() + " pending rows; big sheet: " + settings.doneRows() + " done rows above the same "
                        + settings.pendingRows() + " pending rows; emulator quotas off",
                agentNote(BenchAgents.AGENT_CONCURRENCY),
                "each sheet measured for " + settings.claimCostDuration().toSeconds() + " s with the sweep "
                        + "interval set to twice that (default 2 min), so each run pays exactly one sweep (the agent's "
                        + "first read): at least the steady-state rate",
                "a sweep reads the Status column of the whole tab, then in full only the rows outside the window "
                        + "it may act on",
                "archiving off (a coordinator archives on its own since it keeps its Workers row): its look, every "
                        + "few minutes whatever the claims, reads the finished rows and is not a cost of claiming",
                "bytes = uncompressed JSON the emulator answered (Google gzips, so its wire bytes are smaller; the "
                        + "ratio is what counts); Sheets time = time inside the Google client's calls, measured at the "
                        + "agent; claim latency (from choosing a row to winning it, from the journal) includes the "
                        + settings.settleDelay().toMillis() + " ms settle delay",
                "claims: " + small.claims() + " on the small sheet, " + big.claims() + " on the big one; sweeps: "
                        + small.sweeps() + " and " + big.sweeps());
        return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
    }

    private static double millis(Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e6;
    }

    private SheetCost measure(int done, int pending) throws IOException {
        try (EmulatedSheet sheet = EmulatedSheet.start(QuotaMode.OFF)) {
            sheet.seedVideos(done, pending, clock.instant().minus(Duration.ofDays(1)));
            Path journals = Files.createTempDirectory("ytdc-bench-claim-cost-");
            try (GoogleSpreadsheetPort google = sheet.agentPort("bench-claimer")) {
                MeteredPort port = new MeteredPort(google, sheet.emulator().stats()::responseBytes, clock,
                        MeteredPort.sweepsOf(sheet.tabs().videos()));
                // Archiving off: its look (every few minutes, whatever the claims) is not a cost of claiming.
                var cfg = agent(port, "bench-claimer", BenchAgents.AGENT_CONCURRENCY, journals)
                        // why twice: a second sweep due just as the run ends would land in one run and not the other.
                        .sweepInterval(settings.claimCostDuration().multipliedBy(2)).archiveAfter(Duration.ZERO).build();
                Instant start = clock.instant();
                MeteredPort.Totals sweeps;
                MeteredPort.Totals others;
                try (AgentFleet fleet = new AgentFleet(List.of(cfg), (task, context) -> null, clock, sleeper)) {
                    fleet.await(() -> false, start.plus(settings.claimCostDuration()));
                    sweeps = port.sweeps();
                    others = port.others();
                }
                List<Duration> latencies = JournalTally.read(List.of(journals.resolve("bench-claimer.jsonl")))
                        .claimLatencies();
                return new SheetCost(done + pending, latencies.size(), sweeps.bytes() + others.bytes(),
                        sweeps.time().plus(others.time()), sweeps.calls(), sweeps.bytes(), Percentiles.of(latencies, 50));
            }
        }
    }
}
