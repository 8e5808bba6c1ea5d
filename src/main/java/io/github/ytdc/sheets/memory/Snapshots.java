package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

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

    static ObjectNode toSnapshot(Workbook wb) {
        ObjectNode root = Jsons.object();
        root.put("format", FORMAT);
        root.put("spreadsheetId", wb.spreadsheetId);
        ObjectNode props = root.putObject("properties");
        props.put("title", wb.title);
        props.put("locale", wb.locale);
        props.put("timeZone", wb.timeZone);
        ArrayNode sheets = root.putArray("sheets");
        for (Sheet s : wb.sheets) {
            ObjectNode sheet = sheets.addObject();
            sheet.set("properties", sheetProperties(wb, s));
            ArrayNode rows = sheet.putArray("rows");
            int extent = s.dataRowExtent();
            for (int r = 0; r < extent; r++) {
                if (!s.rowHasData(r)) {
                    rows.addNull();
                    continue;
                }
                ArrayNode row = rows.addArray();
                int last = s.columnCount - 1;
                while (last >= 0 && s.get(r, last) == null) {
                    last--;
                }
                for (int c = 0; c <= last; c++) {
                    row.add(cellSnapshot(s.get(r, c)));
                }
            }
            ArrayNode validations = sheet.putArray("dataValidations");
            s.dataValidations.forEach(v -> validations.add(v.deepCopy()));
            ArrayNode formats = sheet.putArray("conditionalFormats");
            s.conditionalFormats.forEach(v -> formats.add(v.deepCopy()));
            if (!s.rowMetadata.isEmpty()) {
                ArrayNode metadata = sheet.putArray("rowMetadata");
                for (RowMetadata m : s.rowMetadata.values()) {
                    ObjectNode o = metadata.addObject();
                    o.put("id", m.id());
                    o.put("key", m.key());
                    if (m.value() != null) {
                        o.put("value", m.value());
                    }
                    o.put("visibility", m.visibility());
                    o.put("row", m.row());
                }
            }
        }
        return root;
    }

    private static JsonNode cellSnapshot(CellValue v) {
        if (v == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (v instanceof CellValue.Formula f) {
            ObjectNode o = Jsons.object();
            o.put("f", f.text());
            return o;
        }
        return v.render(CellValue.Render.UNFORMATTED_VALUE);
    }

    static Workbook fromSnapshot(JsonNode root) {
        if (root == null || !FORMAT.equals(Jsons.text(root, "format", null))) {
            throw new IllegalArgumentException("not a ytdc spreadsheet snapshot (expected \"format\": \"" + FORMAT
                    + "\")");
        }
        JsonNode props = root.path("properties");
        Workbook wb = new Workbook(Jsons.text(root, "spreadsheetId", null), Jsons.text(props, "title", ""));
        wb.locale = Jsons.text(props, "locale", wb.locale);
        wb.timeZone = Jsons.text(props, "timeZone", wb.timeZone);
        for (JsonNode sheet : root.path("sheets")) {
            JsonNode p = sheet.path("properties");
            JsonNode grid = p.path("gridProperties");
            Sheet s = new Sheet(p.path("sheetId").asInt(), p.path("title").asText(),
                    grid.path("rowCount").asInt(1000), grid.path("columnCount").asInt(26));
            s.hidden = p.path("hidden").asBoolean(false);
            s.frozenRowCount = grid.path("frozenRowCount").asInt(0);
            s.frozenColumnCount = grid.path("frozenColumnCount").asInt(0);
            int r = 0;
            for (JsonNode row : sheet.path("rows")) {
                int c = 0;
                for (JsonNode cell : row) {
                    s.set(r, c, cellFromSnapshot(cell));
                    c++;
                }
                r++;
            }
            sheet.path("dataValidations").forEach(v -> s.dataValidations.add((ObjectNode) v.deepCopy()));
            sheet.path("conditionalFormats").forEach(v -> s.conditionalFormats.add((ObjectNode) v.deepCopy()));
            // Snapshots written before row metadata existed have no "rowMetadata": nothing to restore.
            for (JsonNode m : sheet.path("rowMetadata")) {
                int id = m.path("id").asInt();
                s.rowMetadata.put(id, new RowMetadata(id, m.path("key").asText(), Jsons.text(m, "value", null),
                        m.path("visibility").asText("DOCUMENT"), m.path("row").asInt()));
            }
            wb.sheets.add(s);
        }
        if (wb.spreadsheetId == null || wb.sheets.isEmpty()) {
            throw new IllegalArgumentException("snapshot has no spreadsheetId or no sheets");
        }
        wb.seal();
        return wb;
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
