package io.github.ytdc.cli;

import io.github.ytdc.YtdcException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and an exit code: expected errors (bad input, a missing
 * credentials file, a refused spreadsheet) print their message only; anything unexpected also prints its
 * stack trace, since it is a bug.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    /** Exit code for an expected, explained failure. */
    static final int FAILURE = 1;
    /** Exit code for an unexpected failure (a bug). */
    static final int INTERNAL = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        if (e instanceof YtdcException || e instanceof IllegalArgumentException) {
            cl.getErr().println("ytdc: " + e.getMessage());
            return FAILURE;
        }
        cl.getErr().println("ytdc: unexpected error: " + e);
        e.printStackTrace(cl.getErr());
        return INTERNAL;
    }
}
