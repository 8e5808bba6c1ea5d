package io.github.ytdc.sources;

/**
 * A line of a sources file that was not imported because it is wrong.
 *
 * @param line   the 1-based line number
 * @param reason what is wrong with it, quoting the offending text
 */
record RejectedLine(int line, String reason) {
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
