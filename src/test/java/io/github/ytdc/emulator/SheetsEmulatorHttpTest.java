package io.github.ytdc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.testing.MutableClock;
import io.github.ytdc.util.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator over real HTTP, as any client sees it: routing, bodies, status codes and Google's shapes. */
class SheetsEmulatorHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SheetsEmulator emulator;
    private String base;

    @BeforeEach
    void start() {
        emulator = SheetsEmulator.builder().create("s1").random(new Random(7)).start();
        base = emulator.baseUrl() + "v4/spreadsheets/s1";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private record Answer(int status, JsonNode body) {}

    private Answer send(String method, String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private Answer get(String pathAndQuery) throws Exception {
        return send("GET", base + pathAndQuery, null);
    }

    private Answer put(String encodedRange, String query, String body) throws Exception {
        return send("PUT", base + "/values/" + encodedRange + "?" + query, body);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void values_written_then_read_come_back_trimmed_with_the_whole_requested_range_echoed() throws Exception {
        Answer w = put("Sheet1!A1", "valueInputOption=RAW",
                "{\"values\":[[\"A1\",\"B1\",\"\",\"D1\"],[\"\",\"b2\",\"\",\"\"],[\"\",\"\",\"\",\"\"],[\"A4\",\"B4\",\"\",\"d4\"]]}");
        assertEquals(200, w.status());
        assertEquals(json("{'spreadsheetId':'s1','updatedRange':'Sheet1!A1:D4','updatedRows':4,'updatedColumns':4,'updatedCells':16}"), w.body());
        Answer r = get("/values/Sheet1");
        assertEquals(json("{'range':'Sheet1!A1:Z1000','majorDimension':'ROWS','values':[['A1','B1','','D1'],['','b2'],[],['A4','B4','','d4']]}"), r.body());
    }

    @Test
    void an_empty_range_has_no_values_key_and_echoes_are_normalised() throws Exception {
        assertEquals(json("{'range':'Sheet1!A1:C1000','majorDimension':'ROWS'}"), get("/values/'Sheet1'!A1:C").body());
        assertEquals("Sheet1!A1", get("/values/A1:A1").body().get("range").asText());
        assertEquals("Sheet1!A1:B2", get("/values/B2:A1").body().get("range").asText());
        assertEquals("Sheet1!A2:Z2", get("/values/Sheet1!A2:2").body().get("range").asText());
        assertEquals("Sheet1!A1:A1000", get("/values/A:A").body().get("range").asText());
        assertEquals("Sheet1!A1:Z5", get("/values/A1:AA5").body().get("range").asText());
        assertEquals("Sheet1!A1:Z1", get("/values/sheet1!1:1").body().get("range").asText());
    }

    @Test
    void titles_are_quoted_in_echoes_only_when_needed_and_paths_keep_plus_signs() throws Exception {
        Answer add = send("POST", base + ":batchUpdate", "{\"requests\":[{\"addSheet\":{\"properties\":{\"title\":\"Q+1 & Co\"}}},"
                + "{\"addSheet\":{\"properties\":{\"title\":\"D3\",\"gridProperties\":{\"rowCount\":4,\"columnCount\":4}}}}]}");
        assertEquals(200, add.status(), add.body().toString());
        assertEquals("'Q+1 & Co'!A1:B2", get("/values/'Q%2B1%20&%20Co'!A1:B2").body().get("range").asText());
        assertEquals("'Q+1 & Co'!A1:B2", get("/values/'Q+1%20&%20Co'!A1:B2").body().get("range").asText());
        assertEquals("'D3'!A1:D4", get("/values/'D3'").body().get("range").asText());
    }

    @Test
    void render_options_and_user_entered_parsing_follow_google() throws Exception {
        put("A1", "valueInputOption=USER_ENTERED", "{\"values\":[[\"=4/2\",\"0012\",\"'0012\",\"true\",53,\"x\"]]}");
        assertEquals(json("[['=4/2','12','0012','TRUE','53','x']]"), get("/values/A1:F1").body().get("values"));
        assertEquals(json("[['=4/2',12,'0012',true,53,'x']]"),
                get("/values/A1:F1?valueRenderOption=UNFORMATTED_VALUE").body().get("values"));
        assertEquals(json("[['=4/2',12,'0012',true,53,'x']]"),
                get("/values/A1:F1?valueRenderOption=FORMULA").body().get("values"));
        put("A2", "valueInputOption=RAW", "{\"values\":[[\"=4/2\",\"0012\",\"'x\"]]}");
        assertEquals(JSON.readTree("[[\"=4/2\",\"0012\",\"'x\"]]"), get("/values/A2:C2").body().get("values"));
        assertEquals(json("[['=4/2'],['12']]"), get("/values/A1:B1?majorDimension=COLUMNS").body().get("values"));
    }

    @Test
    void a_json_null_skips_a_cell_and_an_empty_string_clears_it() throws Exception {
        put("A1", "valueInputOption=RAW", "{\"values\":[[\"a\",\"b\",\"c\"]]}");
        Answer w = put("A1", "valueInputOption=RAW&includeValuesInResponse=true", "{\"values\":[[null,\"\",\"C\"]]}");
        assertEquals(2, w.body().get("updatedCells").asInt());
        assertEquals(json("{'range':'Sheet1!A1:C1','majorDimension':'ROWS','values':[['a','','C']]}"), w.body().get("updatedData"));
    }

    @Test
    void writing_past_the_requested_range_or_the_grid_is_refused_with_googles_messages() throws Exception {
        Answer col = put("Sheet1!A1:B2", "valueInputOption=RAW", "{\"values\":[[1,2,3]]}");
        assertEquals(400, col.status());
        assertEquals(json("{'error':{'code':400,'message':'Requested writing within range [Sheet1!A1:B2], but tried writing to column [C]','status':'INVALID_ARGUMENT'}}"), col.body());
        Answer row = put("Sheet1!A1:B1", "valueInputOption=RAW", "{\"values\":[[1],[2]]}");
        assertEquals("Requested writing within range [Sheet1!A1:B1], but tried writing to row [2]", row.body().at("/error/message").asText());
        Answer grid = put("Sheet1!Z1", "valueInputOption=RAW", "{\"values\":[[1,2]]}");
        assertEquals("Range (Sheet1!Z1:AA1) exceeds grid limits. Max rows: 1000, max columns: 26", grid.body().at("/error/message").asText());
        Answer start = get("/values/Sheet1!AA1:AB5");
        assertEquals(400, start.status());
        assertEquals("Range (Sheet1!AA1:AB5) exceeds grid limits. Max rows: 1000, max columns: 26", start.body().at("/error/message").asText());
    }

    @Test
    void malformed_ranges_unknown_sheets_and_bad_enums_get_googles_400s() throws Exception {
        for (String bad : new String[] {"NoSuchTab!A1", "A1:", "Sheet1!", "'A1'"}) {
            Answer a = get("/values/" + bad);
            assertEquals(400, a.status(), bad);
            assertEquals("Unable to parse range: " + bad, a.body().at("/error/message").asText());
            assertFalse(a.body().get("error").has("errors"));
        }
        Answer e = get("/values/A1?majorDimension=DIAGONAL");
        assertEquals("Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), \"DIAGONAL\"",
                e.body().at("/error/message").asText());
        assertEquals("type.googleapis.com/google.rpc.BadRequest", e.body().at("/error/details/0/@type").asText());
        Answer missing = put("A1", "", "{\"values\":[[1]]}");
        assertEquals(400, missing.status());
    }

    @Test
    void an_unknown_spreadsheet_is_a_404_with_googles_message() throws Exception {
        Answer a = send("GET", emulator.baseUrl() + "v4/spreadsheets/nope/values/A1", null);
        assertEquals(404, a.status());
        assertEquals(json("{'error':{'code':404,'message':'Requested entity was not found.','status':'NOT_FOUND'}}"), a.body());
    }

    @Test
    void append_detects_the_table_and_splits_on_blank_columns_as_recorded() throws Exception {
        put("Sheet1!A1", "valueInputOption=RAW", "{\"values\":[[\"x\",\"\",\"y\"]]}");
        Answer whole = send("POST", base + "/values/Sheet1:append?valueInputOption=RAW", "{\"values\":[[\"x\",\"\",\"y\"]]}");
        assertEquals("Sheet1!C1", whole.body().get("tableRange").asText());
        assertEquals("Sheet1!C2:E2", whole.body().at("/updates/updatedRange").asText());
        Answer anchored = send("POST", base + "/values/Sheet1!A1:append?valueInputOption=RAW", "{\"values\":[[\"x\",\"\",\"y\"]]}");
        assertEquals("Sheet1!A1", anchored.body().get("tableRange").asText());
        assertEquals("Sheet1!A2:C2", anchored.body().at("/updates/updatedRange").asText());
    }

    @Test
    void append_to_an_empty_sheet_has_no_table_range_and_insert_rows_shifts_what_is_below() throws Exception {
        Answer first = send("POST", base + "/values/Sheet1!A1:append?valueInputOption=RAW", "{\"values\":[[\"h1\",\"h2\"]]}");
        assertFalse(first.body().has("tableRange"));
        assertEquals("Sheet1!A1:B1", first.body().at("/updates/updatedRange").asText());
        put("Sheet1!A3", "valueInputOption=RAW", "{\"values\":[[\"below\"]]}");
        // Row 2 is blank, so the table is A1:B1; INSERT_ROWS pushes "below" down, OVERWRITE would not.
        Answer ins = send("POST", base + "/values/Sheet1!A1:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS",
                "{\"values\":[[\"r1\"]]}");
        assertEquals("Sheet1!A1:B1", ins.body().get("tableRange").asText());
        assertEquals(json("[['h1','h2'],['r1'],[],['below']]"), get("/values/A1:B4").body().get("values"));
        send("POST", base + "/values/Sheet1!A1:append?valueInputOption=RAW&insertDataOption=OVERWRITE", "{\"values\":[[\"r2\"]]}");
        assertEquals(json("[['h1','h2'],['r1'],['r2'],['below']]"), get("/values/A1:B4").body().get("values"));
        assertEquals(1001, get("").body().at("/sheets/0/properties/gridProperties/rowCount").asInt());
    }

    @Test
    void append_past_the_last_row_grows_the_grid() throws Exception {
        send("POST", base + ":batchUpdate", "{\"requests\":[{\"updateSheetProperties\":{\"properties\":{\"sheetId\":0,"
                + "\"gridProperties\":{\"rowCount\":2}},\"fields\":\"gridProperties/rowCount\"}}]}");
        put("A1", "valueInputOption=RAW", "{\"values\":[[\"a\"],[\"b\"]]}");
        Answer a = send("POST", base + "/values/A1:append?valueInputOption=RAW", "{\"values\":[[\"c\"],[\"d\"]]}");
        assertEquals("Sheet1!A3:A4", a.body().at("/updates/updatedRange").asText());
        assertEquals(4, get("").body().at("/sheets/0/properties/gridProperties/rowCount").asInt());
    }

    @Test
    void values_batch_update_is_all_or_nothing_with_the_failing_index_named() throws Exception {
        Answer a = send("POST", base + "/values:batchUpdate", "{\"valueInputOption\":\"RAW\",\"data\":["
                + "{\"range\":\"A1\",\"values\":[[\"kept?\"]]},{\"range\":\"NoSuchTab!A1\",\"values\":[[\"x\"]]}]}");
        assertEquals(400, a.status());
        assertEquals("Invalid data[1]: Unable to parse range: NoSuchTab!A1", a.body().at("/error/message").asText());
        assertFalse(get("/values/A1").body().has("values"));
        Answer ok = send("POST", base + "/values:batchUpdate", "{\"valueInputOption\":\"RAW\",\"data\":["
                + "{\"range\":\"'Sheet1'!A1:D1\",\"values\":[[1,2,3,4]]},{\"range\":\"A2\",\"values\":[[1,2,3,4]]}]}");
        assertEquals(json("{'spreadsheetId':'s1','totalUpdatedRows':2,'totalUpdatedColumns':8,'totalUpdatedCells':8,'totalUpdatedSheets':1,"
                + "'responses':[{'spreadsheetId':'s1','updatedRange':'Sheet1!A1:D1','updatedRows':1,'updatedColumns':4,'updatedCells':4},"
                + "{'spreadsheetId':'s1','updatedRange':'Sheet1!A2:D2','updatedRows':1,'updatedColumns':4,'updatedCells':4}]}"), ok.body());
    }

    @Test
    void spreadsheet_batch_update_is_all_or_nothing_and_replies_one_to_one() throws Exception {
        Answer bad = send("POST", base + ":batchUpdate", "{\"requests\":[{\"addSheet\":{\"properties\":{\"title\":\"T\"}}},"
                + "{\"updateCells\":{\"start\":{\"sheetId\":999999},\"rows\":[],\"fields\":\"*\"}}]}");
        assertEquals(400, bad.status());
        assertEquals("Invalid requests[1].updateCells: No grid with id: 999999", bad.body().at("/error/message").asText());
        assertEquals(1, get("").body().get("sheets").size());
        Answer ok = send("POST", base + ":batchUpdate", "{\"requests\":[{\"addSheet\":{\"properties\":{\"title\":\"T\"}}},"
                + "{\"appendDimension\":{\"sheetId\":0,\"dimension\":\"ROWS\",\"length\":5}}]}");
        JsonNode replies = ok.body().get("replies");
        assertEquals(2, replies.size());
        JsonNode props = replies.get(0).at("/addSheet/properties");
        assertTrue(props.get("sheetId").asInt() > 0);
        assertEquals(json("{'rowCount':1000,'columnCount':26}"), props.get("gridProperties"));
        assertEquals(1, props.get("index").asInt());
        assertEquals(json("{}"), replies.get(1));
        Answer dup = send("POST", base + ":batchUpdate", "{\"requests\":[{\"addSheet\":{\"properties\":{\"title\":\"t\"}}}]}");
        assertEquals("Invalid requests[0].addSheet: A sheet with the name \"t\" already exists. Please enter another name.",
                dup.body().at("/error/message").asText());
        Answer enumError = send("POST", base + ":batchUpdate",
                "{\"requests\":[{\"appendDimension\":{\"sheetId\":0,\"dimension\":\"DIAGONAL\",\"length\":5}}]}");
        assertEquals("Invalid value at 'requests[0].append_dimension.dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), \"DIAGONAL\"",
                enumError.body().at("/error/message").asText());
    }

    @Test
    void hiding_every_sheet_and_deleting_all_non_frozen_rows_are_refused() throws Exception {
        Answer hide = send("POST", base + ":batchUpdate", "{\"requests\":[{\"updateSheetProperties\":{\"properties\":{\"sheetId\":0,"
                + "\"hidden\":true},\"fields\":\"hidden\"}}]}");
        assertEquals("Invalid requests[0].updateSheetProperties: You can't hide all the sheets in a document.",
                hide.body().at("/error/message").asText());
        send("POST", base + ":batchUpdate", "{\"requests\":[{\"updateSheetProperties\":{\"properties\":{\"sheetId\":0,"
                + "\"gridProperties\":{\"frozenRowCount\":1}},\"fields\":\"gridProperties.frozenRowCount\"}}]}");
        Answer del = send("POST", base + ":batchUpdate", "{\"requests\":[{\"deleteDimension\":{\"range\":{\"sheetId\":0,"
                + "\"dimension\":\"ROWS\",\"startIndex\":1,\"endIndex\":1000}}}]}");
        assertEquals("Invalid requests[0].deleteDimension: Sorry, it is not possible to delete all non-frozen rows.",
                del.body().at("/error/message").asText());
        assertEquals(1, get("").body().at("/sheets/0/properties/gridProperties/frozenRowCount").asInt());
    }

    @Test
    void find_replace_counts_occurrences_and_leaves_zero_counts_out() throws Exception {
        put("A1", "valueInputOption=RAW", "{\"values\":[[\"Google Sheets\",\"v1|pending\"],[\"x\",\"v2|pending\"]]}");
        Answer a = send("POST", base + ":batchUpdate", "{\"requests\":[{\"findReplace\":{\"find\":\"e\",\"replacement\":\"o\","
                + "\"range\":{\"sheetId\":0,\"startColumnIndex\":0,\"endColumnIndex\":1},\"matchCase\":true}}]}");
        assertEquals(json("{'valuesChanged':1,'rowsChanged':1,'sheetsChanged':1,'occurrencesChanged':3}"),
                a.body().at("/replies/0/findReplace"));
        Answer claim = send("POST", base + ":batchUpdate", "{\"requests\":[{\"findReplace\":{\"find\":\"(v2)\\\\|pending\","
                + "\"replacement\":\"$1|taken\",\"allSheets\":true,\"searchByRegex\":true,\"matchEntireCell\":true,\"matchCase\":true}}]}");
        assertEquals(1, claim.body().at("/replies/0/findReplace/occurrencesChanged").asInt());
        Answer again = send("POST", base + ":batchUpdate", "{\"requests\":[{\"findReplace\":{\"find\":\"v2|pending\","
                + "\"replacement\":\"v2|taken\",\"sheetId\":0,\"matchEntireCell\":true}}]}");
        assertEquals(json("{'findReplace':{}}"), again.body().at("/replies/0"));
        assertEquals(json("[['Googlo Shoots','v1|pending'],['x','v2|taken']]"), get("/values/A1:B2").body().get("values"));
    }

    @Test
    void gzip_request_bodies_are_accepted() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("{\"values\":[[\"zipped\"]]}".getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/values/A1?valueInputOption=RAW"))
                .header("Content-Encoding", "gzip").PUT(HttpRequest.BodyPublishers.ofByteArray(buf.toByteArray())).build();
        assertEquals(200, http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(json("[['zipped']]"), get("/values/A1").body().get("values"));
    }

    @Test
    void batch_get_takes_repeated_ranges_and_clear_echoes_the_cleared_range() throws Exception {
        put("A1", "valueInputOption=RAW", "{\"values\":[[\"a\",\"b\"]]}");
        Answer b = get("/values:batchGet?ranges=A1&ranges=Sheet1!B1:C2&alt=json&prettyPrint=false");
        assertEquals(json("{'spreadsheetId':'s1','valueRanges':[{'range':'Sheet1!A1','majorDimension':'ROWS','values':[['a']]},"
                + "{'range':'Sheet1!B1:C2','majorDimension':'ROWS','values':[['b']]}]}"), b.body());
        Answer c = send("POST", base + "/values/Sheet1:clear", "{}");
        assertEquals(json("{'spreadsheetId':'s1','clearedRange':'Sheet1!A1:Z1000'}"), c.body());
        assertFalse(get("/values/A1:B1").body().has("values"));
    }

    @Test
    void fields_masks_select_parts_of_the_answer() throws Exception {
        Answer a = get("?fields=sheets(properties(title,sheetId))");
        assertEquals(json("{'sheets':[{'properties':{'sheetId':0,'title':'Sheet1'}}]}"), a.body());
    }

    @Test
    void create_makes_a_new_spreadsheet_with_sheet1() throws Exception {
        Answer a = send("POST", emulator.baseUrl() + "v4/spreadsheets", "{\"properties\":{\"title\":\"New\"}}");
        assertEquals(200, a.status());
        String id = a.body().get("spreadsheetId").asText();
        assertEquals("New", a.body().at("/properties/title").asText());
        assertEquals(200, send("GET", emulator.baseUrl() + "v4/spreadsheets/" + id + "/values/Sheet1!A1", null).status());
    }

    @Test
    void quota_mode_answers_googles_429_per_caller_and_counts_it() throws Exception {
        MutableClock clock = new MutableClock();
        try (SheetsEmulator limited = SheetsEmulator.builder().create("q").quota(SheetsEmulator.QuotaMode.GOOGLE)
                .clock(clock).start()) {
            String url = limited.baseUrl() + "v4/spreadsheets/q/values/A1";
            for (int i = 0; i < 60; i++) {
                assertEquals(200, send("GET", url, null, "Authorization", "Bearer alice").status());
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer alice")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, r.statusCode());
            assertTrue(r.headers().firstValue("Retry-After").isEmpty());
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertEquals("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of "
                    + "service 'sheets.googleapis.com' for consumer 'project_number:1000000000001'.", error.get("message").asText());
            assertEquals("RESOURCE_EXHAUSTED", error.get("status").asText());
            assertEquals("RATE_LIMIT_EXCEEDED", error.at("/details/0/reason").asText());
            assertEquals("ReadRequestsPerMinutePerUser", error.at("/details/0/metadata/quota_limit").asText());
            assertFalse(error.has("errors"));
            // Another caller and the write bucket are untouched; the next minute refills alice.
            assertEquals(200, send("GET", url, null, "Authorization", "Bearer bob").status());
            assertEquals(200, send("PUT", url + "?valueInputOption=RAW", "{\"values\":[[1]]}", "Authorization", "Bearer alice").status());
            clock.advance(Duration.ofMinutes(1));
            assertEquals(200, send("GET", url, null, "Authorization", "Bearer alice").status());
            JsonNode stats = send("GET", limited.baseUrl() + "__emulator/stats", null).body();
            assertEquals(1, stats.get("quotaRejected").asInt());
            assertEquals(62, stats.at("/requests/values.get").asInt());
            assertFalse(stats.toString().contains("alice"), "tokens never appear in stats");
        }
    }

    @Test
    void injected_failures_use_googles_bodies_and_some_writes_land_anyway() throws Exception {
        try (SheetsEmulator flaky = SheetsEmulator.builder().create("f").failRate(1.0).random(new Random(1)).start()) {
            String url = flaky.baseUrl() + "v4/spreadsheets/f/values/";
            int landed = 0;
            for (int i = 1; i <= 20; i++) {
                Answer a = send("PUT", url + "A" + i + "?valueInputOption=RAW", "{\"values\":[[\"w\"]]}");
                assertTrue(a.status() == 500 || a.status() == 503, "status " + a.status());
                String message = a.body().at("/error/message").asText();
                assertTrue(message.equals("The service is currently unavailable.") || message.equals("Internal error encountered."));
            }
            JsonNode values = flaky.spreadsheet("f").valuesGet("A1:A20", null).get("values");
            landed = values == null ? 0 : (int) java.util.stream.StreamSupport.stream(values.spliterator(), false)
                    .filter(r -> r.size() == 1).count();
            assertTrue(landed > 0 && landed < 20, "some but not all failed writes were applied: " + landed);
            assertEquals(20, flaky.stats().injectedFailures());
        }
    }

    /** A sleeper that waits for nothing and records each wait with whether cell A1 of {@code sp} was written yet. */
    private record Wait(Duration duration, boolean writeLanded) {}

    private static Sleeper recording(List<Wait> waits, java.util.function.Supplier<SheetsEmulator> emulator) {
        return d -> waits.add(new Wait(d, emulator.get().spreadsheet("sp").valuesGet("A1", null).has("values")));
    }

    @Test
    void a_latency_spike_is_waited_before_the_write_is_applied_and_counted() throws Exception {
        List<Wait> waits = new CopyOnWriteArrayList<>();
        SheetsEmulator[] holder = new SheetsEmulator[1];
        try (SheetsEmulator slow = SheetsEmulator.builder().create("sp").latency(Duration.ofMillis(20), Duration.ZERO)
                .latencySpikes(1.0, Duration.ofSeconds(3)).sleeper(recording(waits, () -> holder[0]))
                .random(new Random(5)).build()) {
            holder[0] = slow.start();
            Answer a = send("PUT", slow.baseUrl() + "v4/spreadsheets/sp/values/A1?valueInputOption=RAW", "{'values':[['late']]}"
                    .replace('\'', '"'));
            assertEquals(200, a.status());
            assertEquals(List.of(new Wait(Duration.ofMillis(3020), false)), waits);
            assertEquals("late", slow.spreadsheet("sp").valuesGet("A1", null).at("/values/0/0").asText());
            assertEquals(1, slow.stats().latencySpikes());
            assertEquals(1, send("GET", slow.baseUrl() + "__emulator/stats", null).body().get("latencySpikes").asInt());
        }
    }

    @Test
    void with_probability_zero_requests_wait_only_the_ordinary_latency() throws Exception {
        List<Wait> waits = new CopyOnWriteArrayList<>();
        SheetsEmulator[] holder = new SheetsEmulator[1];
        try (SheetsEmulator steady = SheetsEmulator.builder().create("sp").latency(Duration.ofMillis(20), Duration.ZERO)
                .latencySpikes(0.0, Duration.ofSeconds(3)).sleeper(recording(waits, () -> holder[0])).build()) {
            holder[0] = steady.start();
            for (int i = 0; i < 20; i++) {
                assertEquals(200, send("GET", steady.baseUrl() + "v4/spreadsheets/sp/values/A1", null).status());
            }
            assertEquals(20, waits.size());
            assertTrue(waits.stream().allMatch(w -> w.duration().equals(Duration.ofMillis(20))), waits.toString());
            assertEquals(0, steady.stats().latencySpikes());
        }
    }

    @Test
    void spikes_come_at_the_configured_rate_and_the_count_matches_the_long_waits() throws Exception {
        List<Wait> waits = new CopyOnWriteArrayList<>();
        SheetsEmulator[] holder = new SheetsEmulator[1];
        try (SheetsEmulator spiky = SheetsEmulator.builder().create("sp").latencySpikes(0.5, Duration.ofSeconds(2))
                .sleeper(recording(waits, () -> holder[0])).random(new Random(11)).build()) {
            holder[0] = spiky.start();
            for (int i = 0; i < 40; i++) {
                assertEquals(200, send("GET", spiky.baseUrl() + "v4/spreadsheets/sp/values/A1", null).status());
            }
            // Without ordinary latency only spikes wait; a fair coin over 40 requests lands well inside 8..32.
            assertTrue(waits.stream().allMatch(w -> w.duration().equals(Duration.ofSeconds(2))), waits.toString());
            assertTrue(waits.size() > 8 && waits.size() < 32, "spikes: " + waits.size());
            assertEquals(waits.size(), spiky.stats().latencySpikes());
        }
    }

    @Test
    void latency_spike_settings_out_of_range_are_refused_with_the_value_named() {
        SheetsEmulator.Builder b = SheetsEmulator.builder();
        for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.latencySpikes(p, Duration.ofSeconds(1)));
            assertEquals("latency spike probability must be between 0 and 1, was " + p, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.latencySpikes(0.1, Duration.ofSeconds(-1)));
        assertEquals("latency spike must be a non-negative duration, was -1s", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.latencySpikes(0.1, null));
    }

    @Test
    void close_is_idempotent() {
        emulator.close();
        emulator.close();
    }
}
