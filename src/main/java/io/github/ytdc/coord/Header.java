package io.github.ytdc.coord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.ytdc.sheets.CellRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tab's header row: column positions by name, trimmed and case-insensitive, in any order. The first of two
 * same-named columns wins. Immutable and thread-safe; obtain one with {@link #of(List)}.
 */
public final class Header {
    /**
     * Every tick reads each work tab's header row and every row lookup goes through it, but a header changes only
     * when someone edits row 1: parse each distinct header row once and keep its lookups warm across ticks.
     * Bounded, as a header that was edited away is garbage; headers are immutable, so one cache serves every agent.
     */
    private static final Cache<List<String>, Header> PARSED = Caffeine.newBuilder()
            .maximumSize(256)
            .executor(Runnable::run)
            .build();
    private static final int NOT_PRESENT = -1;

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    /** Lookups by the exact name asked for, so the hot path skips trimming and lower-casing. */
    private final Map<String, Integer> byAskedName = new ConcurrentHashMap<>();

    /** The parsed header for a header row as read, shared with every earlier read of the same row. */
    public static Header of(List<String> names) {
        List<String> key = List.copyOf(names);
        return PARSED.get(key, Header::new);
    }

    /** The header of a read of row 1 (no header at all when the tab is empty). */
    public static Header of(CellRange headerRow) {
        return of(headerRow.rows().isEmpty() ? List.of() : headerRow.rows().get(0));
    }

    /** Parses a header row; prefer {@link #of(List)}, which reuses earlier parses. */
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
        int i = byAskedName.computeIfAbsent(name, n -> index.getOrDefault(key(n), NOT_PRESENT));
        return i == NOT_PRESENT ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public boolean has(String name) {
        return column(name).isPresent();
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
        return of(all);
    }
}
