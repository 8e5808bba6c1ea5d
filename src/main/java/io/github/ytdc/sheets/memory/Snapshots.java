package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * JSON renderings of a workbook: Google's {@code Spreadsheet} resource for {@code spreadsheets.get}, and the
 * compact snapshot format used for persistence (cells as JSON strings, numbers, booleans, {@code {"f":formula}}
 * or {@code null}; row developer metadata as {@code rowMetadata: [{id, key, value?, visibility, row}]}, left out
 * when a sheet has none).
 */
final class Snapshots {
    static final String FORMAT = "ytdc-spreadsheet/1";

    private Snapshots() {}

    /** Google's SheetProperties of one sheet (zero and false fields left out, as proto3 JSON does). */
    static ObjectNode sheetProperties(Workbook wb, Sheet s) {
        ObjectNode p = Jsons.object();
        p.put("sheetId", s.sheetId);
        p.put("title", s.title);
        p.put("index", wb.sheets.indexOf(s));
        p.put("sheetType", "GRID");
        ObjectNode grid = p.putObject("gridProperties");
        grid.put("rowCount", s.rowCount);
        grid.put("columnCount", s.columnCount);
        if (s.frozenRowCount > 0) {
            grid.put("frozenRowCount", s.frozenRowCount);
        }
        if (s.frozenColumnCount > 0) {
            grid.put("frozenColumnCount", s.frozenColumnCount);
        }
        if (s.hidden) {
            p.put("hidden", true);
        }
        return p;
    }

    /**
     * Google's Spreadsheet resource. With {@code areas} given, only the sheets they touch are listed; with
     * {@code includeGridData}, each listed sheet carries {@code data} for its areas (or its whole grid).
     */
    static ObjectNode spreadsheet(Workbook wb, List<GridArea> areas, boolean includeGridData) {
        ObjectNode root = Jsons.object();
        root.put("spreadsheetId", wb.spreadsheetId);
        ObjectNode props = root.putObject("properties");
        props.put("title", wb.title);
        props.put("locale", wb.locale);
        props.put("autoRecalc", "ON_CHANGE");
        props.put("timeZone", wb.timeZone);
        ArrayNode sheets = root.putArray("sheets");
        for (Sheet s : wb.sheets) {
            List<GridArea> mine = new ArrayList<>();
            areas.stream().filter(a -> a.sheetId() == s.sheetId).forEach(mine::add);
            if (!areas.isEmpty() && mine.isEmpty()) {
                continue;
            }
            ObjectNode sheet = sheets.addObject();
            sheet.set("properties", sheetProperties(wb, s));
            if (!s.conditionalFormats.isEmpty()) {
                ArrayNode cf = sheet.putArray("conditionalFormats");
                s.conditionalFormats.forEach(r -> cf.add(r.deepCopy()));
            }
            if (includeGridData) {
                if (mine.isEmpty()) {
                    mine.add(new GridArea(s.title, s.sheetId, 0, s.rowCount, 0, s.columnCount));
                }
                ArrayNode data = sheet.putArray("data");
                mine.forEach(a -> data.add(gridData(s, a)));
            }
        }
        root.put("spreadsheetUrl", "https://docs.google.com/spreadsheets/d/" + wb.spreadsheetId + "/edit");
        return root;
    }

    private static ObjectNode gridData(Sheet s, GridArea a) {
        ObjectNode data = Jsons.object();
        if (a.startRow() > 0) {
            data.put("startRow", a.startRow());
        }
        if (a.startCol() > 0) {
            data.put("startColumn", a.startCol());
        }
        ArrayNode rowData = data.putArray("rowData");
        int lastRow = Math.min(a.endRow(), s.storedRows());
        for (int r = a.startRow(); r < lastRow; r++) {
            ObjectNode row = rowData.addObject();
            int last = -1;
            for (int c = a.startCol(); c < a.endCol(); c++) {
                if (s.get(r, c) != null) {
                    last = c;
                }
            }
            if (last >= 0) {
                ArrayNode values = row.putArray("values");
                for (int c = a.startCol(); c <= last; c++) {
                    values.add(CellData.cellJson(s.get(r, c)));
                }
            }
        }
        return data;
    }

    /** The snapshot as a JSON tree (through {@link #write}, so both forms are the same document). */
    static ObjectNode toSnapshot(Workbook wb) {
        try {
            TokenBuffer buffer = new TokenBuffer(Jsons.MAPPER, false);
            write(wb, buffer, Map.of());
            return (ObjectNode) Jsons.MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a snapshot in memory", e);
        }
    }

    /**
     * Streams the snapshot to {@code out} row by row, so even a sheet of a million rows never exists as one JSON tree.
     *
     * @param extra top-level fields written before the spreadsheet's own (a store's bookkeeping), values as Jackson
     *              writes them
     */
    static void write(Workbook wb, JsonGenerator out, Map<String, ?> extra) throws IOException {
        out.writeStartObject();
        out.writeStringField("format", FORMAT);
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            out.writeFieldName(e.getKey());
            out.writeObject(e.getValue());
        }
        out.writeStringField("spreadsheetId", wb.spreadsheetId);
        out.writeObjectFieldStart("properties");
        out.writeStringField("title", wb.title);
        out.writeStringField("locale", wb.locale);
        out.writeStringField("timeZone", wb.timeZone);
        out.writeEndObject();
        out.writeArrayFieldStart("sheets");
        for (Sheet s : wb.sheets) {
            out.writeStartObject();
            out.writeFieldName("properties");
            out.writeTree(sheetProperties(wb, s));
            out.writeArrayFieldStart("rows");
            int extent = s.dataRowExtent();
            for (int r = 0; r < extent; r++) {
                CellValue[] row = s.cells().row(r);
                int last = row == null ? -1 : Math.min(row.length, s.columnCount) - 1;
                while (last >= 0 && row[last] == null) {
                    last--;
                }
                if (last < 0) {
                    out.writeNull();
                    continue;
                }
                out.writeStartArray();
                for (int c = 0; c <= last; c++) {
                    writeCell(out, row[c]);
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("dataValidations");
            for (ObjectNode v : s.dataValidations) {
                out.writeTree(v);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("conditionalFormats");
            for (ObjectNode v : s.conditionalFormats) {
                out.writeTree(v);
            }
            out.writeEndArray();
            if (!s.rowMetadata.isEmpty()) {
                out.writeArrayFieldStart("rowMetadata");
                for (RowMetadata m : s.rowMetadata.values()) {
                    out.writeStartObject();
                    out.writeNumberField("id", m.id());
                    out.writeStringField("key", m.key());
                    if (m.value() != null) {
                        out.writeStringField("value", m.value());
                    }
                    out.writeStringField("visibility", m.visibility());
                    out.writeNumberField("row", m.row());
                    out.writeEndObject();
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeCell(JsonGenerator out, CellValue v) throws IOException {
        if (v == null) {
            out.writeNull();
        } else if (v instanceof CellValue.Formula f) {
            out.writeStartObject();
            out.writeStringField("f", f.text());
            out.writeEndObject();
        } else if (v instanceof CellValue.Text t) {
            out.writeString(t.value());
        } else {
            out.writeTree(v.render(CellValue.Render.UNFORMATTED_VALUE));
        }
    }

    static Workbook fromSnapshot(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw notASnapshot();
        }
        try (JsonParser in = root.traverse(Jsons.MAPPER)) {
            return read(in, (name, value) -> { });
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable snapshot: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException notASnapshot() {
        return new IllegalArgumentException("not a ytdc spreadsheet snapshot (expected \"format\": \"" + FORMAT + "\")");
    }

    /**
     * Reads a snapshot from {@code in}, streaming the rows into the sheets.
     *
     * @param extra told about every top-level field that is not the spreadsheet's own (a store's bookkeeping)
     * @throws IllegalArgumentException when the document is not a snapshot
     */
    static Workbook read(JsonParser in, BiConsumer<String, JsonNode> extra) throws IOException {
        if (in.currentToken() == null) {
            in.nextToken();
        }
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw notASnapshot();
        }
        String format = null;
        String spreadsheetId = null;
        JsonNode props = Jsons.object();
        List<Sheet> sheets = new ArrayList<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "format" -> format = in.getValueAsString();
                case "spreadsheetId" -> spreadsheetId = in.getValueAsString();
                case "properties" -> props = in.readValueAsTree();
                case "sheets" -> {
                    expect(in, JsonToken.START_ARRAY, "sheets");
                    while (in.nextToken() == JsonToken.START_OBJECT) {
                        sheets.add(readSheet(in));
                    }
                }
                default -> extra.accept(field, in.readValueAsTree());
            }
        }
        if (!FORMAT.equals(format)) {
            throw notASnapshot();
        }
        Workbook wb = new Workbook(spreadsheetId, Jsons.text(props, "title", ""));
        wb.locale = Jsons.text(props, "locale", wb.locale);
        wb.timeZone = Jsons.text(props, "timeZone", wb.timeZone);
        wb.sheets.addAll(sheets);
        if (wb.spreadsheetId == null || wb.sheets.isEmpty()) {
            throw new IllegalArgumentException("snapshot has no spreadsheetId or no sheets");
        }
        wb.seal();
        return wb;
    }

    private static Sheet readSheet(JsonParser in) throws IOException {
        Sheet s = new Sheet(0, "", 1000, 26);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "properties" -> {
                    JsonNode p = in.readValueAsTree();
                    JsonNode grid = p.path("gridProperties");
                    s.sheetId = p.path("sheetId").asInt();
                    s.title = p.path("title").asText();
                    s.rowCount = grid.path("rowCount").asInt(1000);
                    s.columnCount = grid.path("columnCount").asInt(26);
                    s.hidden = p.path("hidden").asBoolean(false);
                    s.frozenRowCount = grid.path("frozenRowCount").asInt(0);
                    s.frozenColumnCount = grid.path("frozenColumnCount").asInt(0);
                }
                case "rows" -> {
                    expect(in, JsonToken.START_ARRAY, "rows");
                    int r = 0;
                    for (JsonToken t = in.nextToken(); t != JsonToken.END_ARRAY; t = in.nextToken(), r++) {
                        if (t == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        expect(in, JsonToken.START_ARRAY, "a row");
                        int c = 0;
                        for (JsonToken cell = in.nextToken(); cell != JsonToken.END_ARRAY; cell = in.nextToken(), c++) {
                            s.set(r, c, readCell(in, cell));
                        }
                    }
                }
                case "dataValidations" -> in.<JsonNode>readValueAsTree()
                        .forEach(v -> s.dataValidations.add((ObjectNode) v.deepCopy()));
                case "conditionalFormats" -> in.<JsonNode>readValueAsTree()
                        .forEach(v -> s.conditionalFormats.add((ObjectNode) v.deepCopy()));
                case "rowMetadata" -> {
                    // Snapshots written before row metadata existed have no "rowMetadata": nothing to restore.
                    for (JsonNode m : in.<JsonNode>readValueAsTree()) {
                        int id = m.path("id").asInt();
                        s.rowMetadata.put(id, new RowMetadata(id, m.path("key").asText(), Jsons.text(m, "value", null),
                                m.path("visibility").asText("DOCUMENT"), m.path("row").asInt()));
                    }
                }
                default -> in.skipChildren();
            }
        }
        return s;
    }

    private static CellValue readCell(JsonParser in, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> new CellValue.Text(in.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new CellValue.Num(in.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> new CellValue.Bool(t == JsonToken.VALUE_TRUE);
            case START_OBJECT -> cellFromSnapshot(in.readValueAsTree());
            default -> throw new IllegalArgumentException("unexpected " + t + " in a snapshot row");
        };
    }

    private static void expect(JsonParser in, JsonToken token, String what) {
        if (in.currentToken() != token) {
            throw new IllegalArgumentException("not a ytdc spreadsheet snapshot: expected " + what + " at "
                    + in.currentLocation());
        }
    }

    private static CellValue cellFromSnapshot(JsonNode cell) {
        if (cell == null || cell.isNull()) {
            return null;
        }
        if (cell.isObject()) {
            return new CellValue.Formula(cell.path("f").asText());
        }
        if (cell.isNumber()) {
            return new CellValue.Num(cell.doubleValue());
        }
        if (cell.isBoolean()) {
            return new CellValue.Bool(cell.booleanValue());
        }
        return new CellValue.Text(cell.asText());
    }
}
