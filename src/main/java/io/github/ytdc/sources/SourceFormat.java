package io.github.ytdc.sources;

import java.util.Locale;
import java.util.Optional;

/** The file formats sources can be imported from. */
enum SourceFormat {
    /** {@code URL|Accent|Type} lines with {@code #} comments, as read by the Python tool. */
    TXT,
    /** Comma- (or semicolon- or tab-) separated values with a header naming a {@code url} or {@code channel_url} column. */
    CSV,
    /** {@code {"channels": [...]}} or a top-level list, of URL strings or objects with a {@code url}. */
    JSON;

    /** The format a file name's extension announces, if it announces one. */
    public static Optional<SourceFormat> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt") || name.endsWith(".list")) {
            return Optional.of(TXT);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
