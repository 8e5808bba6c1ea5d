package io.github.ytdc.sheets;

import java.util.regex.Pattern;

/** Builds A1-notation ranges: column letters, tab-title quoting, and cell and range strings. */
public final class A1 {
    // Titles made only of letters, digits and underscores that do not look like a cell or R1C1 reference
    // may go unquoted; everything else is quoted, with ' doubled.
    private static final Pattern BARE_TITLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LOOKS_LIKE_CELL = Pattern.compile("(?i)[A-Z]{1,3}[0-9]+|R[0-9]*C[0-9]*|true|false");

    private A1() {}

    /** Column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA. */
    public static String column(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative column index " + index);
        }
        StringBuilder sb = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            sb.append((char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return sb.reverse().toString();
    }

    /** Zero-based index of column letters: A → 0, AA → 26. */
    public static int columnIndex(String letters) {
        int n = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = Character.toUpperCase(letters.charAt(i));
            if (c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("not column letters: " + letters);
            }
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    /** A tab title as it must appear in a range: quoted (with {@code '} doubled) unless it is a plain word. */
    public static String quote(String title) {
        if (BARE_TITLE.matcher(title).matches() && !LOOKS_LIKE_CELL.matcher(title).matches()) {
            return title;
        }
        return "'" + title.replace("'", "''") + "'";
    }

    /** The whole tab: {@code 'Video Tasks'}. */
    public static String tab(String title) {
        return quote(title);
    }

    /** One cell, zero-based column and one-based row: {@code cell("Sources", 2, 5)} → {@code Sources!C5}. */
    public static String cell(String title, int column, int row) {
        return quote(title) + "!" + column(column) + row;
    }

    /** A rectangle, zero-based columns and one-based rows, inclusive: {@code Sources!A2:M40}. */
    public static String range(String title, int firstColumn, int firstRow, int lastColumn, int lastRow) {
        return quote(title) + "!" + column(firstColumn) + firstRow + ":" + column(lastColumn) + lastRow;
    }

    /** Whole rows, one-based and inclusive: {@code Sources!2:40}. */
    public static String rows(String title, int firstRow, int lastRow) {
        return quote(title) + "!" + firstRow + ":" + lastRow;
    }

    /** One column from a row down to the end of the grid: {@code Sources!A2:A}. */
    public static String columnFrom(String title, int column, int firstRow) {
        String c = column(column);
        return quote(title) + "!" + c + firstRow + ":" + c;
    }
}
