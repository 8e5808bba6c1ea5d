package io.github.ytdc.sheets.memory;

import io.github.ytdc.sheets.A1;

/**
 * A rectangle of one sheet, zero-based and half-open, as the model resolved it against the grid.
 *
 * @param title the sheet's stored title
 */
record GridArea(String title, int sheetId, int startRow, int endRow, int startCol, int endCol) {

    int rows() {
        return endRow - startRow;
    }

    int cols() {
        return endCol - startCol;
    }

    /** Google's echo: canonical title quoted only when needed, a 1x1 area collapsed to one cell. */
    String a1() {
        String start = A1.column(startCol) + (startRow + 1);
        if (rows() == 1 && cols() == 1) {
            return A1.quote(title) + "!" + start;
        }
        return A1.quote(title) + "!" + start + ":" + A1.column(endCol - 1) + endRow;
    }
}
