package io.github.ytdc.sheets;

import java.util.List;

/**
 * Values read from one range.
 *
 * @param range the range as the API echoes it (whole requested range, grid-resolved, e.g. {@code Sources!A1:Z1000})
 * @param rows  the values, trailing empty cells and rows trimmed; empty when the range holds nothing
 */
public record CellRange(String range, List<List<String>> rows) {
    public CellRange {
        rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
    }

    /** The cell at a zero-based offset inside this range, {@code ""} where trimmed away. */
    public String cell(int row, int column) {
        if (row >= rows.size()) {
            return "";
        }
        List<String> r = rows.get(row);
        return column < r.size() ? r.get(column) : "";
    }
}
