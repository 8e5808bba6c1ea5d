package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.sheets.A1;
import java.util.ArrayList;
import java.util.List;

/** The values endpoints' semantics (read trimming, writes, append table detection, clear) over a workbook. */
final class ValueOps {
    enum Dimension { ROWS, COLUMNS }

    enum InsertData { OVERWRITE, INSERT_ROWS }

    private ValueOps() {}

    /** Parses an enum as Google does, with its exact error text for unknown values. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, E fallback, String field, String proto) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw SheetsApiError.badEnum(field, proto, value);
    }

    static Dimension dimension(String value, String field) {
        return parseEnum(Dimension.class, value, Dimension.ROWS, field, "google.apps.sheets.v4.Dimension");
    }

    static CellValue.Render render(String value, String field) {
        return parseEnum(CellValue.Render.class, value, CellValue.Render.FORMATTED_VALUE, field,
                "google.apps.sheets.v4.ValueRenderOption");
    }

    /** {@code valueInputOption} is required by Google; an absent one is refused. */
    static CellValue.Input input(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw SheetsApiError.invalidArgument("'valueInputOption' is required but not specified");
        }
        if (value.equals("INPUT_VALUE_OPTION_UNSPECIFIED")) {
            throw SheetsApiError.invalidArgument("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
        }
        return parseEnum(CellValue.Input.class, value, null, field, "google.apps.sheets.v4.ValueInputOption");
    }

    static void dateTimeRender(String value, String field) {
        if (value != null && !value.isEmpty() && !value.equals("SERIAL_NUMBER") && !value.equals("FORMATTED_STRING")) {
            throw SheetsApiError.badEnum(field, "google.apps.sheets.v4.DateTimeRenderOption", value);
        }
    }

    /**
     * A ValueRange of an area: trailing empty cells and rows trimmed, interior blanks kept as {@code ""} and
     * {@code []}, and {@code values} left out entirely when nothing is there.
     */
    static ObjectNode read(Workbook wb, GridArea area, Dimension major, CellValue.Render render) {
        Sheet s = wb.sheetById(area.sheetId());
        ObjectNode vr = Jsons.object();
        vr.put("range", area.a1());
        vr.put("majorDimension", major.name());
        boolean byRows = major == Dimension.ROWS;
        int outerStart = byRows ? area.startRow() : area.startCol();
        int outerEnd = byRows ? Math.min(area.endRow(), s.storedRows()) : area.endCol();
        int innerStart = byRows ? area.startCol() : area.startRow();
        int innerEnd = byRows ? area.endCol() : Math.min(area.endRow(), s.storedRows());
        List<ArrayNode> lines = new ArrayList<>();
        int lastNonEmpty = -1;
        for (int o = outerStart; o < outerEnd; o++) {
            ArrayNode line = Jsons.array();
            int pending = 0;
            for (int i = innerStart; i < innerEnd; i++) {
                CellValue c = byRows ? s.get(o, i) : s.get(i, o);
                if (c == null) {
                    pending++;
                    continue;
                }
                for (; pending > 0; pending--) {
                    line.add("");
                }
                line.add(c.render(render));
            }
            lines.add(line);
            if (!line.isEmpty()) {
                lastNonEmpty = lines.size() - 1;
            }
        }
        if (lastNonEmpty >= 0) {
            ArrayNode values = vr.putArray("values");
            lines.subList(0, lastNonEmpty + 1).forEach(values::add);
        }
        return vr;
    }

    /** A value matrix of a ValueRange, row-major whatever its majorDimension; JSON null marks a skipped cell. */
    static List<List<JsonNode>> matrix(JsonNode valueRange, String fieldPrefix) {
        Dimension major = dimension(Jsons.text(valueRange, "majorDimension", null), fieldPrefix + "major_dimension");
        JsonNode values = valueRange.get("values");
        List<List<JsonNode>> lines = new ArrayList<>();
        if (values == null || values.isNull()) {
            return lines;
        }
        if (!values.isArray()) {
            throw SheetsApiError.invalidArgument("Invalid value at '" + fieldPrefix
                    + "values' (type.googleapis.com/google.protobuf.ListValue), " + values);
        }
        for (JsonNode line : values) {
            if (!line.isArray()) {
                throw SheetsApiError.invalidArgument("Invalid value at '" + fieldPrefix
                        + "values' (type.googleapis.com/google.protobuf.ListValue), " + line);
            }
            List<JsonNode> cells = new ArrayList<>();
            line.forEach(cells::add);
            lines.add(cells);
        }
        if (major == Dimension.ROWS) {
            return lines;
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        for (int c = 0; c < lines.size(); c++) {
            List<JsonNode> column = lines.get(c);
            for (int r = 0; r < column.size(); r++) {
                while (rows.size() <= r) {
                    rows.add(new ArrayList<>());
                }
                List<JsonNode> row = rows.get(r);
                while (row.size() < c) {
                    row.add(NullNode.getInstance());
                }
                row.add(column.get(r));
            }
        }
        return rows;
    }

    /** Where a write of a ValueRange lands: the written area and the UpdateValuesResponse. */
    record Written(GridArea area, ObjectNode response) {}

    /**
     * Writes a value matrix into the range. A range written as one cell is an anchor (data may extend to the grid's
     * edge); any other range bounds the data, as Google's "Requested writing within range" error says.
     */
    static Written write(Workbook wb, RangeRef ref, List<List<JsonNode>> rows, CellValue.Input input,
                         String fieldPrefix) {
        Sheet s = wb.sheetOf(ref);
        GridArea requested = Workbook.unclamped(s, ref);
        if (requested.startRow() >= s.rowCount || requested.startCol() >= s.columnCount) {
            throw Workbook.exceedsGrid(s, requested);
        }
        // A single-cell range only anchors the data; the grid check below then applies.
        int boundRows = ref.singleCell() ? Integer.MAX_VALUE : requested.endRow();
        int boundCols = ref.singleCell() ? Integer.MAX_VALUE : requested.endCol();
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        int r0 = requested.startRow();
        int c0 = requested.startCol();
        for (int i = 0; i < rows.size(); i++) {
            if (r0 + i >= boundRows) {
                throw SheetsApiError.invalidArgument("Requested writing within range [" + requested.a1()
                        + "], but tried writing to row [" + (r0 + i + 1) + "]");
            }
            if (c0 + rows.get(i).size() > boundCols) {
                throw SheetsApiError.invalidArgument("Requested writing within range [" + requested.a1()
                        + "], but tried writing to column [" + A1.column(boundCols) + "]");
            }
        }
        if (rows.isEmpty() || width == 0) {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            response.put("updatedRange", requested.a1());
            return new Written(requested, response);
        }
        GridArea written = new GridArea(s.title, s.sheetId, r0, r0 + rows.size(), c0, c0 + width);
        if (written.endRow() > s.rowCount || written.endCol() > s.columnCount) {
            throw Workbook.exceedsGrid(s, written);
        }
        return new Written(written, store(wb, s, written, rows, input, fieldPrefix));
    }

    /** Converts and stores every given cell, then renders the UpdateValuesResponse counts. */
    private static ObjectNode store(Workbook wb, Sheet s, GridArea at, List<List<JsonNode>> rows,
                                    CellValue.Input input, String fieldPrefix) {
        // Convert everything before storing anything, so a bad cell leaves the sheet untouched.
        List<CellValue[]> converted = new ArrayList<>();
        List<boolean[]> given = new ArrayList<>();
        int cells = 0;
        int touchedRows = 0;
        int touchedCols = 0;
        for (List<JsonNode> row : rows) {
            CellValue[] values = new CellValue[row.size()];
            boolean[] present = new boolean[row.size()];
            boolean any = false;
            for (int j = 0; j < row.size(); j++) {
                JsonNode v = row.get(j);
                if (v == null || v.isNull()) {
                    continue;
                }
                values[j] = CellValue.fromJson(v, input, fieldPrefix + "values");
                present[j] = true;
                cells++;
                any = true;
                touchedCols = Math.max(touchedCols, j + 1);
            }
            if (any) {
                touchedRows++;
            }
            converted.add(values);
            given.add(present);
        }
        for (int i = 0; i < converted.size(); i++) {
            for (int j = 0; j < converted.get(i).length; j++) {
                if (given.get(i)[j]) {
                    s.set(at.startRow() + i, at.startCol() + j, converted.get(i)[j]);
                }
            }
        }
        ObjectNode response = Jsons.object();
        response.put("spreadsheetId", wb.spreadsheetId);
        response.put("updatedRange", at.a1());
        if (cells > 0) {
            response.put("updatedRows", touchedRows);
            response.put("updatedColumns", touchedCols);
            response.put("updatedCells", cells);
        }
        return response;
    }

    /**
     * Where {@code values.append} finds its table: the region around the last non-empty cell inside the range,
     * grown while an adjacent row or column (diagonals included) holds data. A blank column therefore splits a
     * row into two tables and the right-hand one wins for a whole-sheet range, as Google does. {@code null} when
     * the range holds no data.
     */
    static GridArea findTable(Sheet s, GridArea range) {
        RowStore cells = s.cells();
        int seedRow = -1;
        int seedCol = -1;
        for (int r = Math.min(range.endRow(), s.storedRows()) - 1; r >= range.startRow() && seedRow < 0; r--) {
            if (!cells.anyInRow(r, range.startCol(), range.endCol())) {
                continue;
            }
            for (int c = range.endCol() - 1; c >= range.startCol(); c--) {
                if (s.get(r, c) != null) {
                    seedRow = r;
                    seedCol = c;
                    break;
                }
            }
        }
        if (seedRow < 0) {
            return null;
        }
        int top = seedRow;
        int bottom = seedRow + 1;
        int left = seedCol;
        int right = seedCol + 1;
        // Each side grows for as long as it can, and the rows are checked again only when the columns changed (and the
        // other way round). Every test only becomes more true as the box grows, so this reaches the same box as
        // growing one step per side per round, without reading the table once per row it has (which made appends
        // quadratic in the table's height); the store answers whole blocks of a table at once.
        boolean checkRows = true;
        boolean checkCols = true;
        while (checkRows || checkCols) {
            if (checkRows) {
                checkRows = false;
                int lo = Math.max(left - 1, 0);
                int hi = Math.min(right + 1, s.columnCount);
                int top0 = top;
                int bottom0 = bottom;
                top = cells.extendUp(top, lo, hi);
                bottom = cells.extendDown(bottom, lo, hi, s.rowCount);
                checkCols |= top != top0 || bottom != bottom0;
            }
            if (checkCols) {
                checkCols = false;
                int rlo = Math.max(top - 1, 0);
                int rhi = Math.min(bottom + 1, s.rowCount);
                int left0 = left;
                int right0 = right;
                while (left > 0 && cells.anyInColumn(left - 1, rlo, rhi)) {
                    left--;
                }
                while (right < s.columnCount && cells.anyInColumn(right, rlo, rhi)) {
                    right++;
                }
                checkRows |= left != left0 || right != right0;
            }
        }
        return new GridArea(s.title, s.sheetId, top, bottom, left, right);
    }

    /**
     * {@code values.append}: finds the table in the range, writes after its last row from its first column,
     * inserting rows (INSERT_ROWS) or overwriting (OVERWRITE) and growing the grid's rows as needed.
     */
    static ObjectNode append(Workbook wb, RangeRef ref, List<List<JsonNode>> rows, CellValue.Input input,
                             InsertData mode) {
        Sheet s = wb.sheetOf(ref);
        GridArea range = wb.resolveForRead(ref);
        GridArea table = findTable(s, range);
        int row = table == null ? range.startRow() : table.endRow();
        int col = table == null ? range.startCol() : table.startCol();
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        int height = rows.size();
        if (col + width > s.columnCount) {
            throw Workbook.exceedsGrid(s, new GridArea(s.title, s.sheetId, row, row + Math.max(height, 1),
                    col, col + width));
        }
        if (height > 0 && width > 0) {
            if (mode == InsertData.INSERT_ROWS) {
                s.insertRows(Math.min(row, s.rowCount), height);
            } else if (row + height > s.rowCount) {
                s.insertRows(s.rowCount, row + height - s.rowCount);
            }
            wb.checkCellLimit();
        }
        GridArea at = new GridArea(s.title, s.sheetId, row, row + Math.max(height, 1), col, col + Math.max(width, 1));
        ObjectNode updates = height > 0 && width > 0
                ? store(wb, s, new GridArea(s.title, s.sheetId, row, row + height, col, col + width), rows, input, "")
                : emptyUpdate(wb, at);
        ObjectNode response = Jsons.object();
        response.put("spreadsheetId", wb.spreadsheetId);
        if (table != null) {
            response.put("tableRange", table.a1());
        }
        response.set("updates", updates);
        return response;
    }

    private static ObjectNode emptyUpdate(Workbook wb, GridArea at) {
        ObjectNode response = Jsons.object();
        response.put("spreadsheetId", wb.spreadsheetId);
        response.put("updatedRange", at.a1());
        return response;
    }

    /** Clears the values of an area (formats and validation stay) and returns the echoed range. */
    static String clear(Workbook wb, RangeRef ref) {
        GridArea area = wb.resolveForRead(ref);
        Sheet s = wb.sheetById(area.sheetId());
        for (int r = area.startRow(); r < Math.min(area.endRow(), s.storedRows()); r++) {
            for (int c = area.startCol(); c < area.endCol(); c++) {
                if (s.get(r, c) != null) {
                    s.set(r, c, null);
                }
            }
        }
        return area.a1();
    }
}
