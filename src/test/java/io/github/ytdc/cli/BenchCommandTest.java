package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = YtdcCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void the_expansion_scenario_prints_json_with_its_verdicts_and_exits_0_when_met() throws Exception {
        int code = run("bench", "-q", "--scenario", "expansion", "--videos", "300", "--settle", "200ms", "--json");
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(json.path("passed").asBoolean());
        JsonNode scenario = json.path("scenarios").get(0);
        assertEquals("expansion", scenario.path("name").asText());
        JsonNode requests = scenario.path("measurements").get(0);
        assertEquals("Sheets requests to expand the source", requests.path("metric").asText());
        assertTrue(requests.path("value").asDouble() >= 5, "claim, verify, read ids, append, done: " + requests);
        assertEquals(300, scenario.path("measurements").get(1).path("value").asInt());
        assertTrue(err.toString().contains("ytdc bench: running expansion ..."), err.toString());
    }

    @Test
    void an_unknown_scenario_exits_1_with_the_known_names() {
        assertEquals(1, run("bench", "--scenario", "fleet,nope"));
        assertTrue(err.toString().contains("unknown scenario 'nope'; known: requests-per-task, fleet, expansion, "
                + "claim-cost, memory"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void a_bad_duration_names_its_option() {
        assertEquals(1, run("bench", "--settle", "soon"));
        assertTrue(err.toString().startsWith("ytdc: --settle: "), err.toString());
    }
}
