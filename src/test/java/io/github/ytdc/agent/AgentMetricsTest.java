package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {
    @Test
    void the_standard_series_exist_before_any_event_and_count_what_is_recorded() {
        AgentMetrics m = new AgentMetrics(new Metrics());
        String before = m.registry().scrape();
        assertTrue(before.contains("ytdc_tasks_total{kind=\"video\",outcome=\"dead-letter\"} 0\n"), before);
        assertTrue(before.contains("ytdc_sheets_requests_total{kind=\"write\"} 0\n"), before);

        m.taskEnded(TaskKind.VIDEO, AgentMetrics.Outcome.DONE);
        m.taskEnded(TaskKind.VIDEO, AgentMetrics.Outcome.DONE);
        m.taskEnded(TaskKind.SOURCE, AgentMetrics.Outcome.LOST_CLAIM);
        m.sheetsRequest(AgentMetrics.SheetsRequest.READ);
        m.sheetsQuotaExceeded();
        m.downloaded(1_048_576);
        m.claimTook(Duration.ofMillis(1500));
        m.tasksInProgress(3);
        m.circuitOpen(true);

        String after = m.registry().scrape();
        for (String line : new String[] {
            "ytdc_tasks_total{kind=\"video\",outcome=\"done\"} 2",
            "ytdc_tasks_total{kind=\"source\",outcome=\"lost-claim\"} 1",
            "ytdc_sheets_requests_total{kind=\"read\"} 1",
            "ytdc_sheets_429_total 1",
            "ytdc_download_bytes_total 1048576",
            "ytdc_claim_latency_seconds_bucket{le=\"1\"} 0",
            "ytdc_claim_latency_seconds_bucket{le=\"2\"} 1",
            "ytdc_claim_latency_seconds_count 1",
            "ytdc_tasks_in_progress 3",
            "ytdc_circuit_open 1",
        }) {
            assertTrue(after.contains("\n" + line + "\n"), () -> "missing " + line + " in\n" + after);
        }
        assertTrue(after.matches("(?s).*\nytdc_build_info\\{version=\"[^\"]+\"} 1\n.*"), after);
    }
}
