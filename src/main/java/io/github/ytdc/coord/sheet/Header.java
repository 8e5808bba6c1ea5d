package io.github.ytdc.coord.sheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A tab's header row: column positions by name, trimmed and case-insensitive, in any order. The first of two
 * same-named columns wins.
 */
public final class Header {
    private final List<String> names;
    private final Map<String, Integer> index = new TreeMap<>();

    public Header(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            String key = key(this.names.get(i));
            if (!key.isEmpty()) {
                index.putIfAbsent(key, i);
            }
        }
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** The header cells as read. */
    public List<String> names() {
        return names;
    }

    /** Zero-based column of {@code name}, if the tab has it. */
    public OptionalInt column(String name) {
        Integer i = index.get(key(name));
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public boolean has(String name) {
        return index.containsKey(key(name));
    }

    /** Number of header cells (the width of rows ytdc writes). */
    public int width() {
        return names.size();
    }

    /** Which of {@code required} this header lacks, in order. */
    public List<String> missing(List<String> required) {
        List<String> out = new ArrayList<>();
        for (String r : required) {
            if (!has(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** This header with {@code extra} appended at the end. */
    public Header plus(List<String> extra) {
        List<String> all = new ArrayList<>(names);
        all.addAll(extra);
        return new Header(all);
    }
}
