package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The campaign scenario at a tiny scale (2,000 videos, a cap of 400,000 cells) against the real emulator, Google
 * client, coordinators and one agent process: its figures come out of the sheet, the agents and their journals.
 */
class CampaignScenarioTest {
    static Bench.TargetSettings tiny(int videos, long fillCells, long cap, Duration scaleTimeout) {
        return new Bench.TargetSettings(Duration.ofMillis(300), 8, 2, 8, 2, videos, 200, 20, Duration.ofSeconds(3), 300,
                Duration.ofSeconds(3), List.of(), 500, Duration.ofSeconds(60), 2_000, 0, Duration.ofMinutes(1),
                Duration.ofSeconds(15), 1, fillCells, cap, scaleTimeout);
    }

    private static Map<String, Measurement> byMetric(ScenarioResult r) {
        return r.measurements().stream().collect(Collectors.toMap(Measurement::metric, m -> m));
    }

    @Test
    void a_tiny_campaign_counts_every_video_done_and_reports_cells_claim_cost_and_memory_from_what_happened() {
        BenchReport report = new TargetRun(tiny(40, 1, 400_000, Duration.ofMinutes(3)), Clock.systemUTC(),
                Sleeper.system()).run(List.of("campaign"), line -> { });
        ScenarioResult r = report.scenarios().get(0);
        Map<String, Measurement> m = byMetric(r);

        assertEquals(2_000, m.get("videos added to the sheet").value());
        Measurement done = m.get("videos done, as ytdc status counts them");
        assertEquals(2_000, done.value(), r.notes().toString());
        assertEquals(Measurement.Verdict.PASS, done.verdict());
        Measurement most = m.get("most cells in the workbook (sampled)");
        assertEquals(Target.atMost(0.95 * 400_000), most.target());
        assertTrue(most.value() >= m.get("cells at the end").value(), r.measurements().toString());
        assertTrue(most.value() >= 2_000 * 17, "the campaign's rows alone take 34,000 cells: " + most.value());

        // The judged ratios are the quotients of the two windows' figures, each counted from the measuring agent.
        List<Measurement> perClaim = r.measurements().stream()
                .filter(x -> x.metric().startsWith("requests per claim at ")).toList();
        assertEquals(2, perClaim.size(), r.measurements().toString());
        assertTrue(perClaim.get(0).value() >= 1, "a claim costs at least one request: " + perClaim);
        assertEquals(perClaim.get(1).value() / perClaim.get(0).value(),
                m.get("requests per claim, end / start").value(), 1e-9);
        List<Measurement> bytes = r.measurements().stream()
                .filter(x -> x.metric().startsWith("bytes per claim at ")).toList();
        assertEquals(bytes.get(1).value() / bytes.get(0).value(), m.get("bytes per claim, end / start").value(), 1e-9);

        double mib = m.get("agent process peak resident memory (VmHWM)").value();
        assertTrue(mib > 10 && mib < 4096, "the agent process's VmHWM was sampled: " + mib);
        long tenths = r.notes().stream().filter(n -> n.matches("\\s+\\d+%\\s.*")).count();
        assertEquals(10, tenths, r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.matches("\\s+100%\\s+2,000 videos.*")), r.notes().toString());
    }
}
