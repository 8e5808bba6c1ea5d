package io.github.ytdc.sheets.memory;

import java.util.Objects;

/**
 * Developer metadata located on one row of a sheet (Google's {@code DeveloperMetadata} with a ROW location).
 *
 * @param id         the spreadsheet-wide {@code metadataId}
 * @param key        {@code metadataKey}
 * @param value      {@code metadataValue}, or {@code null}
 * @param visibility {@code DOCUMENT} or {@code PROJECT}
 * @param row        the zero-based row it is on now
 */
record RowMetadata(int id, String key, String value, String visibility, int row) {
    RowMetadata {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(visibility, "visibility");
    }

    /** Characters counted against Google's storage limit: every character of the key and the value. */
    int storage() {
        return key.length() + (value == null ? 0 : value.length());
    }

    RowMetadata at(int newRow) {
        return new RowMetadata(id, key, value, visibility, newRow);
    }
}
