package io.github.ytdc.ops;

import java.time.Duration;
import java.util.Locale;

/** Short texts for people: ages ({@code 12s ago}), spans ({@code 1h20m}) and rates. */
final class Humanize {
    private Humanize() {}

    /** {@code 12s ago}, {@code 5m ago}, {@code 3h ago}, {@code 2d ago}; {@code in 2m} for a time in the future. */
    public static String ago(Duration age) {
        if (age == null) {
            return "never";
        }
        return age.isNegative() ? "in " + span(age.negated()) : span(age) + " ago";
    }

    /** The largest one or two units: {@code 42s}, {@code 5m}, {@code 1h20m}, {@code 2d3h}. */
    public static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 24) {
            return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        }
        long days = h / 24;
        return h % 24 == 0 ? days + "d" : days + "d" + (h % 24) + "h";
    }

    /** {@code 12/h}, {@code 3.5/h}, {@code 0.2/h}. */
    public static String perHour(double rate) {
        return rate >= 10 ? String.format(Locale.ROOT, "%.0f/h", rate) : String.format(Locale.ROOT, "%.1f/h", rate);
    }
}
