package io.github.ytdc.sheets;

/**
 * Where a row tag (developer metadata on one row) is now.
 *
 * @param metadataId the tag's id
 * @param sheetId    the tab holding the row
 * @param row        zero-based grid row index (row number minus one)
 */
public record RowTagLocation(int metadataId, int sheetId, int row) {}
