package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code copyPaste} with PASTE_NORMAL and NORMAL orientation: the source rectangle's cells (values and formulas)
 * are written from the destination's top-left cell, blank source cells clearing theirs. The whole source is pasted
 * even when the destination range is smaller (Google's documented behaviour). Row metadata stays where it is: a copy
 * is not a move. The model pastes the source once; Google tiles it when the destination is a multiple of the
 * source's size, which ytdc never asks for. A paste that would run past the destination grid is refused rather than
 * growing the grid, so a caller must size the destination first.
 */
final class CopyPaste {
    private CopyPaste() {}

    static JsonNode apply(Workbook wb, JsonNode body) {
        JsonNode source = body == null ? null : body.get("source");
        JsonNode destination = body == null ? null : body.get("destination");
        if (source == null || !source.isObject() || destination == null || !destination.isObject()) {
            throw SheetsApiError.invalidArgument("source and destination are required");
        }
        String type = Jsons.text(body, "pasteType", "PASTE_NORMAL");
        String orientation = Jsons.text(body, "pasteOrientation", "NORMAL");
        if (!type.equals("PASTE_NORMAL") || !orientation.equals("NORMAL")) {
            throw SheetsApiError.invalidArgument("the ytdc Sheets emulator implements copyPaste only with "
                    + "PASTE_NORMAL and NORMAL orientation");
        }
        GridArea from = CellData.gridRange(wb, source);
        GridArea to = CellData.gridRange(wb, destination);
        Sheet src = StructuralOps.sheet(wb, from.sheetId());
        Sheet dst = StructuralOps.sheet(wb, to.sheetId());
        if (from.rows() == 0 || from.cols() == 0) {
            return null;
        }
        if (to.startRow() + from.rows() > dst.rowCount || to.startCol() + from.cols() > dst.columnCount) {
            throw SheetsApiError.invalidArgument("Range (" + to.a1() + ") exceeds grid limits. Max rows: "
                    + dst.rowCount + ", max columns: " + dst.columnCount);
        }
        // Read everything first: source and destination may overlap on one sheet.
        CellValue[][] cells = new CellValue[from.rows()][from.cols()];
        for (int r = 0; r < from.rows(); r++) {
            for (int c = 0; c < from.cols(); c++) {
                cells[r][c] = src.get(from.startRow() + r, from.startCol() + c);
            }
        }
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                dst.set(to.startRow() + r, to.startCol() + c, cells[r][c]);
            }
        }
        return null;
    }
}
