package io.github.ytdc.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one scenario measured.
 *
 * @param scenario     the scenario's name, e.g. {@code fleet}
 * @param measurements the numbers, judged or informational, in display order
 * @param notes        how it was measured (settings, what is counted), one sentence each
 * @param elapsed      wall time of the scenario, seeding included
 */
record ScenarioResult(String scenario, List<Measurement> measurements, List<String> notes, Duration elapsed) {
    public ScenarioResult {
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    /** True when no judged measurement failed. */
    public boolean passed() {
        return measurements.stream().noneMatch(m -> m.verdict() == Measurement.Verdict.FAIL);
    }

    /** A scenario that could not run to the end: one failing line saying why. */
    public static ScenarioResult failed(String scenario, String why, Duration elapsed) {
        return new ScenarioResult(scenario, List.of(Measurement.judged("completed", 0, "", Target.exactly(1))),
                List.of("did not complete: " + why), elapsed);
    }
}
