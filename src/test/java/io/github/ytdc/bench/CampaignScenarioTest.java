package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The campaign scenario at a tiny scale (2,000 videos, a cap of 400,000 cells) against the real emulator, Google
 * client, coordinators and one agent process: its figures come out of the sheet, the agents and their journals.
 */
class CampaignScenarioTest {
    private static final Pattern WINDOW =
            Pattern.compile(": (\\d+) claims by the measuring agent in \\S+, (\\d+) requests");

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

        // Each window's requests per claim is what its measuring agent did (from the note counting them), NaN when it
        // won no claim (on a loaded machine the fleet may take a tiny window's rows first); the judged ratio is their
        // quotient.
        List<Measurement> perClaim = r.measurements().stream()
                .filter(x -> x.metric().startsWith("requests per claim at ")).toList();
        assertEquals(2, perClaim.size(), r.measurements().toString());
        List<String> windows = r.notes().stream().filter(n -> n.startsWith("claim cost at ")).toList();
        assertEquals(2, windows.size(), r.notes().toString());
        for (int i = 0; i < 2; i++) {
            Matcher w = WINDOW.matcher(windows.get(i));
            assertTrue(w.find(), windows.get(i));
            long claims = Long.parseLong(w.group(1));
            long requests = Long.parseLong(w.group(2));
            assertTrue(requests > 0, "the measuring agent made requests: " + windows.get(i));
            assertEquals(claims == 0 ? Double.NaN : (double) requests / claims, perClaim.get(i).value(), 1e-9);
        }
        Measurement ratio = m.get("requests per claim, end / start");
        assertEquals(perClaim.get(1).value() / perClaim.get(0).value(), ratio.value(), 1e-9);
        if (Double.isNaN(ratio.value())) {
            assertEquals(Measurement.Verdict.FAIL, ratio.verdict(), "nothing measured never passes");
        }
        assertEquals(0, m.get("agent processes that exited on their own").value(), r.notes().toString());

        double mib = m.get("agent process peak resident memory (VmHWM)").value();
        assertTrue(mib > 10 && mib < 4096, "the agent process's VmHWM was sampled: " + mib);
        long tenths = r.notes().stream().filter(n -> n.matches("\\s+\\d+%\\s.*")).count();
        assertEquals(10, tenths, r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.matches("\\s+100%\\s+2,000 videos.*")), r.notes().toString());
    }
}
