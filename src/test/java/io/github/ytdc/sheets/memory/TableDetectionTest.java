package io.github.ytdc.sheets.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code values.append}'s table detection ({@link ValueOps#findTable}) finds the same table as the rule it implements,
 * grown one step per side per round as the model first did, on random sheets: islands of data, gaps, blank columns,
 * tables taller than a store block and cells past column 63.
 */
class TableDetectionTest {

    /** The rule, written the slow and obvious way. */
    private static GridArea reference(Sheet s, GridArea range) {
        int seedRow = -1;
        int seedCol = -1;
        for (int r = Math.min(range.endRow(), s.storedRows()) - 1; r >= range.startRow() && seedRow < 0; r--) {
            for (int c = range.endCol() - 1; c >= range.startCol(); c--) {
                if (s.get(r, c) != null) {
                    seedRow = r;
                    seedCol = c;
                    break;
                }
            }
        }
        if (seedRow < 0) {
            return null;
        }
        int top = seedRow;
        int bottom = seedRow + 1;
        int left = seedCol;
        int right = seedCol + 1;
        boolean grew = true;
        while (grew) {
            grew = false;
            int lo = Math.max(left - 1, 0);
            int hi = Math.min(right + 1, s.columnCount);
            if (top > 0 && anyInRow(s, top - 1, lo, hi)) {
                top--;
                grew = true;
            }
            if (bottom < s.rowCount && anyInRow(s, bottom, lo, hi)) {
                bottom++;
                grew = true;
            }
            int rlo = Math.max(top - 1, 0);
            int rhi = Math.min(bottom + 1, s.rowCount);
            if (left > 0 && anyInCol(s, left - 1, rlo, rhi)) {
                left--;
                grew = true;
            }
            if (right < s.columnCount && anyInCol(s, right, rlo, rhi)) {
                right++;
                grew = true;
            }
        }
        return new GridArea(s.title, s.sheetId, top, bottom, left, right);
    }

    private static boolean anyInRow(Sheet s, int row, int from, int to) {
        for (int c = from; c < to; c++) {
            if (s.get(row, c) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyInCol(Sheet s, int col, int from, int to) {
        for (int r = from; r < to; r++) {
            if (s.get(r, col) != null) {
                return true;
            }
        }
        return false;
    }

    @Test
    void finds_the_same_table_as_growing_one_step_at_a_time() {
        SplittableRandom random = new SplittableRandom(7);
        CellValue x = new CellValue.Text("x");
        for (int sheetNo = 0; sheetNo < 40; sheetNo++) {
            int rows = random.nextInt(50, 3 * RowStore.BLOCK);
            int cols = random.nextBoolean() ? 12 : 70;
            Sheet s = new Sheet(1, "T", rows, cols);
            // A few rectangles of data, some touching diagonally, and scattered single cells.
            for (int i = random.nextInt(1, 6); i > 0; i--) {
                int r0 = random.nextInt(rows);
                int c0 = random.nextInt(cols);
                int h = random.nextInt(1, Math.max(2, rows / 2));
                int w = random.nextInt(1, Math.min(cols - c0, 20) + 1);
                for (int r = r0; r < Math.min(rows, r0 + h); r++) {
                    for (int c = c0; c < c0 + w; c++) {
                        if (random.nextInt(40) != 0) {
                            s.set(r, c, x);
                        }
                    }
                }
            }
            for (int i = random.nextInt(30); i > 0; i--) {
                s.set(random.nextInt(rows), random.nextInt(cols), x);
            }
            s.seal();
            for (int q = 0; q < 20; q++) {
                int r0 = random.nextInt(rows);
                int c0 = random.nextInt(cols);
                GridArea range = q == 0 ? new GridArea("T", 1, 0, rows, 0, cols)
                        : new GridArea("T", 1, r0, random.nextInt(r0 + 1, rows + 1), c0, random.nextInt(c0 + 1, cols + 1));
                assertEquals(reference(s, range), ValueOps.findTable(s, range), "sheet " + sheetNo + ", range " + range);
            }
        }
    }
}
