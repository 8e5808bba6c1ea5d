package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ytdc bench} (one measured fleet) and {@code ytdc bench targets} (the SPEC suite), run in-process at tiny
 * sizes against the real emulator and Google client.
 */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_tiny_threads_run_prints_json_that_accounts_for_every_task_and_the_requests_it_cost() throws Exception {
        Cli r = Cli.run("bench", "-q", "--agents", "2", "--tasks", "12", "--concurrency", "2", "--settle", "200ms",
                "--quota", "off", "--timeout", "60s", "--json");

        assertEquals(0, r.exitCode, r.toString());
        JsonNode json = JSON.readTree(r.out);
        assertTrue(json.path("finished").asBoolean(), r.out);
        assertEquals(2, json.path("agents").asInt());
        assertEquals(12, json.path("tasks").asInt());
        assertEquals(12, json.path("doneTasks").asLong(), r.out);
        assertEquals(0, json.path("deadLettered").asLong(), r.out);
        assertEquals(0, json.path("duplicates").asInt(), r.out);
        assertEquals(0, json.path("processedTwice").asInt(), r.out);
        assertEquals(0, json.path("lost").asInt(), r.out);
        assertEquals(12, json.path("claims").asInt(), "one won claim per task: " + r.out);
        long requests = json.path("reads").asLong() + json.path("writes").asLong();
        assertTrue(json.path("reads").asLong() > 0 && json.path("writes").asLong() > 0, r.out);
        assertEquals(requests / 12.0, json.path("requestsPerTask").asDouble(), 1e-9, r.out);
        long byMethod = 0;
        for (JsonNode n : json.path("requestsByMethod")) {
            byMethod += n.asLong();
        }
        assertEquals(requests, byMethod, "reads and writes are the per-method counts split: " + r.out);
        assertTrue(json.path("claimLatencyP50Ms").asLong() >= 200, "a claim waits out the settle delay: " + r.out);
        assertTrue(json.path("claimLatencyP95Ms").asLong() >= json.path("claimLatencyP50Ms").asLong(), r.out);
        assertTrue(json.path("tasksPerMinute").asDouble() > 0, r.out);
        assertTrue(json.path("summary").asText().startsWith("bench: agents=2 tasks=12 "), r.out);
        assertTrue(r.err.contains("ytdc bench: seeding 0 done and 12 pending rows, then starting 2 agents"), r.err);
    }

    @Test
    void a_text_run_ends_with_the_bench_summary_line() {
        Cli r = Cli.run("bench", "-q", "--agents", "2", "--tasks", "12", "--concurrency", "2", "--settle", "200ms",
                "--quota", "off", "--timeout", "60s");

        assertEquals(0, r.exitCode, r.toString());
        List<String> lines = r.out.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(Pattern.matches("bench: agents=2 tasks=12 tasks_per_min=\\d+\\.\\d requests_per_task=\\d+\\.\\d{3} "
                + "duplicates=0 lost=0", last), last);
        assertTrue(r.out.startsWith("ytdc bench: 2 agents (threads in one JVM), concurrency 2, 12 tasks"), r.out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--task-time | 3s..1s | ytdc: --task-time: ",
        "--latency   | x      | ytdc: --latency: ",
        "--agents    | 0      | ytdc: --agents must be at least 1",
        "--settle    | soon   | ytdc: --settle: ",
        "--quota     | lots   | ytdc: --quota: expected 'google' or 'off'",
    })
    void a_bad_value_exits_1_before_anything_runs_with_a_message_naming_its_option(String option, String value,
                                                                                   String message) {
        Cli r = Cli.run("bench", option, value);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.startsWith(message), r.toString());
        assertEquals("", r.out);
        assertTrue(!r.err.contains("seeding"), "nothing ran: " + r.err);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--fail-rate      | 2      | ytdc: --fail-rate must be between 0 and 1",
        "--latency-spikes | x      | ytdc: --latency-spikes: ",
        "--stall-timeout  | 5s     | ytdc: --stall-timeout must be at least 4 x --heartbeat",
        "--agents         | 0      | ytdc: --agents, --tasks and --concurrency must be at least 1",
        "--task-time      | 2s..1s | ytdc: --task-time: ",
    })
    void a_bad_fault_suite_value_exits_1_before_any_agent_starts(String option, String value, String message) {
        Cli r = Cli.run("bench", "faults", option, value);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.startsWith(message), r.toString());
        assertTrue(!r.err.contains("starting"), "nothing ran: " + r.err);
    }

    @Test
    void the_expansion_target_prints_json_with_its_verdicts_and_exits_0_when_met() throws Exception {
        Cli r = Cli.run("bench", "targets", "-q", "--scenario", "expansion", "--videos", "300", "--settle", "200ms",
                "--json");

        assertEquals(0, r.exitCode, r.toString());
        JsonNode json = JSON.readTree(r.out);
        assertTrue(json.path("passed").asBoolean());
        JsonNode scenario = json.path("scenarios").get(0);
        assertEquals("expansion", scenario.path("name").asText());
        JsonNode requests = scenario.path("measurements").get(0);
        assertEquals("Sheets requests to expand the source", requests.path("metric").asText());
        assertTrue(requests.path("value").asDouble() >= 5, "claim, verify, read ids, append, done: " + requests);
        assertEquals(300, scenario.path("measurements").get(1).path("value").asInt());
        assertTrue(r.err.contains("ytdc bench: running expansion ..."), r.err);
    }

    @Test
    void the_model_scale_scenario_runs_when_named_at_the_given_size() {
        Cli r = Cli.run("bench", "targets", "-q", "--scenario", "model-scale", "--model-rows", "500");

        assertTrue(r.out.contains("memory: append 10000 rows"), r.toString());
        assertTrue(r.out.contains("local: read 10-row window, median"), r.toString());
        assertTrue(r.out.contains("a tab of 500 rows x 6 columns on each backend"), r.toString());
        assertTrue(r.err.contains("ytdc bench: running model-scale ..."), r.err);
    }

    @Test
    void an_unknown_target_scenario_exits_1_with_the_known_names() {
        Cli r = Cli.run("bench", "targets", "--scenario", "fleet,nope");

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("unknown scenario 'nope'; known: requests-per-task, fleet, expansion, "
                + "claim-cost, memory"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void scenarios_are_options_of_bench_targets_not_of_bench() {
        Cli r = Cli.run("bench", "--scenario", "expansion");

        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.err.contains("Unknown options: '--scenario'"), r.err);
    }

    @Test
    void a_bad_target_duration_names_its_option() {
        Cli r = Cli.run("bench", "targets", "--settle", "soon");

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("ytdc: --settle: "), r.err);
    }
}
