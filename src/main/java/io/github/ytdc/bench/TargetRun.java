package io.github.ytdc.bench;

import io.github.ytdc.Version;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ytdc bench targets}: measures SPEC section 8's targets, each scenario against its own in-process Sheets
 * emulator reached over HTTP by the real Google client and real coordinators.
 */
final class TargetRun {
    private static final Logger LOG = LoggerFactory.getLogger(TargetRun.class);

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Clock clock;

    TargetRun(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        for (Scenario s : List.of(new RequestsPerTaskScenario(settings, clock, sleeper),
                new FleetScenario(settings, clock, sleeper), new ExpansionScenario(settings, clock, sleeper),
                new ClaimCostScenario(settings, clock, sleeper), new MemoryScenario(settings, clock, sleeper),
                new LocalModeScenario(settings, clock, sleeper), new ModelScaleScenario(settings, clock, sleeper),
                new CampaignScenario(settings, clock, sleeper), new FullWorkbookScenario(settings, clock, sleeper))) {
            scenarios.put(s.name(), s);
        }
    }

    /**
     * Scenarios a full run leaves out, run only when named: model-scale measures the spreadsheet model, not a SPEC
     * section 8 target of the coordination; campaign and full-workbook take a quarter of an hour each.
     */
    private static final Set<String> ONLY_WHEN_NAMED = Set.of(ModelScaleScenario.NAME, CampaignScenario.NAME,
            FullWorkbookScenario.NAME);

    /** Every scenario's name, in the order a full run takes them (leaving out those it runs only when named). */
    List<String> scenarioNames() {
        return List.copyOf(scenarios.keySet());
    }

    /**
     * Runs the named scenarios (all but those run only when named when {@code names} is empty) one after another. A scenario that throws is
     * reported as failed and the others still run.
     *
     * @param progress told when each scenario starts and ends, for a person watching
     * @throws IllegalArgumentException naming the known scenarios when a name is unknown, before anything runs
     */
    BenchReport run(List<String> names, Consumer<String> progress) {
        List<String> selected = names.isEmpty()
                ? scenarioNames().stream().filter(n -> !ONLY_WHEN_NAMED.contains(n)).toList() : names;
        for (String n : selected) {
            if (!scenarios.containsKey(n)) {
                throw new IllegalArgumentException("unknown scenario '" + n + "'; known: " + String.join(", ", scenarioNames()));
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (String n : selected) {
            progress.accept("running " + n + " ...");
            long t0 = clock.millis();
            ScenarioResult r;
            try {
                r = scenarios.get(n).run();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.error("scenario {} failed", n, e);
                r = ScenarioResult.failed(n, e.toString(), Duration.ofMillis(clock.millis() - t0));
            }
            results.add(r);
            progress.accept(n + " done in " + r.elapsed().toSeconds() + " s: " + (r.passed() ? "PASS" : "FAIL"));
        }
        return new BenchReport(results, environment());
    }

    private static List<String> environment() {
        Runtime rt = Runtime.getRuntime();
        return List.of("ytdc " + Version.get() + " bench on Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), " + rt.availableProcessors() + " CPU(s), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "every scenario: an in-process Sheets emulator on 127.0.0.1 reached over HTTP by the real Google "
                        + "client (google-api-services-sheets), real Coordinators, no-op or simulated tasks");
    }
}
