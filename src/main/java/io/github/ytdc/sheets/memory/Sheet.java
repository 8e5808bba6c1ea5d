package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tab: its properties, its grid of cells, the rules and the row metadata stored on it. Cells are copy-on-write
 * between a {@link #fork() fork} and its parent ({@link RowStore}), so a mutating request can work on a fork and be
 * dropped whole when it fails, and costs what it touches rather than the size of the sheet.
 */
final class Sheet {
    int sheetId;
    String title;
    boolean hidden;
    int rowCount;
    int columnCount;
    int frozenRowCount;
    int frozenColumnCount;
    /** The cells, copy-on-write by block and row between a fork and its parent; shorter than the grid. */
    private RowStore cells = new RowStore();
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
        s.cells = cells.fork();
        dataValidations.forEach(v -> s.dataValidations.add(v.deepCopy()));
        conditionalFormats.forEach(v -> s.conditionalFormats.add(v.deepCopy()));
        s.rowMetadata.putAll(rowMetadata);
        return s;
    }

    long cellCount() {
        return (long) rowCount * columnCount;
    }

    CellValue get(int row, int col) {
        return cells.get(row, col);
    }

    /** Sets one cell; {@code null} clears it. */
    void set(int row, int col, CellValue value) {
        cells.set(row, col, value);
    }

    /** The cells, for the scans that need more than one cell at a time (table detection). */
    RowStore cells() {
        return cells;
    }

    /** Whether a row holds any value. */
    boolean rowHasData(int row) {
        return cells.rowHasData(row);
    }

    /** Number of rows up to and including the last row that holds data. */
    int dataRowExtent() {
        return cells.dataExtent();
    }

    /** Highest row index stored plus one; no row at or past it holds data. */
    int storedRows() {
        return cells.size();
    }

    void insertRows(int at, int count) {
        cells.insertRows(at, count);
        rowCount += count;
        rowMetadata.replaceAll((id, m) -> m.row() >= at ? m.at(m.row() + count) : m);
    }

    void deleteRows(int start, int end) {
        cells.deleteRows(start, end);
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
        cells.insertColumns(at, count);
        columnCount += count;
    }

    void deleteColumns(int start, int end) {
        cells.deleteColumns(start, end);
        columnCount -= end - start;
    }

    /** Drops rows and columns that no longer fit after the grid shrank. */
    void truncateToGrid() {
        cells.truncate(rowCount, columnCount);
        rowMetadata.values().removeIf(m -> m.row() >= rowCount);
    }

    /** Makes this sheet the live state: its cells are never changed in place again (forks copy what they write). */
    void seal() {
        cells.seal();
    }
}
