package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.testing.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulator's counters as the bench reads them, from a real emulator answering the real Google client. */
class StatsSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GoogleSpreadsheetPort port(SheetsEmulator e) {
        return GoogleSpreadsheetPort.builder(new ConnectionSettings("s", null, URI.create(e.baseUrl()), null))
                .quotaUser("stats-test").build();
    }

    private static StatsSnapshot overHttp(SheetsEmulator e) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(e.baseUrl()).resolve("/__emulator/stats")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return StatsSnapshot.fromJson(JSON.readTree(body));
        } catch (IOException | InterruptedException x) {
            throw new AssertionError("cannot read " + e.baseUrl() + "__emulator/stats", x);
        }
    }

    @Test
    void a_snapshot_of_a_real_emulator_counts_reads_writes_methods_and_bytes_the_same_in_process_and_over_http()
            throws Exception {
        try (SheetsEmulator emulator = SheetsEmulator.builder().port(0).create("s").start();
             GoogleSpreadsheetPort port = port(emulator)) {
            port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1", List.of(List.of("ID", "Status")))));
            port.append("Sheet1!A1", List.of(List.of("v1", "pending")));
            port.batchGet(List.of("Sheet1!A1:B"));
            port.batchGet(List.of("Sheet1!A1:B1"));
            port.getInfo();

            // An answer's bytes are counted once it is sent, possibly just after the client has it: wait for the
            // counts to settle. They never would if reading the stats counted itself.
            Processes.await(Duration.ofSeconds(5), "the stats over HTTP to equal those in-process",
                    () -> overHttp(emulator).equals(StatsSnapshot.fromJson(emulator.stats().toJson())));
            StatsSnapshot s = StatsSnapshot.fromJson(emulator.stats().toJson());

            assertEquals(3, s.reads(), s.toString());
            assertEquals(2, s.writes(), s.toString());
            assertEquals(5, s.requests());
            assertEquals(2, s.byMethod().get("values.batchGet"), s.toString());
            assertEquals(1, s.byMethod().get("values.append"), s.toString());
            assertEquals(s.requests(), s.byMethod().values().stream().mapToLong(Long::longValue).sum(), s.toString());
            assertTrue(s.responseBytes() > 0, s.toString());
            assertEquals(0, s.quotaRejected());
            assertEquals(s, overHttp(emulator), "reading the stats is not itself counted");
        }
    }

    @Test
    void the_difference_of_two_snapshots_is_what_was_answered_in_between_without_methods_that_did_not_change()
            throws Exception {
        try (SheetsEmulator emulator = SheetsEmulator.builder().port(0).create("s").start();
             GoogleSpreadsheetPort port = port(emulator)) {
            port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1", List.of(List.of("ID")))));
            port.getInfo();
            StatsSnapshot before = StatsSnapshot.fromJson(emulator.stats().toJson());
            port.batchGet(List.of("Sheet1!A1:A"));
            port.batchGet(List.of("Sheet1!A1:A"));
            port.batchUpdateValues(List.of(new RangeWrite("Sheet1!B1", List.of(List.of("Status")))));
            StatsSnapshot after = StatsSnapshot.fromJson(emulator.stats().toJson());

            StatsSnapshot d = after.minus(before);

            assertEquals(2, d.reads(), d.toString());
            assertEquals(1, d.writes(), d.toString());
            assertEquals(2, d.byMethod().get("values.batchGet"), d.toString());
            assertEquals(2, d.byMethod().size(), "only the methods called in between: " + d.byMethod());
            assertEquals(after.responseBytes() - before.responseBytes(), d.responseBytes());
            assertTrue(d.responseBytes() > 0);
        }
    }

    @Test
    void the_fault_counters_are_read_from_the_emulators_field_names_and_subtracted_too() throws Exception {
        StatsSnapshot earlier = StatsSnapshot.fromJson(JSON.readTree("""
                {"reads": 10, "writes": 4, "requests": {"values.batchGet": 10, "values.batchUpdate": 4},
                 "callers": {"a": {"values.batchGet": 10}}, "quotaRejected": 1, "injectedFailures": 2,
                 "latencySpikes": 0, "responseBytes": 1000}"""));
        StatsSnapshot later = StatsSnapshot.fromJson(JSON.readTree("""
                {"reads": 15, "writes": 4, "requests": {"values.batchGet": 15, "values.batchUpdate": 4},
                 "quotaRejected": 7, "injectedFailures": 5, "latencySpikes": 3, "responseBytes": 1600}"""));

        assertEquals(new StatsSnapshot(10, 4, Map.of("values.batchGet", 10L, "values.batchUpdate", 4L), 1, 2, 0, 1000),
                earlier);
        assertEquals(new StatsSnapshot(5, 0, Map.of("values.batchGet", 5L), 6, 3, 3, 600), later.minus(earlier));
    }
}
