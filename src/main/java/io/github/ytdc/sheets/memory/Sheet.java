package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tab: its properties, its grid of cells, the rules and the row metadata stored on it. Rows are copy-on-write between a
 * {@link #fork() fork} and its parent, so a mutating request can work on a fork and be dropped whole when it
 * fails, without copying every cell of a big sheet.
 */
final class Sheet {
    int sheetId;
    String title;
    boolean hidden;
    int rowCount;
    int columnCount;
    int frozenRowCount;
    int frozenColumnCount;
    /** Row index → cells ({@code null} entries for empty cells, or a {@code null} row); shorter than the grid. */
    private ArrayList<CellValue[]> rows = new ArrayList<>();
    /** Rows this fork may change in place; all others are shared with the parent and copied before a write. */
    private Set<CellValue[]> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<ObjectNode> dataValidations = new ArrayList<>();
    final List<ObjectNode> conditionalFormats = new ArrayList<>();
    /** Developer metadata on rows, by id; it moves with its row and is dropped with it, as Google's does. */
    final Map<Integer, RowMetadata> rowMetadata = new LinkedHashMap<>();

    Sheet(int sheetId, String title, int rowCount, int columnCount) {
        this.sheetId = sheetId;
        this.title = title;
        this.rowCount = rowCount;
        this.columnCount = columnCount;
    }

    /** A copy that shares unchanged rows with this sheet. */
    Sheet fork() {
        Sheet s = new Sheet(sheetId, title, rowCount, columnCount);
        s.hidden = hidden;
        s.frozenRowCount = frozenRowCount;
        s.frozenColumnCount = frozenColumnCount;
        s.rows = new ArrayList<>(rows);
        dataValidations.forEach(v -> s.dataValidations.add(v.deepCopy()));
        conditionalFormats.forEach(v -> s.conditionalFormats.add(v.deepCopy()));
        s.rowMetadata.putAll(rowMetadata);
        return s;
    }

    long cellCount() {
        return (long) rowCount * columnCount;
    }

    CellValue get(int row, int col) {
        if (row >= rows.size()) {
            return null;
        }
        CellValue[] r = rows.get(row);
        return r == null || col >= r.length ? null : r[col];
    }

    /** Sets one cell; {@code null} clears it. */
    void set(int row, int col, CellValue value) {
        if (row >= rows.size()) {
            if (value == null) {
                return;
            }
            rows.addAll(Collections.nCopies(row + 1 - rows.size(), null));
        }
        CellValue[] r = rows.get(row);
        if (r == null || col >= r.length || !owned.contains(r)) {
            if (value == null && (r == null || col >= r.length)) {
                return;
            }
            r = r == null ? new CellValue[Math.max(col + 1, 4)] : Arrays.copyOf(r, Math.max(col + 1, r.length));
            owned.add(r);
            rows.set(row, r);
        }
        r[col] = value;
    }

    /** Whether a row holds any value. */
    boolean rowHasData(int row) {
        if (row >= rows.size() || rows.get(row) == null) {
            return false;
        }
        for (CellValue c : rows.get(row)) {
            if (c != null) {
                return true;
            }
        }
        return false;
    }

    /** Number of rows up to and including the last row that holds data. */
    int dataRowExtent() {
        for (int r = rows.size() - 1; r >= 0; r--) {
            if (rowHasData(r)) {
                return r + 1;
            }
        }
        return 0;
    }

    /** Highest row index stored plus one; no row at or past it holds data. */
    int storedRows() {
        return rows.size();
    }

    void insertRows(int at, int count) {
        if (at < rows.size()) {
            rows.addAll(at, Collections.nCopies(count, null));
        }
        rowCount += count;
        rowMetadata.replaceAll((id, m) -> m.row() >= at ? m.at(m.row() + count) : m);
    }

    void deleteRows(int start, int end) {
        int to = Math.min(end, rows.size());
        if (start < to) {
            rows.subList(start, to).clear();
        }
        rowCount -= end - start;
        rowMetadata.values().removeIf(m -> m.row() >= start && m.row() < end);
        rowMetadata.replaceAll((id, m) -> m.row() >= end ? m.at(m.row() - (end - start)) : m);
    }

    /**
     * Moves rows' metadata after a sort rearranged the rows from {@code start}: the row now at {@code start + i} came
     * from {@code start + from[i]}.
     */
    void permuteRowMetadata(int start, int[] from) {
        int[] to = new int[from.length];
        for (int i = 0; i < from.length; i++) {
            to[from[i]] = i;
        }
        rowMetadata.replaceAll((id, m) -> m.row() >= start && m.row() < start + from.length
                ? m.at(start + to[m.row() - start]) : m);
    }

    /** Characters of metadata keys and values located on this sheet (Google allows 30,000 per sheet). */
    int metadataStorage() {
        return rowMetadata.values().stream().mapToInt(RowMetadata::storage).sum();
    }

    void insertColumns(int at, int count) {
        for (int r = 0; r < rows.size(); r++) {
            CellValue[] old = rows.get(r);
            if (old != null && at < old.length) {
                CellValue[] n = new CellValue[old.length + count];
                System.arraycopy(old, 0, n, 0, at);
                System.arraycopy(old, at, n, at + count, old.length - at);
                owned.add(n);
                rows.set(r, n);
            }
        }
        columnCount += count;
    }

    void deleteColumns(int start, int end) {
        for (int r = 0; r < rows.size(); r++) {
            CellValue[] old = rows.get(r);
            if (old != null && start < old.length) {
                int to = Math.min(end, old.length);
                CellValue[] n = new CellValue[old.length - (to - start)];
                System.arraycopy(old, 0, n, 0, start);
                System.arraycopy(old, to, n, start, old.length - to);
                owned.add(n);
                rows.set(r, n);
            }
        }
        columnCount -= end - start;
    }

    /** Drops rows and columns that no longer fit after the grid shrank. */
    void truncateToGrid() {
        if (rows.size() > rowCount) {
            rows.subList(rowCount, rows.size()).clear();
        }
        rowMetadata.values().removeIf(m -> m.row() >= rowCount);
        for (int r = 0; r < rows.size(); r++) {
            CellValue[] old = rows.get(r);
            if (old != null && old.length > columnCount) {
                CellValue[] n = Arrays.copyOf(old, columnCount);
                owned.add(n);
                rows.set(r, n);
            }
        }
    }

    /** Forgets which rows this sheet owns: called once it became the live state, after which nothing shares. */
    void seal() {
        owned = Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
