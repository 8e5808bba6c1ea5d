package io.github.ytdc.sheets.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What an operation log relies on: committed changes, replayed in order on the starting state, rebuild it exactly. */
class MutationReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> RAW = Map.of("valueInputOption", List.of("RAW"));

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void replaying_the_recorded_changes_rebuilds_the_state_random_ids_included() throws Exception {
        Spreadsheet live = Spreadsheet.create("s", "t", new Random(3));
        Spreadsheet start = live.copy();
        List<JsonNode> log = new ArrayList<>();
        // Through JSON, as a log on disk would keep them.
        live.setMutationListener((id, change) -> log.add(JSON.valueToTree(change)));

        live.valuesUpdate("Sheet1!A1", json("{'values':[['b','2'],['a','1'],['c','3']]}"), RAW);
        live.valuesAppend("Sheet1!A1", json("{'values':[['d','4']]}"),
                Map.of("valueInputOption", List.of("RAW"), "insertDataOption", List.of("INSERT_ROWS")));
        // A new sheet and a row tag whose ids the server draws at random.
        live.batchUpdate(json("{'requests':[{'addSheet':{'properties':{'title':'More'}}},"
                + "{'createDeveloperMetadata':{'developerMetadata':{'metadataKey':'k','visibility':'DOCUMENT',"
                + "'location':{'dimensionRange':{'sheetId':0,'dimension':'ROWS','startIndex':1,'endIndex':2}}}}}]}"));
        live.batchUpdate(json("{'requests':[{'sortRange':{'range':{'sheetId':0},'sortSpecs':[{'dimensionIndex':0}]}},"
                + "{'insertDimension':{'range':{'sheetId':0,'dimension':'ROWS','startIndex':0,'endIndex':2}}}]}"));
        assertThrows(SheetsApiError.class, () -> live.valuesBatchClear(json("{'ranges':['Nope!A1']}")));
        live.valuesBatchClear(json("{'ranges':['Sheet1!B3']}"));

        assertEquals(5, log.size(), "every committed change, and only those: " + log);
        assertNotEquals(live.toSnapshot(), start.toSnapshot());
        start.setMutationListener((id, m) -> {
            throw new AssertionError("a replay is not a new change");
        });
        for (JsonNode change : log) {
            start.replay(change);
        }
        assertEquals(live.toSnapshot(), start.toSnapshot());
        assertEquals(live.get(List.of(), false), start.get(List.of(), false));
    }

    @Test
    void a_copy_keeps_its_state_while_the_original_changes() throws Exception {
        Spreadsheet s = Spreadsheet.create("s", "t");
        s.valuesUpdate("A1", json("{'values':[['before']]}"), RAW);
        Spreadsheet copy = s.copy();
        s.valuesUpdate("A1", json("{'values':[['after']]}"), RAW);
        assertEquals("before", copy.valuesGet("A1", null).at("/values/0/0").asText());
        assertEquals("after", s.valuesGet("A1", null).at("/values/0/0").asText());
    }
}
