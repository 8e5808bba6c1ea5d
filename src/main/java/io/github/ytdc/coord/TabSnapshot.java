package io.github.ytdc.coord;

import io.github.ytdc.sheets.CellRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a work tab from one read: either the whole tab or a window of rows.
 *
 * @param tab       the tab's title
 * @param header    its header row
 * @param rows      the non-blank data rows read, in sheet order
 * @param firstRow  the one-based row number the read started at (2 for a whole-tab read)
 * @param complete  true when every data row of the tab was read (whole tab, or a window that reached past the end)
 */
public record TabSnapshot(String tab, Header header, List<WorkRow> rows, int firstRow, boolean complete) {
    public TabSnapshot {
        rows = List.copyOf(rows);
    }

    /**
     * Parses a read.
     *
     * @param headerRange the header row as read
     * @param body        rows starting at {@code firstRow} (may include row 1, which is skipped)
     * @param firstRow    one-based row number of {@code body}'s first row
     * @param windowRows  how many rows were asked for, or 0 for "to the end of the tab"
     */
    public static TabSnapshot parse(String tab, CellRange headerRange, CellRange body, int firstRow, int windowRows) {
        Header header = Header.of(headerRange);
        List<WorkRow> rows = new ArrayList<>();
        List<List<String>> values = body.rows();
        for (int i = 0; i < values.size(); i++) {
            int rowNumber = firstRow + i;
            if (rowNumber < 2) {
                continue;
            }
            WorkRow row = new WorkRow(rowNumber, header, values.get(i));
            if (!row.isBlank()) {
                rows.add(row);
            }
        }
        boolean complete = windowRows == 0 || values.size() < windowRows;
        return new TabSnapshot(tab, header, rows, firstRow, complete);
    }

    /** The row holding {@code id} whose ClaimToken is {@code token}, else the first row holding {@code id}. */
    public Optional<WorkRow> find(String id, String token) {
        WorkRow first = null;
        for (WorkRow r : rows) {
            if (r.id().equals(id)) {
                if (r.claimToken().equals(token)) {
                    return Optional.of(r);
                }
                if (first == null) {
                    first = r;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /** One-based number of the last data row seen, at least 1 (the header). */
    public int lastRow() {
        return rows.isEmpty() ? Math.max(1, firstRow - 1) : rows.get(rows.size() - 1).rowNumber();
    }
}
