package io.github.ytdc.sheets;

import java.util.Map;
import java.util.Objects;

/**
 * A write to one row that applies only if the cells in {@code expected} still hold those values (trimmed, as a read
 * shows them): a compare-and-set, offered by backends that apply requests one at a time under a lock (the in-memory
 * model, local mode). Google Sheets has no such request.
 *
 * @param tab       the tab's title
 * @param rowNumber one-based row
 * @param expected  zero-based column to the value it must hold now
 * @param values    zero-based column to the value to write (RAW)
 */
public record GuardedWrite(String tab, int rowNumber, Map<Integer, String> expected, Map<Integer, String> values) {
    public GuardedWrite {
        Objects.requireNonNull(tab, "tab");
        expected = Map.copyOf(expected);
        values = Map.copyOf(values);
    }
}
