package io.github.ytdc.sheets;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row found through its tag (developer metadata on the row), wherever sorts, inserts and deletes moved it.
 *
 * @param tab       the tab's title
 * @param rowNumber one-based row number at the time of the read
 * @param values    the row from column A, trimmed like any read (trailing empty cells left out, interior blanks
 *                  {@code ""}); empty when the row holds nothing
 */
public record TaggedRow(String tab, int rowNumber, List<String> values) {
    private static final Pattern ROW = Pattern.compile("^\\$?[A-Za-z]*\\$?(\\d+)");

    public TaggedRow {
        Objects.requireNonNull(tab, "tab");
        values = List.copyOf(values);
    }

    /**
     * The row a tag matched, from the range Google echoes for it (e.g. {@code 'Video Tasks'!A6:Z6}) and the
     * row's values.
     *
     * @throws IllegalArgumentException when the echo names no tab or no row
     */
    public static TaggedRow fromEcho(String echoedRange, List<String> values) {
        int bang = echoedRange.lastIndexOf('!');
        if (bang <= 0) {
            throw new IllegalArgumentException("no tab in range " + echoedRange);
        }
        String title = echoedRange.substring(0, bang);
        if (title.length() >= 2 && title.startsWith("'") && title.endsWith("'")) {
            title = title.substring(1, title.length() - 1).replace("''", "'");
        }
        Matcher m = ROW.matcher(echoedRange.substring(bang + 1));
        if (!m.find()) {
            throw new IllegalArgumentException("no row in range " + echoedRange);
        }
        return new TaggedRow(title, Integer.parseInt(m.group(1)), values);
    }
}
