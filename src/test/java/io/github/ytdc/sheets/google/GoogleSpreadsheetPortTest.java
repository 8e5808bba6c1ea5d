package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.sheets.TaggedRow;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's retry, error and wire behaviour against a scripted server: the Google client, its JSON and its
 * auth are real; only the answers are scripted, so failures are exact.
 */
class GoogleSpreadsheetPortTest {
    private static final String OK_BATCH_GET =
            "{\"spreadsheetId\":\"s1\",\"valueRanges\":[{\"range\":\"Sheet1!A1:B2\",\"majorDimension\":\"ROWS\","
                    + "\"values\":[[\"a\",\"b\"],[\"\",\"d\"]]}]}";
    private static final String OK_APPEND =
            "{\"spreadsheetId\":\"s1\",\"updates\":{\"spreadsheetId\":\"s1\",\"updatedRange\":\"'Video Tasks'!A12:C13\","
                    + "\"updatedRows\":2,\"updatedColumns\":3,\"updatedCells\":6}}";

    @TempDir
    Path dir;

    private final ScriptedServer server = ScriptedServer.onLoopback();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final RecordingSleeper limiterSleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private GoogleSpreadsheetPort.Builder portTo(URI endpoint, Path credentials) {
        return GoogleSpreadsheetPort.builder(new ConnectionSettings("s1", credentials, endpoint, null))
                // An unlimited-enough budget of the test's own: these tests are about answers, not pacing.
                .budget(new RequestBudget(new QuotaPolicy(6000, 6000, 6000), Clock.systemUTC(), limiterSleeper))
                .sleeper(sleeper)
                .random(BackoffPolicyTest.fixedJitter(100));
    }

    private GoogleSpreadsheetPort port() {
        return portTo(URI.create("http://127.0.0.1:" + server.port() + "/"), null).build();
    }

    @Test
    void quota_errors_are_retried_after_googles_backoff_and_never_reach_the_caller() {
        server.then(429, ScriptedServer.quotaError()).then(429, ScriptedServer.quotaError()).then(200, OK_BATCH_GET);
        try (GoogleSpreadsheetPort port = port()) {
            List<CellRange> got = port.batchGet(List.of("Sheet1!A1:B2"));
            assertEquals(List.of(new CellRange("Sheet1!A1:B2", List.of(List.of("a", "b"), List.of("", "d")))), got);
            assertEquals(List.of(Duration.ofMillis(1_100), Duration.ofMillis(2_100)), sleeper.sleeps());
            assertEquals(new RequestCounters.Snapshot(3, 0, 2, 2, 0), port.counters());
        }
        assertEquals(3, server.received().size());
    }

    @Test
    void a_quota_error_on_a_non_idempotent_append_is_retried_too() {
        server.then(429, ScriptedServer.quotaError()).then(200, OK_APPEND);
        try (GoogleSpreadsheetPort port = port()) {
            AppendResult r = port.append("'Video Tasks'!A1", List.of(List.of("a", "b", "c"), List.of("d", "e", "f")));
            assertEquals(new AppendResult("'Video Tasks'!A12:C13", 12, 2), r);
            assertEquals(List.of(Duration.ofMillis(1_100)), sleeper.sleeps());
        }
    }

    @Test
    void a_quota_error_surfaces_only_once_the_retries_run_out() {
        server.otherwise(429, ScriptedServer.quotaError());
        try (GoogleSpreadsheetPort port = portTo(URI.create("http://127.0.0.1:" + server.port() + "/"), null)
                .backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ofSeconds(1), 3))
                .build()) {
            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("A1")));
            assertEquals(Reason.QUOTA_EXCEEDED, e.reason());
            assertTrue(e.getMessage().contains("Write requests per minute per user"), e.getMessage());
            assertEquals(3, sleeper.sleeps().size());
            assertEquals(new RequestCounters.Snapshot(4, 0, 4, 3, 1), port.counters());
        }
        assertEquals(4, server.received().size());
    }

    @Test
    void a_server_error_on_append_surfaces_at_once_because_the_rows_may_have_landed() {
        server.thenError(503, "The service is currently unavailable.", "UNAVAILABLE").then(200, OK_APPEND);
        try (GoogleSpreadsheetPort port = port()) {
            SheetsException e = assertThrows(SheetsException.class,
                    () -> port.append("'Video Tasks'!A1", List.of(List.of("x"))));
            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertEquals(503, e.httpStatus());
            assertTrue(e.getMessage().contains("The service is currently unavailable."), e.getMessage());
        }
        assertEquals(1, server.received().size());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void a_server_error_on_a_structural_batch_update_surfaces_at_once() {
        server.thenError(500, "Internal error encountered.", "INTERNAL").then(200, "{\"replies\":[{}]}");
        try (GoogleSpreadsheetPort port = port()) {
            SheetsException e = assertThrows(SheetsException.class,
                    () -> port.batchUpdate(List.of(new StructuralRequest.FreezeRows(0, 1))));
            assertEquals(Reason.UNAVAILABLE, e.reason());
        }
        assertEquals(1, server.received().size());
    }

    @Test
    void a_server_error_on_an_idempotent_values_write_is_retried() {
        server.thenError(503, "The service is currently unavailable.", "UNAVAILABLE")
                .then(200, "{\"spreadsheetId\":\"s1\",\"totalUpdatedCells\":1}");
        try (GoogleSpreadsheetPort port = port()) {
            port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "x")));
            assertEquals(new RequestCounters.Snapshot(0, 2, 0, 1, 0), port.counters());
        }
        assertEquals(List.of(Duration.ofMillis(1_100)), sleeper.sleeps());
    }

    @Test
    void a_refused_connection_is_retried_even_for_append_because_nothing_was_sent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (GoogleSpreadsheetPort port = portTo(URI.create("http://127.0.0.1:" + closedPort + "/"), null)
                .backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ZERO, 2))
                .random(BackoffPolicyTest.fixedJitter(0)).build()) {
            SheetsException e = assertThrows(SheetsException.class, () -> port.append("A1", List.of(List.of("x"))));
            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertEquals(0, e.httpStatus());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeper.sleeps());
        }
    }

    @Test
    void an_interactive_port_stops_retrying_once_its_patience_is_spent_and_says_how_often_it_tried() {
        server.otherwise(503, ScriptedServer.error(503, "The service is currently unavailable.", "UNAVAILABLE"));
        long[] now = {0};
        try (GoogleSpreadsheetPort port = portTo(URI.create("http://127.0.0.1:" + server.port() + "/"), null)
                .policy(new CallPolicy(Duration.ofSeconds(5), Duration.ofSeconds(15),
                        new BackoffPolicy(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ZERO, 10),
                        Duration.ofSeconds(10)))
                .random(BackoffPolicyTest.fixedJitter(0))
                .sleeper(d -> now[0] += d.toNanos()).nanoTime(() -> now[0]).build()) {
            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("A1")));

            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertEquals("Sheets API 503: The service is currently unavailable. (2 attempts in 4s)", e.getMessage());
        }
        assertEquals(2, server.received().size(), "a third attempt would have started 12 s in, past the 10 s allowed");
    }

    @Test
    void an_agent_port_keeps_retrying_an_outage_for_as_long_as_its_backoff_allows() {
        server.thenError(503, "The service is currently unavailable.", "UNAVAILABLE")
                .thenError(503, "The service is currently unavailable.", "UNAVAILABLE")
                .thenError(503, "The service is currently unavailable.", "UNAVAILABLE").then(200, OK_BATCH_GET);
        long[] now = {0};
        try (GoogleSpreadsheetPort port = portTo(URI.create("http://127.0.0.1:" + server.port() + "/"), null)
                .policy(CallPolicy.AGENT).random(BackoffPolicyTest.fixedJitter(0))
                .sleeper(d -> now[0] += d.toNanos()).nanoTime(() -> now[0]).build()) {
            assertEquals(1, port.batchGet(List.of("Sheet1!A1:B2")).size());
        }
        assertEquals(4, server.received().size());
    }

    @Test
    void permission_denied_names_the_service_account_to_share_with() {
        server.thenError(403, "The caller does not have permission", "PERMISSION_DENIED");
        Path key = TestKeys.serviceAccount(dir, "http://127.0.0.1:" + server.port() + "/token");
        try (GoogleSpreadsheetPort port = portTo(URI.create("http://127.0.0.1:" + server.port() + "/"), key).build()) {
            SheetsException e = assertThrows(SheetsException.class, port::getInfo);
            assertEquals(Reason.PERMISSION_DENIED, e.reason());
            assertEquals("Sheets API 403: The caller does not have permission Share the spreadsheet with "
                    + TestKeys.EMAIL + " as Editor (see credentials/README.md).", e.getMessage());
        }
        assertEquals(1, server.received().size(), "not retried");
    }

    @Test
    void not_found_explains_where_the_spreadsheet_id_is() {
        server.thenError(404, "Requested entity was not found.", "NOT_FOUND");
        try (GoogleSpreadsheetPort port = port()) {
            SheetsException e = assertThrows(SheetsException.class, port::getInfo);
            assertEquals(Reason.NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("Requested entity was not found."), e.getMessage());
            assertTrue(e.getMessage().contains("'s1'") && e.getMessage().contains("between /d/ and /edit"));
        }
    }

    @Test
    void unauthenticated_points_at_a_revoked_key_or_clock_skew() {
        server.thenError(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED");
        try (GoogleSpreadsheetPort port = port()) {
            SheetsException e = assertThrows(SheetsException.class, () -> port.batchClear(List.of("A1")));
            assertEquals(Reason.UNAUTHENTICATED, e.reason());
            assertTrue(e.getMessage().contains("clock"), e.getMessage());
        }
    }

    @Test
    void a_bad_range_is_not_retried_and_keeps_googles_message() {
        server.thenError(400, "Unable to parse range: NoSuchTab!A1", "INVALID_ARGUMENT");
        try (GoogleSpreadsheetPort port = port()) {
            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("NoSuchTab!A1")));
            assertEquals(Reason.INVALID_REQUEST, e.reason());
            assertEquals("Sheets API 400: Unable to parse range: NoSuchTab!A1", e.getMessage());
        }
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void writes_are_raw_appends_insert_rows_and_a_null_cell_is_skipped_not_shifted() throws Exception {
        server.then(200, OK_APPEND).then(200, "{\"spreadsheetId\":\"s1\"}");
        try (GoogleSpreadsheetPort port = port()) {
            port.append("'Video Tasks'!A1", List.of(List.of("=HYPERLINK(\"x\")", "0012", "-x1")));
            port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A2:C2", List.of(Arrays.asList("a", null, "c")))));
        }
        ScriptedServer.Received append = server.received().get(0);
        assertEquals("POST", append.method());
        assertTrue(append.uri().startsWith("/v4/spreadsheets/s1/values/'Video%20Tasks'!A1:append?"), append.uri());
        assertTrue(append.uri().contains("valueInputOption=RAW") && append.uri().contains("insertDataOption=INSERT_ROWS"));
        assertTrue(append.body().contains("[\"=HYPERLINK(\\\"x\\\")\",\"0012\",\"-x1\"]"), append.body());
        ScriptedServer.Received update = server.received().get(1);
        assertTrue(update.body().contains("\"valueInputOption\":\"RAW\""), update.body());
        assertTrue(update.body().contains("[\"a\",null,\"c\"]"), update.body());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void data_filter_calls_send_googles_shapes_and_read_answers_in_any_order() throws Exception {
        // Google's order of valueRanges is undocumented: the tag's entry comes first here, the range asked twice
        // is answered by one entry naming both filters, and tag 6 (a deleted row) is not answered at all.
        server.then(200, """
                        {"spreadsheetId":"s1","valueRanges":[
                          {"valueRange":{"range":"'Video Tasks'!A7:Z7","values":[["id","","done"]]},
                           "dataFilters":[{"developerMetadataLookup":{"metadataId":5}}]},
                          {"valueRange":{"range":"Sheet1!A1:A1000","values":[["h"]]},
                           "dataFilters":[{"a1Range":"Sheet1!A:A"},{"a1Range":"Sheet1!A:A"}]}]}""")
                .then(200, """
                        {"spreadsheetId":"s1","totalUpdatedCells":1,"responses":[{"updatedRange":"'Video Tasks'!A7:C7",
                          "updatedCells":1,"dataFilter":{"developerMetadataLookup":{"metadataId":5}}}]}""")
                .then(200, "{\"matchedDeveloperMetadata\":[" + meta(9, 0, 4) + "," + meta(3, 77, 1) + "]}");
        try (GoogleSpreadsheetPort port = port()) {
            FilteredRead read = port.batchGetByDataFilter(List.of("Sheet1!A:A", "Sheet1!A:A"), List.of(5, 6));
            assertEquals(List.of(new CellRange("Sheet1!A1:A1000", List.of(List.of("h"))),
                    new CellRange("Sheet1!A1:A1000", List.of(List.of("h")))), read.ranges());
            assertEquals(Map.of(5, new TaggedRow("Video Tasks", 7, List.of("id", "", "done"))), read.tags());

            Set<Integer> written = port.batchUpdateByDataFilter(List.of(),
                    List.of(new TagWrite(5, Arrays.asList(null, null, "done")), new TagWrite(6, List.of("x"))));
            assertEquals(Set.of(5), written, "tag 6 matched no row: no response entry");

            assertEquals(List.of(new RowTagLocation(3, 77, 1), new RowTagLocation(9, 0, 4)), port.searchTags("t"));
        }
        List<ScriptedServer.Received> got = server.received();
        assertTrue(got.get(0).uri().startsWith("/v4/spreadsheets/s1/values:batchGetByDataFilter"), got.get(0).uri());
        assertEquals(json("{'dataFilters':[{'a1Range':'Sheet1!A:A'},{'a1Range':'Sheet1!A:A'},"
                + "{'developerMetadataLookup':{'metadataId':5}},{'developerMetadataLookup':{'metadataId':6}}],"
                + "'majorDimension':'ROWS','valueRenderOption':'FORMATTED_VALUE'}"), json(got.get(0).body()));
        assertTrue(got.get(1).uri().startsWith("/v4/spreadsheets/s1/values:batchUpdateByDataFilter"), got.get(1).uri());
        assertEquals(json("{'valueInputOption':'RAW','data':["
                + "{'dataFilter':{'developerMetadataLookup':{'metadataId':5}},'majorDimension':'ROWS','values':[[null,null,'done']]},"
                + "{'dataFilter':{'developerMetadataLookup':{'metadataId':6}},'majorDimension':'ROWS','values':[['x']]}]}"),
                json(got.get(1).body()));
        assertTrue(got.get(2).uri().startsWith("/v4/spreadsheets/s1/developerMetadata:search"), got.get(2).uri());
        assertEquals(json("{'dataFilters':[{'developerMetadataLookup':{'metadataKey':'t'}}]}"), json(got.get(2).body()));
    }

    private static String meta(int id, int sheetId, int row) {
        return ("{'developerMetadata':{'metadataId':" + id + ",'metadataKey':'t','location':{'locationType':'ROW',"
                + "'dimensionRange':{'sheetId':" + sheetId + ",'dimension':'ROWS','startIndex':" + row + ",'endIndex':"
                + (row + 1) + "}},'visibility':'DOCUMENT'},'dataFilters':[{'developerMetadataLookup':{'metadataKey':'t'}}]}")
                .replace('\'', '"');
    }

    @Test
    void tag_structural_requests_reach_google_as_create_and_delete_developer_metadata() throws Exception {
        server.then(200, "{\"spreadsheetId\":\"s1\",\"replies\":[{},{}]}");
        try (GoogleSpreadsheetPort port = port()) {
            port.batchUpdate(List.of(new StructuralRequest.TagRow(12, 6, 40, "t"), new StructuralRequest.UntagRow(41)));
        }
        assertEquals(json("{'requests':[{'createDeveloperMetadata':{'developerMetadata':{'metadataId':40,"
                + "'metadataKey':'t','location':{'dimensionRange':{'sheetId':12,'dimension':'ROWS','startIndex':6,"
                + "'endIndex':7}},'visibility':'DOCUMENT'}}},{'deleteDeveloperMetadata':{'dataFilter':"
                + "{'developerMetadataLookup':{'metadataId':41}}}}]}"), json(server.received().get(0).body()));
    }

    @Test
    void a_server_error_on_a_data_filter_write_is_retried_because_writing_a_tagged_row_again_is_harmless() {
        server.thenError(503, "The service is currently unavailable.", "UNAVAILABLE")
                .then(200, "{\"spreadsheetId\":\"s1\"}");
        try (GoogleSpreadsheetPort port = port()) {
            assertEquals(Set.of(), port.batchUpdateByDataFilter(List.of(), List.of(new TagWrite(1, List.of("x")))));
        }
        assertEquals(2, server.received().size());
    }

    @Test
    void a_loopback_endpoint_gets_no_credentials_but_learns_who_is_calling() {
        server.then(200, OK_BATCH_GET);
        Path key = TestKeys.serviceAccount(dir, "http://127.0.0.1:" + server.port() + "/token");
        try (GoogleSpreadsheetPort port = portTo(URI.create("http://localhost:" + server.port() + "/"), key).build()) {
            port.batchGet(List.of("Sheet1!A1:B2"));
        }
        ScriptedServer.Received r = server.received().get(0);
        assertNull(r.headers().getFirst("Authorization"));
        assertTrue(r.uri().contains("quotaUser=" + TestKeys.EMAIL), r.uri());
        assertEquals(1, server.received().size(), "no token request either");
    }

    @Test
    void a_remote_endpoint_with_a_key_gets_a_bearer_token_from_the_keys_token_uri() throws Exception {
        // The server can only listen on loopback here, so the port is told to treat this endpoint as remote;
        // which endpoints really count as local is checked by only_loopback_endpoints_count_as_local.
        try (ScriptedServer remote = ScriptedServer.onLoopback()) {
            remote.then(200, "{\"access_token\":\"ya29.test-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")
                    .then(200, OK_BATCH_GET);
            String base = "http://127.0.0.1:" + remote.port() + "/";
            Path key = TestKeys.serviceAccount(dir, base + "token");
            try (GoogleSpreadsheetPort port = portTo(URI.create(base), key).localEndpointWhen(u -> false).build()) {
                port.batchGet(List.of("Sheet1!A1:B2"));
            }
            List<ScriptedServer.Received> got = remote.received();
            assertEquals("/token", got.get(0).uri());
            assertTrue(got.get(0).body().contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"));
            assertEquals("Bearer ya29.test-token", got.get(1).headers().getFirst("Authorization"));
            assertFalse(got.get(1).uri().contains("quotaUser"));
        }
    }

    @Test
    void a_token_refused_by_google_is_reported_as_unauthenticated_without_the_key() throws Exception {
        // The server can only listen on loopback here, so the port is told to treat this endpoint as remote;
        // which endpoints really count as local is checked by only_loopback_endpoints_count_as_local.
        try (ScriptedServer remote = ScriptedServer.onLoopback()) {
            remote.then(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            String base = "http://127.0.0.1:" + remote.port() + "/";
            Path key = TestKeys.serviceAccount(dir, base + "token");
            try (GoogleSpreadsheetPort port = portTo(URI.create(base), key).localEndpointWhen(u -> false).build()) {
                SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("A1")));
                assertEquals(Reason.UNAUTHENTICATED, e.reason());
                assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
                assertFalse(e.getMessage().contains("PRIVATE KEY"));
            }
            assertEquals(1, remote.received().size(), "a refused key is not retried");
        }
    }

    @Test
    void a_missing_spreadsheet_id_is_explained() {
        SheetsException e = assertThrows(SheetsException.class, () -> GoogleSpreadsheetPort.builder(
                new ConnectionSettings(null, null, URI.create("http://127.0.0.1:1/"), null)).build());
        assertTrue(e.getMessage().contains("--spreadsheet"), e.getMessage());
    }

    @Test
    void append_results_give_the_first_row_of_any_echoed_range() {
        assertEquals(12, GoogleSpreadsheetPort.firstRow("'Video Tasks'!A12:P40"));
        assertEquals(3, GoogleSpreadsheetPort.firstRow("'a!b'!B3"));
        assertEquals(7, GoogleSpreadsheetPort.firstRow("Sheet1!$A$7:$B$9"));
    }

    @Test
    void only_loopback_endpoints_count_as_local() {
        for (String local : List.of("http://127.0.0.1:8089/", "http://localhost:8089/", "http://[::1]:8089/",
                "http://127.0.0.2/")) {
            assertTrue(GoogleSpreadsheetPort.Builder.isLoopback(URI.create(local)), local);
        }
        for (String remote : List.of("https://sheets.googleapis.com/", "http://10.1.2.3:8089/",
                "http://192.168.0.7/", "http://no-such-host.invalid/", "file:///x")) {
            assertFalse(GoogleSpreadsheetPort.Builder.isLoopback(URI.create(remote)), remote);
        }
    }
}
