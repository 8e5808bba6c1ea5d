package io.github.ytdc.sheets;

import java.util.List;
import java.util.Objects;

/**
 * Values to write into one range. A {@code null} cell is skipped (left as it is); {@code ""} clears a cell.
 *
 * @param range A1 range whose top-left cell receives {@code rows.get(0).get(0)}
 * @param rows  row-major values
 */
public record RangeWrite(String range, List<List<String>> rows) {
    public RangeWrite {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(rows, "rows");
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** A single cell. */
    public static RangeWrite cell(String range, String value) {
        return new RangeWrite(range, List.of(List.of(value)));
    }
}
