package io.github.ytdc.sources;

/**
 * A line of a sources file that was skipped because its source is already known.
 *
 * @param line   the 1-based line number
 * @param url    the source it names
 * @param reason where it was seen before ({@code duplicate of line 3}, {@code already in the sheet})
 */
record DuplicateLine(int line, SourceUrl url, String reason) {}
