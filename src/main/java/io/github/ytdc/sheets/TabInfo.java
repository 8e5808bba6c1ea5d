package io.github.ytdc.sheets;

/**
 * One tab (Google calls it a sheet) of a spreadsheet.
 *
 * @param sheetId        the numeric id structural requests address
 * @param title          the tab's title as stored
 * @param index          position among the tabs, zero-based
 * @param rowCount       rows in the grid (not rows holding data)
 * @param columnCount    columns in the grid
 * @param frozenRowCount frozen header rows
 */
public record TabInfo(int sheetId, String title, int index, int rowCount, int columnCount, int frozenRowCount) {}
