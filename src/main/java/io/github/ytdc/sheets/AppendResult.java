package io.github.ytdc.sheets;

/**
 * Where an append landed.
 *
 * @param updatedRange the range written, as the API echoes it (e.g. {@code 'Video Tasks'!A12:P40})
 * @param firstRow     one-based number of the first row written
 * @param rowCount     number of rows written
 */
public record AppendResult(String updatedRange, int firstRow, int rowCount) {}
