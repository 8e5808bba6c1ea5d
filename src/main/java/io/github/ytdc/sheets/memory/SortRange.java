package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code sortRange}: reorders the rows of a GridRange by one or more columns, as a person sorting a range in the
 * Sheets UI. Only the cells inside the range move. Within a column, numbers sort before text before booleans,
 * text ignores case, formulas sort by their text, and empty cells go last in both orders (as Google puts blanks
 * at the bottom). The sort is stable, so equal rows keep their order. Developer metadata on the sorted rows moves
 * with them.
 */
final class SortRange {
    private SortRange() {}

    /** One key: a zero-based sheet column (not relative to the range) and its direction. */
    private record Spec(int column, boolean descending) {}

    static JsonNode apply(Workbook wb, JsonNode body) {
        JsonNode range = body == null ? null : body.get("range");
        if (range == null || !range.isObject()) {
            throw SheetsApiError.invalidArgument("range is required");
        }
        GridArea area = CellData.gridRange(wb, range);
        Sheet s = StructuralOps.sheet(wb, range);
        List<Spec> specs = specs(body.get("sortSpecs"), area);
        int lastRow = Math.min(area.endRow(), s.storedRows());
        if (lastRow - area.startRow() < 2) {
            return null;
        }
        List<CellValue[]> rows = new ArrayList<>();
        for (int r = area.startRow(); r < lastRow; r++) {
            CellValue[] cells = new CellValue[area.cols()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = s.get(r, area.startCol() + c);
            }
            rows.add(cells);
        }
        Comparator<CellValue[]> order = null;
        for (Spec spec : specs) {
            int at = spec.column() - area.startCol();
            Comparator<CellValue[]> key = (a, b) -> compare(a[at], b[at], spec.descending());
            order = order == null ? key : order.thenComparing(key);
        }
        Comparator<CellValue[]> byKeys = order;
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            from.add(i);
        }
        from.sort((a, b) -> byKeys.compare(rows.get(a), rows.get(b)));
        for (int i = 0; i < from.size(); i++) {
            CellValue[] cells = rows.get(from.get(i));
            for (int c = 0; c < cells.length; c++) {
                s.set(area.startRow() + i, area.startCol() + c, cells[c]);
            }
        }
        // Row metadata follows its row even when the sort covers only some columns (measured on Google).
        s.permuteRowMetadata(area.startRow(), from.stream().mapToInt(Integer::intValue).toArray());
        return null;
    }

    private static List<Spec> specs(JsonNode sortSpecs, GridArea area) {
        if (sortSpecs == null || !sortSpecs.isArray() || sortSpecs.isEmpty()) {
            throw SheetsApiError.invalidArgument("sortSpecs must hold at least one sort specification");
        }
        List<Spec> specs = new ArrayList<>();
        for (JsonNode spec : sortSpecs) {
            Integer column = Jsons.integer(spec, "dimensionIndex");
            if (column == null || column < area.startCol() || column >= area.endCol()) {
                throw SheetsApiError.invalidArgument("sortSpecs dimensionIndex " + column
                        + " is outside the range's columns");
            }
            String order = Jsons.text(spec, "sortOrder", "ASCENDING");
            if (!order.equals("ASCENDING") && !order.equals("DESCENDING")) {
                throw SheetsApiError.invalidArgument("sortSpecs sortOrder must be ASCENDING or DESCENDING, was "
                        + order);
            }
            specs.add(new Spec(column, order.equals("DESCENDING")));
        }
        return specs;
    }

    private static int compare(CellValue a, CellValue b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = Integer.compare(rank(a), rank(b));
        if (c == 0) {
            if (a instanceof CellValue.Num n) {
                c = Double.compare(n.value(), ((CellValue.Num) b).value());
            } else if (a instanceof CellValue.Bool x) {
                c = Boolean.compare(x.value(), ((CellValue.Bool) b).value());
            } else {
                c = text(a).compareTo(text(b));
            }
        }
        return descending ? -c : c;
    }

    private static int rank(CellValue v) {
        if (v instanceof CellValue.Num) {
            return 0;
        }
        return v instanceof CellValue.Bool ? 2 : 1;
    }

    private static String text(CellValue v) {
        String s = v instanceof CellValue.Text t ? t.value() : ((CellValue.Formula) v).text();
        return s.toLowerCase(Locale.ROOT);
    }
}
