package io.github.ytdc.sources;

/**
 * A line of a sources file that was not imported because it is wrong.
 *
 * @param line   the 1-based line number
 * @param column the 1-based column where it goes wrong, or 0 when the whole line (its URL) is the problem
 * @param reason what is wrong with it, quoting the offending text
 */
record RejectedLine(int line, int column, String reason) {
    /** A line whose URL (not one character of it) is wrong. */
    RejectedLine(int line, String reason) {
        this(line, 0, reason);
    }

    @Override
    public String toString() {
        return "line " + line + (column > 0 ? ", column " + column : "") + ": " + reason;
    }
}
