package io.github.ytdc.sheets.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model's Google fidelity, called directly with REST JSON. */
class SpreadsheetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> RAW = Map.of("valueInputOption", List.of("RAW"));
    private final Spreadsheet sheet = Spreadsheet.create("id", "t", new Random(3));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private JsonNode batch(String requests) throws Exception {
        return sheet.batchUpdate(json("{'requests':" + requests + "}"));
    }

    @Test
    void quoted_titles_with_doubled_quotes_and_case_insensitive_lookup_resolve_to_the_stored_title() throws Exception {
        sheet.batchUpdate(JSON.readTree("{\"requests\":[{\"addSheet\":{\"properties\":{\"title\":\"Bob's Tab\"}}}]}"));
        assertEquals("'Bob''s Tab'!A1:B2", sheet.valuesGet("'bob''s tab'!A1:B2", null).get("range").asText());
        assertEquals("'Bob''s Tab'!A1:Z1000", sheet.valuesGet("'Bob''s Tab'", null).get("range").asText());
    }

    @Test
    void unqualified_ranges_use_the_first_visible_sheet() throws Exception {
        batch("[{'addSheet':{'properties':{'title':'Second','index':0}}},"
                + "{'updateSheetProperties':{'properties':{'sheetId':0,'index':0},'fields':'index'}}]");
        batch("[{'updateSheetProperties':{'properties':{'sheetId':0,'hidden':true},'fields':'hidden'}}]");
        assertEquals("Second!A1:B2", sheet.valuesGet("A1:B2", null).get("range").asText());
    }

    @Test
    void a_cell_longer_than_50000_characters_is_refused() {
        String big = "x".repeat(50_001);
        SheetsApiError e = assertThrows(SheetsApiError.class, () -> sheet.valuesUpdate("A1",
                JSON.createObjectNode().set("values", JSON.createArrayNode().add(JSON.createArrayNode().add(big))), RAW));
        assertEquals(400, e.httpCode());
        assertTrue(e.getMessage().contains("50000 characters"));
    }

    @Test
    void growing_past_ten_million_cells_is_refused_and_nothing_changes() throws Exception {
        SheetsApiError e = assertThrows(SheetsApiError.class, () -> batch(
                "[{'appendDimension':{'sheetId':0,'dimension':'ROWS','length':400000}}]"));
        assertTrue(e.getMessage().contains("above the limit of 10000000 cells"), e.getMessage());
        assertEquals(1000, sheet.get(List.of(), false).at("/sheets/0/properties/gridProperties/rowCount").asInt());
    }

    @Test
    void added_sheets_get_random_positive_ids_and_a_duplicate_id_is_refused() throws Exception {
        int id = batch("[{'addSheet':{}}]").at("/replies/0/addSheet/properties/sheetId").asInt();
        assertTrue(id > 0);
        assertEquals("Sheet2", sheet.get(List.of(), false).at("/sheets/1/properties/title").asText());
        SheetsApiError e = assertThrows(SheetsApiError.class, () -> batch("[{'addSheet':{'properties':{'sheetId':" + id + "}}}]"));
        assertTrue(e.getMessage().startsWith("Invalid requests[0].addSheet: "));
    }

    @Test
    void the_last_sheet_cannot_be_deleted() {
        SheetsApiError e = assertThrows(SheetsApiError.class, () -> batch("[{'deleteSheet':{'sheetId':0}}]"));
        assertEquals("Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.", e.getMessage());
    }

    @Test
    void later_requests_of_a_batch_see_earlier_ones() throws Exception {
        JsonNode r = batch("[{'addSheet':{'properties':{'sheetId':77,'title':'New','gridProperties':{'rowCount':2,'columnCount':2}}}},"
                + "{'appendCells':{'sheetId':77,'rows':[{'values':[{'userEnteredValue':{'stringValue':'=not a formula'}}]}],'fields':'userEnteredValue'}},"
                + "{'insertDimension':{'range':{'sheetId':77,'dimension':'ROWS','startIndex':0,'endIndex':1}}}]");
        assertEquals(3, r.get("replies").size());
        assertEquals(json("[[],['=not a formula']]"), sheet.valuesGet("New", null).get("values"));
    }

    @Test
    void sort_range_moves_whole_rows_below_the_start_with_blanks_last_in_both_orders() throws Exception {
        sheet.valuesUpdate("A1", json("{'values':[['id','n'],['b',2],['',9],['C',true],['a',1.5],['b',1]]}"),
                Map.of("valueInputOption", List.of("USER_ENTERED")));
        batch("[{'sortRange':{'range':{'sheetId':0,'startRowIndex':1},'sortSpecs':[{'dimensionIndex':0,'sortOrder':'ASCENDING'}]}}]");
        assertEquals(json("[['id','n'],['a','1.5'],['b','2'],['b','1'],['C','TRUE'],['','9']]"),
                sheet.valuesGet("A1:B6", null).get("values"));
        batch("[{'sortRange':{'range':{'sheetId':0,'startRowIndex':1},'sortSpecs':[{'dimensionIndex':0,'sortOrder':'DESCENDING'},"
                + "{'dimensionIndex':1,'sortOrder':'ASCENDING'}]}}]");
        assertEquals(json("[['id','n'],['C','TRUE'],['b','1'],['b','2'],['a','1.5'],['','9']]"),
                sheet.valuesGet("A1:B6", null).get("values"));
        batch("[{'sortRange':{'range':{'sheetId':0,'startRowIndex':1},'sortSpecs':[{'dimensionIndex':1}]}}]");
        assertEquals(json("[['b','1'],['a','1.5'],['b','2'],['','9'],['C','TRUE']]"), sheet.valuesGet("A2:B6", null).get("values"));
    }

    @Test
    void sort_range_refuses_a_key_outside_its_columns() {
        SheetsApiError e = assertThrows(SheetsApiError.class, () -> batch("[{'sortRange':{'range':{'sheetId':0,"
                + "'startColumnIndex':0,'endColumnIndex':2},'sortSpecs':[{'dimensionIndex':3}]}}]"));
        assertTrue(e.getMessage().startsWith("Invalid requests[0].sortRange: "), e.getMessage());
    }

    @Test
    void conditional_format_rules_are_stored_and_shift_by_index() throws Exception {
        String rule = "{'ranges':[{'sheetId':0}],'booleanRule':{'condition':{'type':'TEXT_EQ','values':[{'userEnteredValue':'%s'}]},'format':{}}}";
        batch("[{'addConditionalFormatRule':{'index':0,'rule':" + rule.formatted("a") + "}},"
                + "{'addConditionalFormatRule':{'index':0,'rule':" + rule.formatted("b") + "}}]");
        JsonNode rules = sheet.get(List.of(), false).at("/sheets/0/conditionalFormats");
        assertEquals("b", rules.at("/0/booleanRule/condition/values/0/userEnteredValue").asText());
        assertEquals("a", rules.at("/1/booleanRule/condition/values/0/userEnteredValue").asText());
    }

    @Test
    void a_snapshot_round_trips_values_types_and_properties() throws Exception {
        sheet.valuesUpdate("A1", json("{'values':[['text',1.5,true,'=A1'],[],['','x']]}"),
                Map.of("valueInputOption", List.of("USER_ENTERED")));
        batch("[{'addSheet':{'properties':{'title':'Other','hidden':true,'gridProperties':{'rowCount':5,'columnCount':3,'frozenRowCount':1}}}},"
                + "{'setDataValidation':{'range':{'sheetId':0},'rule':{'condition':{'type':'ONE_OF_LIST'}}}}]");
        Spreadsheet copy = Spreadsheet.fromSnapshot(JSON.readTree(JSON.writeValueAsString(sheet.toSnapshot())));
        Map<String, List<String>> unformatted = Map.of("valueRenderOption", List.of("UNFORMATTED_VALUE"));
        assertEquals(sheet.valuesGet("Sheet1", unformatted), copy.valuesGet("Sheet1", unformatted));
        assertEquals(sheet.get(List.of(), false), copy.get(List.of(), false));
        assertEquals(sheet.toSnapshot(), copy.toSnapshot());
    }

    @Test
    void a_failing_listener_aborts_the_change() {
        sheet.setMutationListener((id, mutation) -> {
            throw new IllegalStateException("disk full");
        });
        assertThrows(IllegalStateException.class, () -> sheet.valuesUpdate("A1", json("{'values':[['x']]}"), RAW));
        sheet.setMutationListener(null);
        assertNull(sheet.valuesGet("A1", null).get("values"));
    }

    @Test
    void update_cells_with_a_range_clears_what_the_rows_do_not_cover() throws Exception {
        sheet.valuesUpdate("A1", json("{'values':[['a','b'],['c','d']]}"), RAW);
        batch("[{'updateCells':{'range':{'sheetId':0,'startRowIndex':0,'endRowIndex':2,'startColumnIndex':0,'endColumnIndex':2},"
                + "'rows':[{'values':[{'userEnteredValue':{'numberValue':7}}]}],'fields':'userEnteredValue'}}]");
        assertEquals(json("[['7']]"), sheet.valuesGet("A1:B2", null).get("values"));
    }

    @Test
    void values_batch_clear_rejects_a_bad_range_before_clearing_anything() throws Exception {
        sheet.valuesUpdate("A1", json("{'values':[['keep']]}"), RAW);
        assertThrows(SheetsApiError.class, () -> sheet.valuesBatchClear(json("{'ranges':['A1','Nope!A1']}")));
        assertFalse(sheet.valuesGet("A1", null).path("values").isMissingNode());
    }
}
