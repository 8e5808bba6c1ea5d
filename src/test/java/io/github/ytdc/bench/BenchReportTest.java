package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private final ScenarioResult fast = new ScenarioResult("requests-per-task", List.of(
            Measurement.judged("requests per completed task", 0.75, "", Target.atMost(1)),
            Measurement.info("requests answered", 300, "")), List.of("one agent"), Duration.ofSeconds(90));
    private final ScenarioResult slow = new ScenarioResult("fleet", List.of(
            Measurement.judged("tasks per minute", 250, "tasks/min", Target.atLeast(300)),
            Measurement.judged("tasks lost", Double.NaN, "", Target.exactly(0))), List.of("ten agents"),
            Duration.ofSeconds(200));

    @Test
    void the_text_has_one_line_per_measurement_with_value_target_and_verdict_then_notes_and_a_summary() {
        String text = new BenchReport(List.of(fast, slow), List.of("Java 17")).toText();
        List<String> lines = text.lines().toList();
        assertEquals("# Java 17", lines.get(0));
        assertTrue(lines.get(1).startsWith("SCENARIO"), lines.get(1));
        assertTrue(lines.get(2).matches("requests-per-task +requests per completed task +0\\.75 +<= 1 +PASS"), lines.get(2));
        assertTrue(lines.get(3).matches("requests-per-task +requests answered +300 +- +INFO"), lines.get(3));
        assertTrue(lines.get(4).matches("fleet +tasks per minute +250 tasks/min +>= 300 +FAIL"), lines.get(4));
        assertTrue(lines.get(5).matches("fleet +tasks lost +n/a += 0 +FAIL"), lines.get(5));
        assertTrue(text.contains("fleet (200 s):\n  - ten agents\n"), text);
        assertEquals("2 TARGET(S) MISSED", lines.get(lines.size() - 1));
        assertEquals("ALL TARGETS MET", new BenchReport(List.of(fast), List.of()).toText().lines()
                .reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void the_json_says_per_scenario_and_overall_whether_targets_were_met() {
        JsonNode json = new BenchReport(List.of(fast, slow), List.of("Java 17")).toJson();
        assertFalse(json.path("passed").asBoolean());
        JsonNode first = json.path("scenarios").get(0);
        assertEquals("requests-per-task", first.path("name").asText());
        assertTrue(first.path("passed").asBoolean());
        assertEquals(90.0, first.path("elapsedSeconds").asDouble());
        JsonNode m = first.path("measurements").get(0);
        assertEquals(0.75, m.path("value").asDouble());
        assertEquals("<=", m.path("target").path("comparison").asText());
        assertEquals(1.0, m.path("target").path("threshold").asDouble());
        assertEquals("PASS", m.path("result").asText());
        assertTrue(first.path("measurements").get(1).path("target").isNull());
        JsonNode lost = json.path("scenarios").get(1).path("measurements").get(1);
        assertTrue(lost.path("value").isNull(), "an unmeasured value is null, not NaN: " + lost);
        assertEquals("FAIL", lost.path("result").asText());
    }

    @Test
    void a_scenario_that_crashed_is_one_failing_line_saying_why() {
        ScenarioResult r = ScenarioResult.failed("memory", "java.io.IOException: no java", Duration.ZERO);
        assertFalse(r.passed());
        assertEquals(List.of("did not complete: java.io.IOException: no java"), r.notes());
    }
}
