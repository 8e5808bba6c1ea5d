package io.github.ytdc.coord;

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

    /**
     * True for Google's refusal of a write that would take the workbook past its cell cap: a workbook problem, never
     * the fault of the source or video being written.
     */
    public static boolean isCellLimit(Throwable e) {
        String m = e.getMessage();
        return m != null && m.contains("increase the number of cells in the workbook above the limit");
    }

    /** The budget of a workbook as {@code spreadsheets.get} describes it. */
    public static CellBudget of(SpreadsheetInfo info, long cap) {
        long used = 0;
        for (TabInfo t : info.tabs()) {
            used += (long) t.rowCount() * t.columnCount();
        }
        return new CellBudget(used, cap);
    }

    /** Used cells as a share of the cap, 0 to 1 (or more). */
    public double share() {
        return (double) used / cap;
    }

    /** True above {@link #ARCHIVE_NOW}: archive finished rows whatever their age. */
    public boolean archiveNow() {
        return share() > ARCHIVE_NOW;
    }

    /** True above {@link #STOP_EXPANDING}: add no more video rows. */
    public boolean stopExpanding() {
        return share() > STOP_EXPANDING;
    }

    @Override
    public String toString() {
        return String.format("%,d of %,d cells (%.0f%%)", used, cap, share() * 100);
    }
}
