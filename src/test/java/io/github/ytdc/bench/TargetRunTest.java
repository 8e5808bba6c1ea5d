package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bench's own machinery at tiny sizes, against the real emulator and Google client: counts come out of the
 * emulator and the sheet, not out of thin air. The numbers themselves are the bench's business, not this test's.
 */
class TargetRunTest {
    private static Bench.TargetSettings tiny() {
        return new Bench.TargetSettings(Duration.ofMillis(300), 8, 2, 8, 2, 300, 200, 20, Duration.ofSeconds(3), 300,
                Duration.ofSeconds(3), List.of(), 500, Duration.ofSeconds(60));
    }

    private static Map<String, Measurement> byMetric(ScenarioResult r) {
        return r.measurements().stream().collect(Collectors.toMap(Measurement::metric, m -> m));
    }

    @Test
    void requests_per_task_and_fleet_finish_every_task_and_report_what_the_emulator_counted() {
        List<String> progress = new ArrayList<>();
        BenchReport report = new TargetRun(tiny(), Clock.systemUTC(), Sleeper.system())
                .run(List.of("requests-per-task", "fleet"), progress::add);
        assertEquals(List.of("requests-per-task", "fleet"),
                report.scenarios().stream().map(ScenarioResult::scenario).toList());
        Map<String, Measurement> one = byMetric(report.scenarios().get(0));
        assertEquals(8, one.get("tasks done").value());
        double requests = one.get("requests answered").value();
        assertTrue(requests >= 4, "schema check, reads and writes were counted: " + requests);
        assertEquals(requests / 8, one.get("requests per completed task").value(), 1e-9);

        Map<String, Measurement> fleet = byMetric(report.scenarios().get(1));
        assertEquals(0, fleet.get("tasks lost").value());
        assertEquals(0, fleet.get("tasks completed twice").value());
        assertTrue(fleet.get("tasks per minute").value() > 0);
        assertEquals(Measurement.Verdict.INFO, fleet.get("429s answered by the emulator").verdict());
        assertTrue(progress.contains("running fleet ..."), progress.toString());
    }

    @Test
    void an_unknown_scenario_is_refused_before_anything_runs_naming_the_known_ones() {
        TargetRun bench = new TargetRun(tiny(), Clock.systemUTC(), Sleeper.system());
        List<String> progress = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bench.run(List.of("expansion", "flet"), progress::add));
        assertEquals("unknown scenario 'flet'; known: requests-per-task, fleet, expansion, claim-cost, memory, local-mode, "
                        + "model-scale, campaign, full-workbook",
                e.getMessage());
        assertEquals(List.of(), progress);
    }

    @Test
    void settings_refuse_a_settle_delay_that_is_not_shorter_than_the_heartbeat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bench.TargetSettings(
                Duration.ofMinutes(2), 8, 2, 8, 2, 300, 200, 20, Duration.ofSeconds(3), 300, Duration.ofSeconds(3),
                List.of(), 500, Duration.ofSeconds(60)));
        assertTrue(e.getMessage().startsWith("settle delay must be shorter than the heartbeat"), e.getMessage());
    }
}
