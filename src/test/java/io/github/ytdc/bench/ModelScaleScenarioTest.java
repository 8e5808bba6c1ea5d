package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.bench.ModelScaleScenario.Backend;
import io.github.ytdc.bench.ModelScaleScenario.Result;
import io.github.ytdc.bench.ModelScaleScenario.Settings;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The scale scenario at a small scale on every backend: its steps land where they must (times are not checked). */
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
}
