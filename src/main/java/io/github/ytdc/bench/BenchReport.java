package io.github.ytdc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The results of a bench run, rendered for people ({@link #toText()}) or scripts ({@link #toJson()}). */
record BenchReport(List<ScenarioResult> scenarios, List<String> environment) {
    private static final int SCENARIO_WIDTH = 18;
    private static final int METRIC_WIDTH = 46;
    private static final int VALUE_WIDTH = 22;
    private static final int TARGET_WIDTH = 14;

    public BenchReport {
        scenarios = List.copyOf(scenarios);
        environment = List.copyOf(environment);
    }

    /** True when every judged measurement of every scenario passed. */
    public boolean passed() {
        return scenarios.stream().allMatch(ScenarioResult::passed);
    }

    /**
     * One line per measurement: scenario, metric, measured value, target and PASS/FAIL (INFO for context numbers),
     * then each scenario's notes, then a summary line.
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        environment.forEach(line -> sb.append("# ").append(line).append('\n'));
        sb.append(pad("SCENARIO", SCENARIO_WIDTH)).append(pad("METRIC", METRIC_WIDTH)).append(pad("MEASURED", VALUE_WIDTH))
                .append(pad("TARGET", TARGET_WIDTH)).append("RESULT\n");
        for (ScenarioResult s : scenarios) {
            for (Measurement m : s.measurements()) {
                sb.append(pad(s.scenario(), SCENARIO_WIDTH)).append(pad(m.metric(), METRIC_WIDTH))
                        .append(pad(m.valueText(), VALUE_WIDTH))
                        .append(pad(m.target() == null ? "-" : m.target().describe(), TARGET_WIDTH))
                        .append(m.verdict()).append('\n');
            }
        }
        for (ScenarioResult s : scenarios) {
            sb.append('\n').append(s.scenario()).append(" (").append(s.elapsed().toSeconds()).append(" s):\n");
            s.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
        }
        long failed = scenarios.stream().flatMap(s -> s.measurements().stream())
                .filter(m -> m.verdict() == Measurement.Verdict.FAIL).count();
        sb.append('\n').append(failed == 0 ? "ALL TARGETS MET" : failed + " TARGET(S) MISSED").append('\n');
        return sb.toString();
    }

    /**
     * {@code {"passed":bool,"environment":[..],"scenarios":[{"name","passed","elapsedSeconds","notes":[..],
     * "measurements":[{"metric","value","unit","target":{"comparison","threshold"}|null,"result"}]}]}}; a value that
     * could not be measured is {@code null}.
     */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("passed", passed());
        ArrayNode env = root.putArray("environment");
        environment.forEach(env::add);
        ArrayNode list = root.putArray("scenarios");
        for (ScenarioResult s : scenarios) {
            ObjectNode node = list.addObject();
            node.put("name", s.scenario());
            node.put("passed", s.passed());
            node.put("elapsedSeconds", s.elapsed().toMillis() / 1000.0);
            ArrayNode notes = node.putArray("notes");
            s.notes().forEach(notes::add);
            ArrayNode ms = node.putArray("measurements");
            for (Measurement m : s.measurements()) {
                ObjectNode mn = ms.addObject();
                mn.put("metric", m.metric());
                if (Double.isFinite(m.value())) {
                    mn.put("value", m.value());
                } else {
                    mn.putNull("value");
                }
                mn.put("unit", m.unit());
                if (m.target() == null) {
                    mn.putNull("target");
                } else {
                    ObjectNode t = mn.putObject("target");
                    t.put("comparison", m.target().comparison().symbol());
                    t.put("threshold", m.target().threshold());
                }
                mn.put("result", m.verdict().name());
            }
        }
        return root;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + "  " : s + " ".repeat(width - s.length());
    }
}
