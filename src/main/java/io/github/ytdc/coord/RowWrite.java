package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Cells to change in one row, by header name, rendered as a single {@link RangeWrite} spanning the changed columns
 * with {@code null} (leave as is) in between, so the cells a person or another column owns are never touched.
 */
public final class RowWrite {
    private final String tab;
    private final Header header;
    private final int rowNumber;
    private final Map<String, String> values = new LinkedHashMap<>();

    public RowWrite(String tab, Header header, int rowNumber) {
        this.tab = tab;
        this.header = header;
        this.rowNumber = rowNumber;
    }

    /** Sets {@code column} to {@code value}; ignored when the tab lacks the column. */
    public RowWrite set(String column, String value) {
        if (header.has(column)) {
            values.put(column, value);
        }
        return this;
    }

    /** The changed cells by zero-based column. */
    public Map<Integer, String> cells() {
        Map<Integer, String> out = new LinkedHashMap<>();
        values.forEach((column, value) -> out.put(header.column(column).getAsInt(), value));
        return out;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The row's cells from column A to the last changed column, {@code null} where nothing changes: the values of a
     * write addressed by a row tag ({@code values.batchUpdateByDataFilter} starts at column A).
     */
    public List<String> toRowValues() {
        int last = -1;
        for (String column : values.keySet()) {
            last = Math.max(last, header.column(column).getAsInt());
        }
        List<String> cells = new ArrayList<>();
        for (int c = 0; c <= last; c++) {
            cells.add(null);
        }
        values.forEach((column, value) -> cells.set(header.column(column).getAsInt(), value));
        return cells;
    }

    public RangeWrite toRangeWrite() {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (String column : values.keySet()) {
            int c = header.column(column).getAsInt();
            first = Math.min(first, c);
            last = Math.max(last, c);
        }
        List<String> cells = new ArrayList<>();
        for (int c = first; c <= last; c++) {
            cells.add(null);
        }
        int offset = first;
        values.forEach((column, value) -> cells.set(header.column(column).getAsInt() - offset, value));
        return new RangeWrite(A1.range(tab, first, rowNumber, last, rowNumber), List.of(cells));
    }

    /**
     * A new pending row for {@code url}, as a person would add it but with its ID filled in (the video id for YouTube
     * video URLs, else a stable hash of the URL), plus {@code columns} by header name.
     */
    public static List<String> newPendingRow(Header header, String url, Map<String, String> columns) {
        Map<String, String> values = new java.util.LinkedHashMap<>(columns);
        values.put(Columns.ID, RowIds.fromUrl(url));
        values.put(Columns.URL, url);
        values.put(Columns.STATUS, Status.PENDING.label());
        return newRow(header, values);
    }

    /** A whole new row for an append: {@code values} by header name, blank elsewhere. */
    public static List<String> newRow(Header header, Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < header.width(); i++) {
            cells.add("");
        }
        values.forEach((column, value) -> {
            OptionalInt c = header.column(column);
            if (c.isPresent()) {
                cells.set(c.getAsInt(), value);
            }
        });
        return cells;
    }
}
