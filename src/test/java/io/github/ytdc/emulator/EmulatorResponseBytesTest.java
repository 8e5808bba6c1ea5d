package io.github.ytdc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The byte counter the bench's claim-cost scenario reads: every API answer body, and nothing else. */
class EmulatorResponseBytesTest {

    @Test
    void response_bytes_add_up_every_api_answer_body_including_errors_but_not_the_stats_endpoint() throws Exception {
        try (SheetsEmulator emulator = SheetsEmulator.builder().port(0).create("s1").start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "v4/spreadsheets/s1/values/Sheet1!A1:B2")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "v4/spreadsheets/nope/values/Sheet1!A1")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ok.statusCode());
            assertEquals(404, missing.statusCode());
            http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "__emulator/stats")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(ok.body().length + missing.body().length, emulator.stats().responseBytes());
            assertEquals(2, emulator.stats().total());
        }
    }
}
