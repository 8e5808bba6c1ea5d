package io.github.ytdc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The developer-metadata and data-filter routes over real HTTP: Google's JSON shapes (discovery document
 * {@code MatchedValueRange}, {@code UpdateValuesByDataFilterResponse}, {@code MatchedDeveloperMetadata}), how they
 * count in the stats, and row tags in the data file.
 */
class DeveloperMetadataHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private SheetsEmulator emulator;
    private String base;

    @BeforeEach
    void start() {
        emulator = SheetsEmulator.builder().create("s1").random(new Random(7)).dataFile(dir.resolve("data.json")).start();
        base = emulator.baseUrl() + "v4/spreadsheets/s1";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private record Answer(int status, JsonNode body) {}

    private Answer send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json(body).toString()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private Answer post(String tail, String body) throws Exception {
        return send("POST", base + tail, body);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** Rows 1 to 3 of Sheet1 hold {@code [h], [a, x], [b, y]}; row 2 (index 1) carries metadata 42, key "t". */
    private void seed() throws Exception {
        assertEquals(200, send("PUT", base + "/values/Sheet1!A1:B3?valueInputOption=RAW",
                "{'values':[['h'],['a','x'],['b','y']]}").status());
        Answer created = post(":batchUpdate", "{'requests':[{'createDeveloperMetadata':{'developerMetadata':{"
                + "'metadataId':42,'metadataKey':'t','location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS',"
                + "'startIndex':1,'endIndex':2}},'visibility':'DOCUMENT'}}}]}");
        assertEquals(200, created.status(), created.body().toString());
        assertEquals(json("{'spreadsheetId':'s1','replies':[{'createDeveloperMetadata':{'developerMetadata':{"
                + "'metadataId':42,'metadataKey':'t','location':{'locationType':'ROW','dimensionRange':{'sheetId':0,"
                + "'dimension':'ROWS','startIndex':1,'endIndex':2}},'visibility':'DOCUMENT'}}}]}"), created.body());
    }

    @Test
    void batch_get_by_data_filter_answers_matched_value_ranges_with_their_filters() throws Exception {
        seed();
        Answer r = post("/values:batchGetByDataFilter", "{'dataFilters':[{'a1Range':'Sheet1!A1:A'},"
                + "{'developerMetadataLookup':{'metadataId':42}},{'developerMetadataLookup':{'metadataId':7}}],"
                + "'majorDimension':'ROWS','valueRenderOption':'FORMATTED_VALUE'}");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(json("{'spreadsheetId':'s1','valueRanges':["
                + "{'valueRange':{'range':'Sheet1!A1:A1000','majorDimension':'ROWS','values':[['h'],['a'],['b']]},"
                + "'dataFilters':[{'a1Range':'Sheet1!A1:A'}]},"
                + "{'valueRange':{'range':'Sheet1!A2:Z2','majorDimension':'ROWS','values':[['a','x']]},"
                + "'dataFilters':[{'developerMetadataLookup':{'metadataId':42}}]}]}"), r.body());
    }

    @Test
    void batch_update_by_data_filter_answers_one_response_per_matched_range_and_none_for_no_match() throws Exception {
        seed();
        post(":batchUpdate", "{'requests':[{'sortRange':{'range':{'sheetId':0,'startRowIndex':1},"
                + "'sortSpecs':[{'dimensionIndex':0,'sortOrder':'DESCENDING'}]}}]}"); // b, a: the tag is on row 3 now
        Answer w = post("/values:batchUpdateByDataFilter", "{'valueInputOption':'RAW','data':["
                + "{'dataFilter':{'developerMetadataLookup':{'metadataId':42}},'majorDimension':'ROWS','values':[[null,'X','z']]},"
                + "{'dataFilter':{'developerMetadataLookup':{'metadataId':7}},'values':[['lost']]},"
                + "{'dataFilter':{'a1Range':'Sheet1!D1'},'values':[['n']]}]}");
        assertEquals(200, w.status(), w.body().toString());
        assertEquals(json("{'spreadsheetId':'s1','totalUpdatedRows':2,'totalUpdatedColumns':4,'totalUpdatedCells':3,"
                + "'totalUpdatedSheets':1,'responses':["
                + "{'updatedRange':'Sheet1!A3:C3','updatedRows':1,'updatedColumns':3,'updatedCells':2,"
                + "'dataFilter':{'developerMetadataLookup':{'metadataId':42}}},"
                + "{'updatedRange':'Sheet1!D1','updatedRows':1,'updatedColumns':1,'updatedCells':1,"
                + "'dataFilter':{'a1Range':'Sheet1!D1'}}]}"), w.body());
        assertEquals(json("[['h','','','n'],['b','y'],['a','X','z']]"),
                send("GET", base + "/values/Sheet1!A1:D3", null).body().get("values"));
    }

    @Test
    void search_answers_matched_developer_metadata_and_get_finds_one_by_id() throws Exception {
        seed();
        Answer s = post("/developerMetadata:search", "{'dataFilters':[{'developerMetadataLookup':{'metadataKey':'t'}},"
                + "{'a1Range':'Sheet1!A2:B2'}]}");
        assertEquals(200, s.status(), s.body().toString());
        JsonNode meta = json("{'metadataId':42,'metadataKey':'t','location':{'locationType':'ROW','dimensionRange':"
                + "{'sheetId':0,'dimension':'ROWS','startIndex':1,'endIndex':2}},'visibility':'DOCUMENT'}");
        assertEquals(json("{'matchedDeveloperMetadata':[{'developerMetadata':" + meta + ",'dataFilters':"
                + "[{'developerMetadataLookup':{'metadataKey':'t'}},{'a1Range':'Sheet1!A2:B2'}]}]}"), s.body());
        assertEquals(json("{}"), post("/developerMetadata:search",
                "{'dataFilters':[{'developerMetadataLookup':{'metadataKey':'nothing'}}]}").body());
        assertEquals(meta, send("GET", base + "/developerMetadata/42", null).body());
        Answer missing = send("GET", base + "/developerMetadata/43", null);
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.body().at("/error/status").asText());
    }

    @Test
    void a_taken_id_fails_the_whole_batch_and_deleting_an_unknown_id_is_no_error() throws Exception {
        seed();
        Answer dup = post(":batchUpdate", "{'requests':[{'addSheet':{'properties':{'title':'New'}}},"
                + "{'createDeveloperMetadata':{'developerMetadata':{'metadataId':42,'metadataKey':'u','location':"
                + "{'dimensionRange':{'sheetId':0,'dimension':'ROWS','startIndex':2,'endIndex':3}},'visibility':'DOCUMENT'}}}]}");
        assertEquals(400, dup.status());
        assertEquals("INVALID_ARGUMENT", dup.body().at("/error/status").asText());
        assertTrue(dup.body().at("/error/message").asText().startsWith("Invalid requests[1].createDeveloperMetadata: "),
                dup.body().toString());
        assertEquals(1, send("GET", base, null).body().get("sheets").size(), "the tab of the batch was not added");

        Answer del = post(":batchUpdate", "{'requests':[{'deleteDeveloperMetadata':{'dataFilter':"
                + "{'developerMetadataLookup':{'metadataId':99}}}},{'deleteDeveloperMetadata':{'dataFilter':"
                + "{'developerMetadataLookup':{'metadataId':42}}}}]}");
        assertEquals(200, del.status(), del.body().toString());
        assertEquals(json("{'deleteDeveloperMetadata':{}}"), del.body().at("/replies/0"));
        assertEquals(42, del.body().at("/replies/1/deleteDeveloperMetadata/deletedDeveloperMetadata/0/metadataId").asInt());
    }

    @Test
    void data_filter_reads_and_search_count_as_reads_and_data_filter_writes_as_writes() throws Exception {
        seed();
        long reads = emulator.stats().reads();
        long writes = emulator.stats().writes();
        post("/values:batchGetByDataFilter", "{'dataFilters':[{'developerMetadataLookup':{'metadataId':42}}]}");
        post("/developerMetadata:search", "{'dataFilters':[{'developerMetadataLookup':{'metadataKey':'t'}}]}");
        send("GET", base + "/developerMetadata/42", null);
        post("/values:batchUpdateByDataFilter", "{'valueInputOption':'RAW','data':[{'dataFilter':"
                + "{'developerMetadataLookup':{'metadataId':42}},'values':[['a']]}]}");
        assertEquals(reads + 3, emulator.stats().reads());
        assertEquals(writes + 1, emulator.stats().writes());
        assertEquals(1, emulator.stats().count("values.batchGetByDataFilter"));
        assertEquals(1, emulator.stats().count("developerMetadata.search"));
        assertEquals(1, emulator.stats().count("values.batchUpdateByDataFilter"));
    }

    @Test
    void row_tags_survive_a_restart_from_the_data_file() throws Exception {
        seed();
        emulator.close();
        emulator = SheetsEmulator.builder().dataFile(dir.resolve("data.json")).start();
        base = emulator.baseUrl() + "v4/spreadsheets/s1";
        Answer r = post("/values:batchGetByDataFilter", "{'dataFilters':[{'developerMetadataLookup':{'metadataId':42}}]}");
        assertEquals("Sheet1!A2:Z2", r.body().at("/valueRanges/0/valueRange/range").asText(), r.body().toString());
    }
}
