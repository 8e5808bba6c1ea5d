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

    /**
     * Prints a duration the way {@link #parse} reads it, compactly: {@code 250ms}, {@code 1.5s}, {@code 42s},
     * {@code 2m}, {@code 3m5s}, {@code 2h10m}, {@code 1d3h}. Below a minute it is exact to the millisecond; above,
     * it keeps the two largest units (seconds below an hour), so long spans read at a glance. The one printer of
     * durations for people: {@link #brief}, {@link #span} and {@link #ago} round, then print through it; never
     * {@link Duration#toString()} ({@code PT2M}) in a message.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s"; // what people type for "none", as in --retry-backoff 0s
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            return ms % 100 == 0 ? String.format(Locale.ROOT, "%d.%ds", ms / 1000, (ms % 1000) / 100) : ms + "ms";
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return units(s / 60, "m", s % 60, "s");
        }
        if (s < 86400) {
            return units(s / 3600, "h", (s % 3600) / 60, "m");
        }
        return units(s / 86400, "d", (s % 86400) / 3600, "h");
    }

    /**
     * A measured time, as precise as a person reads it in a log line: {@code 840ms}, {@code 21.7s}, {@code 2m5s},
     * {@code 1h3m} (milliseconds under a second, tenths under a minute, then {@link #format}'s two units).
     */
    public static String brief(Duration d) {
        if (d.isNegative()) {
            return "-" + brief(d.negated());
        }
        long ms = d.toMillis();
        long unit = ms < 1000 ? 1 : ms < 60_000 ? 100 : 1000;
        return format(Duration.ofMillis(Math.round((double) ms / unit) * unit));
    }

    /**
     * How long ago, for people: {@code 12s ago}, {@code 5m ago}, {@code 1h20m ago}, {@code 2d3h ago}; {@code in 2m}
     * for a time in the future, {@code never} for {@code null}.
     */
    public static String ago(Duration age) {
        if (age == null) {
            return "never";
        }
        return age.isNegative() ? "in " + span(age.negated()) : span(age) + " ago";
    }

    /**
     * A span for people, in its largest one or two units: {@code 42s}, {@code 5m}, {@code 1h20m}, {@code 2d3h}
     * (whole seconds under a minute, whole minutes under a day, then whole hours; never negative).
     */
    public static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long unit = s < 60 ? 1 : s < 86400 ? 60 : 3600;
        return format(Duration.ofSeconds(s / unit * unit));
    }

    private static String units(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + bigUnit : big + bigUnit + small + smallUnit;
    }
}
