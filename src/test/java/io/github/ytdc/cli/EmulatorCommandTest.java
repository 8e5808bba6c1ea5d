package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.emulator.SheetsEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code ytdc emulator}'s options as they reach the emulator; a bad value must fail before anything listens. */
@Timeout(30)
class EmulatorCommandTest {

    private static EmulatorCommand parsed(String... args) {
        CommandLine cl = YtdcCommand.commandLine();
        cl.parseArgs(args);
        return Cli.command(cl, "emulator");
    }

    @Test
    void latency_spikes_option_makes_the_emulator_hold_requests_back_for_the_given_duration() throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        EmulatorCommand command = parsed("emulator", "--port", "0", "--create", "sp", "--latency-spikes", "1:3s");
        try (SheetsEmulator emulator = command.configure().sleeper(waits::add).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "v4/spreadsheets/sp/values/A1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(List.of(Duration.ofSeconds(3)), waits);
            assertEquals(1, emulator.stats().latencySpikes());
        }
    }

    @Test
    void latency_spikes_parse_a_probability_and_a_duration() {
        assertEquals(new EmulatorValues.LatencySpikes(0.05, Duration.ofSeconds(3)),
                EmulatorValues.LatencySpikes.parse("0.05:3s"));
        assertEquals(new EmulatorValues.LatencySpikes(1, Duration.ofMillis(1500)),
                EmulatorValues.LatencySpikes.parse(" 1 :1.5s"));
        assertEquals(new EmulatorValues.LatencySpikes(0, Duration.ofMinutes(2)),
                EmulatorValues.LatencySpikes.parse("0:PT2M"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.05      | '0.05' has no ':'",
        "often:3s  | 'often' is not a probability",
        "1.5:3s    | probability 1.5 is not between 0 and 1",
        "-0.1:3s   | probability -0.1 is not between 0 and 1",
        "0.1:soon  | not a duration: 'soon'",
        "0.1:      | empty duration",
    })
    void bad_latency_spikes_are_refused_with_the_expected_form_before_anything_listens(String value, String problem) {
        Cli run = Cli.run("emulator", "--port", "0", "--latency-spikes", value);
        assertEquals(ErrorHandler.FAILURE, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("ytdc: --latency-spikes: "), run.toString());
        assertTrue(run.err.contains(problem), run.toString());
        assertEquals("", run.out, "nothing listened");
    }
}
