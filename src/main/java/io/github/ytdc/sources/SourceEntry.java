package io.github.ytdc.sources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One source read from a file.
 *
 * @param line    the 1-based line it starts on, for messages
 * @param url     the validated, normalised URL
 * @param columns the other values on the line by column name (e.g. {@code Accent -> british}), in file order;
 *                blank values are left out
 */
record SourceEntry(int line, SourceUrl url, Map<String, String> columns) {
    public SourceEntry {
        Objects.requireNonNull(url, "url");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
