package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cell-level requests ({@code appendCells}, {@code updateCells}) and GridRange resolution. Only
 * {@code userEnteredValue} is modelled; formatting fields in a mask are accepted and ignored.
 */
final class CellData {
    private CellData() {}

    /** A GridRange (zero-based, half-open, open sides unbounded) resolved and clamped to its sheet's grid. */
    static GridArea gridRange(Workbook wb, JsonNode range) {
        Sheet s = StructuralOps.sheet(wb, range);
        int r0 = orDefault(Jsons.integer(range, "startRowIndex"), 0);
        int r1 = Math.min(orDefault(Jsons.integer(range, "endRowIndex"), s.rowCount), s.rowCount);
        int c0 = orDefault(Jsons.integer(range, "startColumnIndex"), 0);
        int c1 = Math.min(orDefault(Jsons.integer(range, "endColumnIndex"), s.columnCount), s.columnCount);
        if (r0 < 0 || c0 < 0) {
            throw SheetsApiError.invalidArgument("GridRange indices must not be negative.");
        }
        return new GridArea(s.title, s.sheetId, r0, Math.max(r0, r1), c0, Math.max(c0, c1));
    }

    private static int orDefault(Integer n, int fallback) {
        return n == null ? fallback : n;
    }

    /** The value a CellData writes: {@code userEnteredValue} taken literally (a stringValue is never a formula). */
    private static CellValue value(JsonNode cellData) {
        JsonNode v = cellData == null ? null : cellData.get("userEnteredValue");
        if (v == null || v.isNull() || v.isEmpty()) {
            return null;
        }
        if (v.has("stringValue")) {
            String s = v.get("stringValue").asText();
            if (s.length() > CellValue.MAX_CHARS) {
                throw SheetsApiError.invalidArgument("Your input contains more than the maximum of "
                        + CellValue.MAX_CHARS + " characters in a single cell.");
            }
            return s.isEmpty() ? null : new CellValue.Text(s);
        }
        if (v.has("numberValue")) {
            return new CellValue.Num(v.get("numberValue").asDouble());
        }
        if (v.has("boolValue")) {
            return new CellValue.Bool(v.get("boolValue").asBoolean());
        }
        if (v.has("formulaValue")) {
            return new CellValue.Formula(v.get("formulaValue").asText());
        }
        throw SheetsApiError.invalidArgument("Unsupported userEnteredValue: " + v);
    }

    private static List<List<CellValue>> rows(JsonNode body) {
        List<List<CellValue>> rows = new ArrayList<>();
        JsonNode rowData = body.path("rows");
        for (JsonNode row : rowData) {
            List<CellValue> cells = new ArrayList<>();
            row.path("values").forEach(c -> cells.add(value(c)));
            rows.add(cells);
        }
        return rows;
    }

    private static boolean writesValues(JsonNode body) {
        Set<String> mask = StructuralOps.mask(body);
        return mask.contains("*") || mask.stream().anyMatch(p -> p.equals("userEnteredValue")
                || p.startsWith("userEnteredValue."));
    }

    static JsonNode appendCells(Workbook wb, JsonNode body) {
        Sheet s = StructuralOps.sheet(wb, body);
        boolean values = writesValues(body);
        List<List<CellValue>> rows = rows(body);
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        int at = s.dataRowExtent();
        if (width > s.columnCount) {
            throw Workbook.exceedsGrid(s, new GridArea(s.title, s.sheetId, at, at + Math.max(rows.size(), 1), 0, width));
        }
        if (at + rows.size() > s.rowCount) {
            s.insertRows(s.rowCount, at + rows.size() - s.rowCount);
            wb.checkCellLimit();
        }
        if (values) {
            put(s, at, 0, rows);
        }
        return null;
    }

    static JsonNode updateCells(Workbook wb, JsonNode body) {
        boolean values = writesValues(body);
        List<List<CellValue>> rows = rows(body);
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        if (body.hasNonNull("range") == body.hasNonNull("start")) {
            throw SheetsApiError.invalidArgument("Exactly one of range or start must be set.");
        }
        if (body.hasNonNull("start")) {
            JsonNode start = body.get("start");
            Sheet s = StructuralOps.sheet(wb, start);
            int r0 = orDefault(Jsons.integer(start, "rowIndex"), 0);
            int c0 = orDefault(Jsons.integer(start, "columnIndex"), 0);
            GridArea area = new GridArea(s.title, s.sheetId, r0, r0 + Math.max(rows.size(), 1), c0, c0 + Math.max(width, 1));
            if (area.endRow() > s.rowCount || area.endCol() > s.columnCount) {
                throw Workbook.exceedsGrid(s, area);
            }
            if (values) {
                put(s, r0, c0, rows);
            }
            return null;
        }
        GridArea area = gridRange(wb, body.get("range"));
        Sheet s = wb.sheetById(area.sheetId());
        if (rows.size() > area.rows() || width > area.cols()) {
            throw SheetsApiError.invalidArgument("The rows given do not fit into the range " + area.a1() + ".");
        }
        if (values) {
            // With a range, cells the rows do not cover are cleared.
            for (int r = area.startRow(); r < area.endRow(); r++) {
                for (int c = area.startCol(); c < area.endCol(); c++) {
                    int i = r - area.startRow();
                    int j = c - area.startCol();
                    CellValue v = i < rows.size() && j < rows.get(i).size() ? rows.get(i).get(j) : null;
                    s.set(r, c, v);
                }
            }
        }
        return null;
    }

    private static void put(Sheet s, int r0, int c0, List<List<CellValue>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.get(i).size(); j++) {
                s.set(r0 + i, c0 + j, rows.get(i).get(j));
            }
        }
    }

    static ObjectNode cellJson(CellValue v) {
        ObjectNode cell = Jsons.object();
        if (v == null) {
            return cell;
        }
        ObjectNode entered = cell.putObject("userEnteredValue");
        if (v instanceof CellValue.Text t) {
            entered.put("stringValue", t.value());
        } else if (v instanceof CellValue.Num n) {
            entered.put("numberValue", n.value());
        } else if (v instanceof CellValue.Bool b) {
            entered.put("boolValue", b.value());
        } else {
            entered.put("formulaValue", ((CellValue.Formula) v).text());
        }
        if (!(v instanceof CellValue.Formula)) {
            cell.set("effectiveValue", entered.deepCopy());
        }
        cell.put("formattedValue", v.display());
        return cell;
    }
}
