package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TabInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SpreadsheetPort} over an in-memory {@link Spreadsheet}: each port call is rendered as the REST JSON the
 * Google client would send, answered by the model, and the reply parsed back, so this port behaves exactly as
 * the emulator and (as far as recorded) Google. Reads use FORMATTED_VALUE, writes RAW, appends INSERT_ROWS.
 */
public final class InMemorySpreadsheetPort implements SpreadsheetPort {
    private static final Pattern AREA_START = Pattern.compile("!?[A-Z]+([0-9]+)(?::[A-Z]+([0-9]+))?$");
    private static final Map<String, List<String>> READ = Map.of(
            "valueRenderOption", List.of("FORMATTED_VALUE"), "majorDimension", List.of("ROWS"));
    private static final Map<String, List<String>> APPEND = Map.of(
            "valueInputOption", List.of("RAW"), "insertDataOption", List.of("INSERT_ROWS"));

    private final Spreadsheet spreadsheet;

    public InMemorySpreadsheetPort(Spreadsheet spreadsheet) {
        this.spreadsheet = Objects.requireNonNull(spreadsheet, "spreadsheet");
    }

    /** A port over a fresh spreadsheet with one {@code Sheet1} tab. */
    public static InMemorySpreadsheetPort create(String spreadsheetId) {
        return new InMemorySpreadsheetPort(Spreadsheet.create(spreadsheetId, "ytdc"));
    }

    /** The model behind this port, e.g. for a test that edits the sheet as a person would. */
    public Spreadsheet spreadsheet() {
        return spreadsheet;
    }

    @Override
    public String spreadsheetId() {
        return spreadsheet.spreadsheetId();
    }

    @Override
    public SpreadsheetInfo getInfo() {
        JsonNode body = call(() -> spreadsheet.get(List.of(), false));
        List<TabInfo> tabs = new ArrayList<>();
        for (JsonNode sheet : body.path("sheets")) {
            JsonNode p = sheet.path("properties");
            JsonNode grid = p.path("gridProperties");
            tabs.add(new TabInfo(p.path("sheetId").asInt(), p.path("title").asText(), p.path("index").asInt(),
                    grid.path("rowCount").asInt(), grid.path("columnCount").asInt(),
                    grid.path("frozenRowCount").asInt()));
        }
        return new SpreadsheetInfo(body.path("spreadsheetId").asText(), body.path("properties").path("title").asText(),
                tabs);
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        JsonNode body = call(() -> spreadsheet.valuesBatchGet(ranges, READ));
        List<CellRange> out = new ArrayList<>();
        for (JsonNode vr : body.path("valueRanges")) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode row : vr.path("values")) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(c.asText()));
                rows.add(cells);
            }
            out.add(new CellRange(vr.path("range").asText(), rows));
        }
        return out;
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        ObjectNode body = Jsons.object();
        body.put("valueInputOption", "RAW");
        ArrayNode data = body.putArray("data");
        for (RangeWrite w : writes) {
            ObjectNode vr = data.addObject();
            vr.put("range", w.range());
            vr.put("majorDimension", "ROWS");
            vr.set("values", values(w.rows()));
        }
        call(() -> spreadsheet.valuesBatchUpdate(body));
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        ObjectNode body = Jsons.object();
        body.put("range", range);
        body.put("majorDimension", "ROWS");
        body.set("values", values(rows));
        JsonNode response = call(() -> spreadsheet.valuesAppend(range, body, APPEND));
        String updated = response.path("updates").path("updatedRange").asText();
        Matcher m = AREA_START.matcher(updated);
        int firstRow = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int written = response.path("updates").path("updatedRows").asInt();
        return new AppendResult(updated, firstRow, written);
    }

    @Override
    public void batchClear(List<String> ranges) {
        ObjectNode body = Jsons.object();
        ArrayNode list = body.putArray("ranges");
        ranges.forEach(list::add);
        call(() -> spreadsheet.valuesBatchClear(body));
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        ObjectNode body = Jsons.object();
        ArrayNode list = body.putArray("requests");
        requests.forEach(r -> list.add(r.toJson()));
        call(() -> spreadsheet.batchUpdate(body));
    }

    /** Rows as a JSON {@code values} array; a {@code null} cell becomes JSON null (skip this cell). */
    private static ArrayNode values(List<List<String>> rows) {
        ArrayNode values = Jsons.array();
        for (List<String> row : rows) {
            ArrayNode r = values.addArray();
            row.forEach(c -> {
                if (c == null) {
                    r.addNull();
                } else {
                    r.add(c);
                }
            });
        }
        return values;
    }

    /** Runs one model request; Google's error answers become {@link io.github.ytdc.sheets.SheetsException}. */
    private static JsonNode call(Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (SheetsApiError e) {
            throw e.toSheetsException();
        }
    }
}
