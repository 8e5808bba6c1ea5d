package io.github.ytdc.util;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and prints durations the way people type them on a command line: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 1.5m}, {@code 10m}, {@code 2h}, {@code 1d}, combinations such as
     * {@code 1h30m}, or an ISO-8601 duration ({@code PT30S}).
     *
     * @throws IllegalArgumentException with the accepted forms when the text is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; use forms like 500ms, 30s, 10m, 2h");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'; use forms like 500ms, 30s, 10m, 2h");
            }
        }
        Matcher m = FORM.matcher(t);
        int at = 0;
        double nanos = 0;
        while (m.find()) {
            if (m.start() != at) {
                break;
            }
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            };
            at = m.end();
        }
        if (at == 0 || at != t.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "'; use forms like 500ms, 30s, 10m, 2h");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Prints a duration compactly for people: {@code 250ms}, {@code 42s}, {@code 3m05s}, {@code 2h10m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
