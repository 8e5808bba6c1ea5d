package io.github.ytdc.cli;

import io.github.ytdc.util.ByteSize;
import io.github.ytdc.util.Durations;
import java.time.Duration;

/**
 * Option values picocli takes as text (durations, sizes), parsed so that a mistake names its option: the message
 * starts with the option, which is how {@link ErrorHandler} knows to point at the command's {@code --help}.
 */
final class OptionValues {
    private OptionValues() {}

    /** A duration such as {@code 30s} or {@code 2m}. */
    static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** A duration that must be longer than zero. */
    static Duration positiveDuration(String option, String text) {
        Duration d = duration(option, text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + ": must be longer than zero, was '" + text + "'");
        }
        return d;
    }

    /** A size in bytes such as {@code 500M} or {@code 2G}. */
    static long size(String option, String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
