package io.github.ytdc.cli;

import io.github.ytdc.YtdcException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern LEADING_OPTION = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9-]*");

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        if (e instanceof YtdcException || e instanceof IllegalArgumentException) {
            cl.getErr().println("ytdc: " + e.getMessage() + (e instanceof YtdcException ? "" : helpPointer(e, cl)));
            return FAILURE;
        }
        cl.getErr().println("ytdc: unexpected error: " + e);
        e.printStackTrace(cl.getErr());
        return INTERNAL;
    }

    /**
     * A bad option value found once the command runs (a duration, a size, two options that contradict each other)
     * starts with the option's name; it points at the command's {@code --help}, as a mistake picocli finds does.
     */
    static String helpPointer(Exception e, CommandLine cl) {
        String message = String.valueOf(e.getMessage());
        Matcher option = LEADING_OPTION.matcher(message);
        if (!option.lookingAt() || cl.getCommandSpec().findOption(option.group()) == null) {
            return "";
        }
        return " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
    }
}
