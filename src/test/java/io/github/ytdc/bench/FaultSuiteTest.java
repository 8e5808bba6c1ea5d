package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.agent.SimulatedProcessor;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short version of {@code scripts/fault-suite.sh}: three agent processes on 100 tasks through kill -9 and
 * restarts, 5xx (some after the write was applied), latency spikes three times the settle delay, Google's quotas and
 * hand edits; every task must end done or dead-lettered, none completed twice, no id on two rows.
 */
@Tag("slow")
class FaultSuiteTest {

    @Test
    @Timeout(240)
    void a_fleet_killed_edited_and_failed_at_random_finishes_every_task_once() throws Exception {
        FaultSuite.Settings settings = new FaultSuite.Settings(3, 100, 4, SimulatedProcessor.Range.parse("200ms..1s"),
                Duration.ofSeconds(30), Duration.ofSeconds(6), Duration.ofSeconds(2), 0.05, Duration.ofMillis(10),
                Duration.ofMillis(30), 0.05, Duration.ofMillis(2500), Duration.ofSeconds(2), Duration.ofMillis(800),
                Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(1), 3, Duration.ofSeconds(200), 20261121L,
                BenchSettings.RECOMMENDED_AGENT_JVM_FLAGS);
        List<String> progress = new CopyOnWriteArrayList<>();
        FaultReport report = new FaultSuite(settings, Clock.systemUTC(), Sleeper.system(), progress::add).run();
        String text = report.toText();
        System.out.println(text);

        assertTrue(report.finished(), text);
        assertEquals(List.of(), report.lost(), text);
        assertEquals(0, report.completedTwice().size(), text);
        assertEquals(0, report.duplicateRows().size(), text);
        assertEquals(List.of(), report.doneUnprocessed(), text);
        assertTrue(report.passed(), text);
        assertEquals(report.tasks(), report.done() + report.deadLettered(), text);
        assertTrue(report.kills() >= 1, "at least one kill -9: " + text);
        assertTrue(report.editCount() >= 1, "at least one hand edit: " + text);
        assertTrue(report.emulator().injectedFaults() > 0, "5xx were injected: " + text);
        assertTrue(report.emulator().latencySpikes() > 0, "latency spikes were injected: " + text);
        assertTrue(progress.stream().anyMatch(l -> l.contains("kill -9 fault-agent-")), progress.toString());
        assertTrue(text.strip().endsWith(report.summaryLine()) && report.summaryLine().startsWith("faults: PASS agents=3"),
                text);
    }
}
