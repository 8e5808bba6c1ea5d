package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.bench.Measurement.Verdict;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void a_value_on_the_right_side_of_its_target_passes_and_on_the_wrong_side_fails() {
        assertEquals(Verdict.PASS, Measurement.judged("requests per task", 1.0, "", Target.atMost(1.0)).verdict());
        assertEquals(Verdict.FAIL, Measurement.judged("requests per task", 1.01, "", Target.atMost(1.0)).verdict());
        assertEquals(Verdict.PASS, Measurement.judged("tasks per minute", 300, "", Target.atLeast(300)).verdict());
        assertEquals(Verdict.FAIL, Measurement.judged("tasks per minute", 299.9, "", Target.atLeast(300)).verdict());
        assertEquals(Verdict.PASS, Measurement.judged("lost", 0, "", Target.exactly(0)).verdict());
        assertEquals(Verdict.FAIL, Measurement.judged("lost", 1, "", Target.exactly(0)).verdict());
    }

    @Test
    void a_number_that_could_not_be_measured_never_passes() {
        assertEquals(Verdict.FAIL, Measurement.judged("tasks per minute", Double.NaN, "", Target.atLeast(0)).verdict());
        assertEquals(Verdict.FAIL, Measurement.judged("ratio", Double.NaN, "", Target.atMost(2)).verdict());
    }

    @Test
    void a_number_without_target_is_information() {
        assertEquals(Verdict.INFO, Measurement.info("429s answered", 1234, "").verdict());
    }

    @Test
    void values_print_with_few_decimals_and_their_unit() {
        assertEquals("0.743 x", Measurement.info("r", 0.74312, "x").valueText());
        assertEquals("412.5 tasks/min", Measurement.info("t", 412.46, "tasks/min").valueText());
        assertEquals("3", Measurement.info("n", 3, "").valueText());
        assertEquals("n/a MiB", Measurement.info("m", Double.NaN, "MiB").valueText());
        assertEquals("<= 1", Target.atMost(1.0).describe());
        assertEquals(">= 300", Target.atLeast(300).describe());
    }
}
