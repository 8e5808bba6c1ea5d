package io.github.ytdc.coord.archive;

import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.TabInfo;

/**
 * How full the workbook is against Google's cell cap, counted as Google does: every tab's whole grid (rows x
 * columns), blank cells included.
 *
 * @param used cells in all grids
 * @param cap  the cap (10,000,000 on Google)
 */
record CellBudget(long used, long cap) {
    /** Above this share of the cap finished rows are archived whatever their age. */
    static final double ARCHIVE_NOW = 0.80;
    /** Above this share no source is expanded: only archiving can make room. */
    static final double STOP_EXPANDING = 0.95;

    static CellBudget of(SpreadsheetInfo info, long cap) {
        long used = 0;
        for (TabInfo t : info.tabs()) {
            used += (long) t.rowCount() * t.columnCount();
        }
        return new CellBudget(used, cap);
    }

    double share() {
        return (double) used / cap;
    }

    boolean archiveNow() {
        return share() > ARCHIVE_NOW;
    }

    boolean stopExpanding() {
        return share() > STOP_EXPANDING;
    }

    @Override
    public String toString() {
        return String.format("%,d of %,d cells (%.0f%%)", used, cap, share() * 100);
    }
}
