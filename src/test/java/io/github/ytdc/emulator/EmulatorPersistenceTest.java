package io.github.ytdc.emulator;

import io.github.ytdc.testing.Processes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ytdc emulator --data} as a real child process, killed with SIGKILL in the middle of a write storm. */
@Tag("slow")
class EmulatorPersistenceTest {
    private static final Pattern LISTENING = Pattern.compile("Sheets emulator listening on (http://\\S+/)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Child(Process process, String baseUrl) {}

    private static Child startEmulator(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.github.ytdc.cli.Main",
                "emulator", "--port", "0", "--data", data.toString(), "--create", "s1", "-q")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        assertTrue(url != null, "the emulator printed its listening line");
        // Keep draining output so the child never blocks on a full pipe.
        CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
        return new Child(p, url);
    }

    private HttpResponse<String> put(String base, String range, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "v4/spreadsheets/s1/values/" + range + "?valueInputOption=RAW"))
                .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void data_survives_kill_9_in_the_middle_of_a_write_storm_and_reloads_consistently(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("sheets.json");
        Child first = startEmulator(data);
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> storm = CompletableFuture.runAsync(() -> {
            for (long n = 1; !stop.get(); n++) {
                try {
                    // A and B always hold the same number within one write; a torn state would show them differ.
                    HttpResponse<String> r = put(first.baseUrl(), "Sheet1!A1:B1", "{\"values\":[[" + n + "," + n + "]]}");
                    if (r.statusCode() == 200) {
                        acknowledged.set(n);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        Processes.await(Duration.ofSeconds(20), "30 writes acknowledged before the kill", () -> acknowledged.get() >= 30);
        first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        storm.get(20, TimeUnit.SECONDS);
        long lastAcked = acknowledged.get();

        JsonNode file = JSON.readTree(data.toFile());
        assertEquals("ytdc-emulator/1", file.get("format").asText());

        Child second = startEmulator(data);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(second.baseUrl()
                    + "v4/spreadsheets/s1/values/A1:B1?valueRenderOption=UNFORMATTED_VALUE")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            JsonNode row = JSON.readTree(r.body()).at("/values/0");
            long a = row.get(0).asLong();
            long b = row.get(1).asLong();
            assertEquals(a, b, "both cells come from the same write");
            assertTrue(a == lastAcked || a == lastAcked + 1,
                    "every acknowledged write is on disk: stored " + a + ", last acknowledged " + lastAcked);
            assertEquals(200, put(second.baseUrl(), "A2", "{\"values\":[[\"after restart\"]]}").statusCode());
        } finally {
            second.process().destroy();
        }
        assertTrue(second.process().waitFor(10, TimeUnit.SECONDS), "the emulator stops on SIGTERM");
    }
}
