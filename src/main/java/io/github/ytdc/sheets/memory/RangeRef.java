package io.github.ytdc.sheets.memory;

import io.github.ytdc.sheets.A1;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed A1 range, not yet resolved against a grid. Indices are zero-based; {@code null} bounds are open
 * (start of the grid for starts, end of the grid for ends). Ends are exclusive.
 *
 * <p>Accepted forms, as Google does: {@code Sheet1!A1:B2}, {@code 'My Tab'!A:A}, {@code Sheet1!1:2},
 * {@code A5:A}, {@code A1:B2} (no sheet: the first visible sheet), {@code Sheet1} or {@code 'My Tab'} (the whole
 * sheet), with {@code ''} escaping a quote inside a quoted title. {@code 'A1'} is always a sheet, never a cell.
 *
 * @param sheetTitle the title as written (unescaped), or {@code null} for the first visible sheet
 * @param singleCell the area was written as one cell ({@code A1}), which writes treat as an anchor
 * @param text       the range exactly as sent, for error messages
 */
record RangeRef(String sheetTitle, Integer startRow, Integer endRow, Integer startCol, Integer endCol,
                boolean singleCell, String text) {

    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z]{0,3})([0-9]{0,7})");
    private static final int MAX_COLUMNS = 18_278;

    /** Parses {@code text}; anything malformed is Google's 400 {@code Unable to parse range: <text>}. */
    static RangeRef parse(String text) {
        if (text == null || text.isEmpty()) {
            throw SheetsApiError.unparsableRange(text == null ? "" : text);
        }
        String title;
        String area;
        if (text.startsWith("'")) {
            StringBuilder sb = new StringBuilder();
            int i = 1;
            while (true) {
                if (i >= text.length()) {
                    throw SheetsApiError.unparsableRange(text);
                }
                char c = text.charAt(i);
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                sb.append(c);
                i++;
            }
            title = sb.toString();
            if (title.isEmpty()) {
                throw SheetsApiError.unparsableRange(text);
            }
            if (i == text.length()) {
                return wholeSheet(title, text);
            }
            if (text.charAt(i) != '!' || i + 1 == text.length()) {
                throw SheetsApiError.unparsableRange(text);
            }
            area = text.substring(i + 1);
        } else {
            int bang = text.indexOf('!');
            if (bang < 0) {
                RangeRef unqualified = area(null, text, text);
                return unqualified != null ? unqualified : wholeSheet(text, text);
            }
            title = text.substring(0, bang);
            area = text.substring(bang + 1);
            if (title.isEmpty() || area.isEmpty()) {
                throw SheetsApiError.unparsableRange(text);
            }
        }
        RangeRef ref = area(title, area, text);
        if (ref == null) {
            throw SheetsApiError.unparsableRange(text);
        }
        return ref;
    }

    private static RangeRef wholeSheet(String title, String text) {
        return new RangeRef(title, null, null, null, null, false, text);
    }

    /** Parses the part after {@code !}, or returns {@code null} when it is not an A1 area. */
    private static RangeRef area(String title, String area, String text) {
        String[] parts = area.split(":", -1);
        if (parts.length > 2) {
            return null;
        }
        Endpoint a = endpoint(parts[0]);
        if (a == null) {
            return null;
        }
        if (parts.length == 1) {
            if (a.col == null || a.row == null) {
                return null;
            }
            return new RangeRef(title, a.row, a.row + 1, a.col, a.col + 1, true, text);
        }
        Endpoint b = endpoint(parts[1]);
        if (b == null) {
            return null;
        }
        // 1:2 are whole rows, A:B whole columns, A5:A and A2:2 open-ended; a column only on the end side is not A1.
        if (a.col == null && (b.col != null || a.row == null || b.row == null)) {
            return null;
        }
        if (a.col != null && b.col == null && b.row == null) {
            return null;
        }
        Integer startCol = a.col;
        Integer endCol = null;
        if (a.col != null && b.col != null) {
            startCol = Math.min(a.col, b.col);
            endCol = Math.max(a.col, b.col) + 1;
        }
        Integer startRow;
        Integer endRow;
        if (a.row != null && b.row != null) {
            startRow = Math.min(a.row, b.row);
            endRow = Math.max(a.row, b.row) + 1;
        } else if (a.row != null) {
            startRow = a.row;
            endRow = null;
        } else if (b.row != null) {
            startRow = 0;
            endRow = b.row + 1;
        } else {
            startRow = null;
            endRow = null;
        }
        return new RangeRef(title, startRow, endRow, startCol, endCol, false, text);
    }

    private record Endpoint(Integer col, Integer row) {}

    private static Endpoint endpoint(String s) {
        Matcher m = ENDPOINT.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            return null;
        }
        Integer col = m.group(1).isEmpty() ? null : A1.columnIndex(m.group(1));
        Integer row = null;
        if (!m.group(2).isEmpty()) {
            int n = Integer.parseInt(m.group(2));
            if (n == 0) {
                return null;
            }
            row = n - 1;
        }
        if (col != null && col >= MAX_COLUMNS) {
            return null;
        }
        return new Endpoint(col, row);
    }

    /** Whether the range names a sheet and nothing else. */
    boolean isWholeSheet() {
        return startRow == null && endRow == null && startCol == null && endCol == null;
    }
}
