package io.github.ytdc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code -v} (repeatable) and {@code -q}: set the log level of the runnable jar's Logback. */
final class VerbosityOptions {
    @Option(names = {"-v", "--verbose"}, description = "More log output; repeat (-vv) for even more.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, description = "Only warnings and errors.")
    boolean quiet;

    /** Applies the chosen level to ytdc's loggers. */
    public void apply() {
        Level level = quiet ? Level.WARN : switch (verbose.length) {
            case 0 -> Level.INFO;
            case 1 -> Level.DEBUG;
            default -> Level.TRACE;
        };
        if (LoggerFactory.getLogger("io.github.ytdc") instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}
