package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.bench.ModelScaleScenario.Backend;
import io.github.ytdc.bench.ModelScaleScenario.Result;
import io.github.ytdc.bench.ModelScaleScenario.Settings;
import io.github.ytdc.util.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale scenario at a small scale on every backend: its steps land where they must, and {@code ytdc bench targets
 * --scenario model-scale} reports them (times are not checked).
 */
class ModelScaleScenarioTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void every_step_lands_on_the_expected_rows(Backend backend) {
        Settings settings = new Settings(backend, 2_500, 300, 4, 3, 6, dir);
        Result r = ModelScaleScenario.run(settings);
        assertEquals(1 + 2_500 + 300 + 4, r.rowsAtEnd(), "header, seed, bulk append and single appends");
        assertTrue(r.toText().contains("append 300 rows"), r.toText());
        if (backend == Backend.MEMORY) {
            assertEquals(0, r.bytesPerWrite(), "nothing is persisted in memory");
        }
    }

    @Test
    void as_a_bench_scenario_it_reports_every_backend_judging_the_bulk_append() {
        Bench.TargetSettings small = new Bench.TargetSettings(Duration.ofMillis(300), 8, 2, 8, 2, 300, 200, 20,
                Duration.ofSeconds(3), 300, Duration.ofSeconds(3), List.of(), 500, Duration.ofSeconds(60));
        BenchReport report = new TargetRun(small, Clock.systemUTC(), Sleeper.system())
                .run(List.of("model-scale"), line -> { });
        ScenarioResult r = report.scenarios().get(0);
        assertEquals("model-scale", r.scenario());
        for (String backend : List.of("memory", "emulator", "local")) {
            Measurement bulk = r.measurements().stream()
                    .filter(m -> m.metric().equals(backend + ": append 10000 rows")).findFirst().orElseThrow();
            assertEquals(Target.atMost(2.0), bulk.target(), backend);
            assertTrue(r.measurements().stream().anyMatch(m -> m.metric().equals(backend + ": bytes written per write")),
                    backend);
        }
        assertEquals(15, r.measurements().size(), r.measurements().toString());
        assertTrue(r.notes().get(0).startsWith("a tab of 500 rows x 6 columns on each backend"), r.notes().toString());
    }
}
