package io.github.ytdc.sheets.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The whole state of one spreadsheet: its properties and its sheets in tab order. Not thread-safe. */
final class Workbook {
    /** Google's limit on the cells of all tabs together. */
    static final long MAX_CELLS = 10_000_000L;

    final String spreadsheetId;
    String title;
    String locale = "en_US";
    String timeZone = "Etc/GMT";
    final List<Sheet> sheets = new ArrayList<>();

    Workbook(String spreadsheetId, String title) {
        this.spreadsheetId = spreadsheetId;
        this.title = title;
    }

    /** A copy to mutate; unchanged rows stay shared with this workbook. */
    Workbook fork() {
        Workbook w = new Workbook(spreadsheetId, title);
        w.locale = locale;
        w.timeZone = timeZone;
        sheets.forEach(s -> w.sheets.add(s.fork()));
        return w;
    }

    void seal() {
        sheets.forEach(Sheet::seal);
    }

    Sheet sheetById(int sheetId) {
        for (Sheet s : sheets) {
            if (s.sheetId == sheetId) {
                return s;
            }
        }
        return null;
    }

    /** The sheet with this title, ignoring case as Google does. */
    Sheet sheetByTitle(String title) {
        String wanted = title.toLowerCase(Locale.ROOT);
        for (Sheet s : sheets) {
            if (s.title.toLowerCase(Locale.ROOT).equals(wanted)) {
                return s;
            }
        }
        return null;
    }

    /** Sheet targeted by an unqualified range: the first visible one. */
    Sheet firstVisible() {
        return sheets.stream().filter(s -> !s.hidden).findFirst().orElse(sheets.get(0));
    }

    Sheet sheetOf(RangeRef ref) {
        Sheet sheet = ref.sheetTitle() == null ? firstVisible() : sheetByTitle(ref.sheetTitle());
        if (sheet == null) {
            throw SheetsApiError.unparsableRange(ref.text());
        }
        return sheet;
    }

    /**
     * The area a read (or clear) covers: open ends filled from the grid, an end past the grid clamped, a start
     * outside the grid refused with Google's {@code exceeds grid limits} error.
     */
    GridArea resolveForRead(RangeRef ref) {
        Sheet s = sheetOf(ref);
        GridArea unclamped = unclamped(s, ref);
        if (unclamped.startRow() >= s.rowCount || unclamped.startCol() >= s.columnCount) {
            throw exceedsGrid(s, unclamped);
        }
        return new GridArea(s.title, s.sheetId, unclamped.startRow(), Math.min(unclamped.endRow(), s.rowCount),
                unclamped.startCol(), Math.min(unclamped.endCol(), s.columnCount));
    }

    /** The requested area with open ends filled from the grid and nothing clamped. */
    static GridArea unclamped(Sheet s, RangeRef ref) {
        int r0 = ref.startRow() == null ? 0 : ref.startRow();
        int c0 = ref.startCol() == null ? 0 : ref.startCol();
        int r1 = ref.endRow() == null ? Math.max(s.rowCount, r0 + 1) : ref.endRow();
        int c1 = ref.endCol() == null ? Math.max(s.columnCount, c0 + 1) : ref.endCol();
        return new GridArea(s.title, s.sheetId, r0, r1, c0, c1);
    }

    static SheetsApiError exceedsGrid(Sheet s, GridArea area) {
        return SheetsApiError.invalidArgument("Range (" + area.a1() + ") exceeds grid limits. Max rows: "
                + s.rowCount + ", max columns: " + s.columnCount);
    }

    long totalCells() {
        return sheets.stream().mapToLong(Sheet::cellCount).sum();
    }

    /** Refuses a grid growth past Google's 10,000,000-cell limit. */
    void checkCellLimit() {
        if (totalCells() > MAX_CELLS) {
            throw SheetsApiError.invalidArgument("This action would increase the number of cells in the workbook "
                    + "above the limit of " + MAX_CELLS + " cells.");
        }
    }
}
