package io.github.ytdc.sheets.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Row developer metadata in the model, called with REST JSON: where it goes when rows change, and what is refused. */
class DeveloperMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Spreadsheet sheet = Spreadsheet.create("id", "t", new Random(3));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private JsonNode batch(String requests) throws Exception {
        return sheet.batchUpdate(json("{'requests':" + requests + "}"));
    }

    private static String create(Integer id, String key, int sheetId, int row) {
        return "{'createDeveloperMetadata':{'developerMetadata':{" + (id == null ? "" : "'metadataId':" + id + ",")
                + "'metadataKey':'" + key + "','location':{'dimensionRange':{'sheetId':" + sheetId
                + ",'dimension':'ROWS','startIndex':" + row + ",'endIndex':" + (row + 1) + "}},'visibility':'DOCUMENT'}}}";
    }

    /** Metadata id → zero-based row, as search reports it. */
    private Map<Integer, Integer> rows(Spreadsheet s) throws Exception {
        JsonNode found = s.developerMetadataSearch(json("{'dataFilters':[{'developerMetadataLookup':{}}]}"));
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        found.path("matchedDeveloperMetadata").forEach(m -> out.put(m.at("/developerMetadata/metadataId").asInt(),
                m.at("/developerMetadata/location/dimensionRange/startIndex").asInt()));
        return out;
    }

    private SheetsApiError refused(String requests) {
        return assertThrows(SheetsApiError.class, () -> batch(requests));
    }

    @Test
    void metadata_moves_up_when_rows_above_are_deleted_and_dies_with_its_row_its_tab_or_a_shrunk_grid() throws Exception {
        batch("[{'addSheet':{'properties':{'sheetId':5,'title':'Other','gridProperties':{'rowCount':20,'columnCount':3}}}},"
                + create(1, "k", 0, 10) + "," + create(2, "k", 0, 4) + "," + create(3, "k", 0, 900) + ","
                + create(4, "k", 5, 2) + "]");
        batch("[{'deleteDimension':{'range':{'sheetId':0,'dimension':'ROWS','startIndex':2,'endIndex':5}}}]");
        assertEquals(Map.of(1, 7, 3, 897, 4, 2), rows(sheet), "2 was on a deleted row, 1 and 3 moved up 3");
        batch("[{'updateSheetProperties':{'properties':{'sheetId':0,'gridProperties':{'rowCount':100}},"
                + "'fields':'gridProperties.rowCount'}}]");
        assertEquals(Map.of(1, 7, 4, 2), rows(sheet), "3 was past the new end of the grid");
        batch("[{'deleteSheet':{'sheetId':5}}]");
        assertEquals(Map.of(1, 7), rows(sheet));
    }

    @Test
    void a_sort_over_part_of_the_range_moves_only_the_metadata_of_the_rows_it_sorts() throws Exception {
        sheet.valuesUpdate("A1:A5", json("{'values':[['h'],['c'],['b'],['a'],['z']]}"), Map.of("valueInputOption", List.of("RAW")));
        batch("[" + create(1, "k", 0, 0) + "," + create(2, "k", 0, 1) + "," + create(3, "k", 0, 3) + ","
                + create(4, "k", 0, 4) + "]");
        batch("[{'sortRange':{'range':{'sheetId':0,'startRowIndex':1,'endRowIndex':4,'startColumnIndex':0,"
                + "'endColumnIndex':1},'sortSpecs':[{'dimensionIndex':0}]}}]");
        assertEquals(Map.of(1, 0, 2, 3, 3, 1, 4, 4), rows(sheet), "c went to the bottom of rows 2-4, a to the top");
    }

    @Test
    void a_lookup_by_key_writes_every_matched_row_and_a_value_too_wide_for_any_fails_all() throws Exception {
        batch("[{'addSheet':{'properties':{'sheetId':5,'title':'Narrow','gridProperties':{'rowCount':5,'columnCount':2}}}},"
                + create(1, "k", 0, 1) + "," + create(2, "k", 0, 3) + "]");
        JsonNode w = sheet.valuesBatchUpdateByDataFilter(json("{'valueInputOption':'RAW','data':[{'dataFilter':"
                + "{'developerMetadataLookup':{'metadataKey':'k'}},'values':[['x','y','z']]}]}"));
        assertEquals(2, w.get("responses").size());
        assertEquals(json("[['x','y','z'],[],['x','y','z']]"),
                sheet.valuesGet("A2:C4", Map.of()).get("values"));

        batch("[" + create(3, "k", 5, 0) + "]");
        SheetsApiError e = assertThrows(SheetsApiError.class, () -> sheet.valuesBatchUpdateByDataFilter(json(
                "{'valueInputOption':'RAW','data':[{'dataFilter':{'developerMetadataLookup':{'metadataKey':'k'}},"
                        + "'values':[['1','2','3']]}]}")));
        assertTrue(e.getMessage().contains("Requested writing within range [Narrow!A1:B1]"), e.getMessage());
        assertEquals(json("[['x','y','z']]"), sheet.valuesGet("A2:C2", Map.of()).get("values"), "nothing written");
        SheetsApiError rows = assertThrows(SheetsApiError.class, () -> sheet.valuesBatchUpdateByDataFilter(json(
                "{'valueInputOption':'RAW','data':[{'dataFilter':{'developerMetadataLookup':{'metadataId':1}},"
                        + "'values':[['1'],['2']]}]}")));
        assertTrue(rows.getMessage().contains("tried writing to row [3]"), rows.getMessage());
    }

    @Test
    void filters_selecting_the_same_range_share_one_matched_value_range() throws Exception {
        batch("[" + create(1, "k", 0, 1) + "]");
        JsonNode r = sheet.valuesBatchGetByDataFilter(json("{'dataFilters':[{'developerMetadataLookup':{'metadataId':1}},"
                + "{'a1Range':'Sheet1!A2:Z2'},{'developerMetadataLookup':{'metadataKey':'k'}}]}"));
        assertEquals(1, r.get("valueRanges").size(), r.toString());
        assertEquals(3, r.at("/valueRanges/0/dataFilters").size());
        assertEquals("Sheet1!A2:Z2", r.at("/valueRanges/0/valueRange/range").asText());
    }

    @Test
    void malformed_or_unsupported_metadata_is_refused_with_a_400() throws Exception {
        String row = "'location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS','startIndex':1,'endIndex':2}}";
        List<String> bad = new ArrayList<>(List.of(
                "{'metadataKey':'k'," + row + "}", // no visibility
                "{'visibility':'DOCUMENT'," + row + "}", // no key
                "{'metadataKey':'k','visibility':'DOCUMENT','location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS',"
                        + "'startIndex':1,'endIndex':3}}}", // two rows
                "{'metadataKey':'k','visibility':'DOCUMENT','location':{'dimensionRange':{'sheetId':0,'dimension':"
                        + "'COLUMNS','startIndex':1,'endIndex':2}}}",
                "{'metadataKey':'k','visibility':'DOCUMENT','location':{'spreadsheet':true}}",
                "{'metadataKey':'k','visibility':'DOCUMENT','location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS',"
                        + "'startIndex':1000,'endIndex':1001}}}", // past the grid
                "{'metadataId':-3,'metadataKey':'k','visibility':'DOCUMENT'," + row + "}",
                "{'metadataKey':'k','visibility':'SECRET'," + row + "}"));
        for (String meta : bad) {
            SheetsApiError e = refused("[{'createDeveloperMetadata':{'developerMetadata':" + meta + "}}]");
            assertEquals(400, e.httpCode(), meta);
        }
        assertEquals(Map.of(), rows(sheet));
    }

    @Test
    void an_id_is_drawn_when_none_is_given_and_values_count_against_the_storage_limit() throws Exception {
        JsonNode reply = batch("[" + create(null, "k", 0, 1) + "]");
        int drawn = reply.at("/replies/0/createDeveloperMetadata/developerMetadata/metadataId").asInt();
        assertTrue(drawn > 0);
        assertEquals(Map.of(drawn, 1), rows(sheet));
        String value = "v".repeat(29_999);
        SheetsApiError e = refused("[{'createDeveloperMetadata':{'developerMetadata':{'metadataKey':'k','metadataValue':'"
                + value + "','location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS','startIndex':2,'endIndex':3}},"
                + "'visibility':'PROJECT'}}}]");
        assertTrue(e.getMessage().endsWith("Adding the requested developer metadata would exceed the allowed storage limit"),
                e.getMessage());
    }

    @Test
    void metadata_survives_a_snapshot_and_snapshots_without_it_still_load() throws Exception {
        batch("[" + create(7, "k", 0, 3) + ",{'createDeveloperMetadata':{'developerMetadata':{'metadataId':8,"
                + "'metadataKey':'v','metadataValue':'val','location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS',"
                + "'startIndex':5,'endIndex':6}},'visibility':'PROJECT'}}}]");
        JsonNode snapshot = sheet.toSnapshot();
        Spreadsheet copy = Spreadsheet.fromSnapshot(snapshot);
        assertEquals(sheet.developerMetadataGet(7), copy.developerMetadataGet(7));
        assertEquals(sheet.developerMetadataGet(8), copy.developerMetadataGet(8));
        assertEquals("val", copy.developerMetadataGet(8).get("metadataValue").asText());

        ObjectNode old = snapshot.deepCopy();
        old.withArray("sheets").forEach(s -> ((ObjectNode) s).remove("rowMetadata"));
        assertEquals(Map.of(), rows(Spreadsheet.fromSnapshot(old)));
    }
}
