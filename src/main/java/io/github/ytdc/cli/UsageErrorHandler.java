package io.github.ytdc.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistake on the command line (a bad option value, an unknown option, a missing argument) is one line on stderr
 * naming the command, the option and the value, and where to find the usage; never the whole usage text.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        err.println(command + ": " + message(e) + " (see '" + command + " --help')");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Picocli's message, made plain: one line, no Java type names, no doubled words. */
    static String message(ParameterException e) {
        String m = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
        m = m.replace("option option", "option")
                .replaceAll("is not an? (int|long|short|byte|Integer|Long)\\b", "is not a whole number")
                .replaceAll("is not an? (double|float|Double|Float)\\b", "is not a number")
                // "cannot convert 'x' to URI (java.net.URISyntaxException: Illegal character ...)": no class names
                .replaceAll("\\((?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*: ", "(")
                .replace(" to URI (", " to a URL (");
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                m += "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                        + "?";
            }
        }
        return m;
    }
}
