package io.github.ytdc.ops;

import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.util.Locale;

/** Short texts for people: ages ({@code 12s ago}), spans ({@code 1h20m}) and rates. */
final class Humanize {
    private Humanize() {}

    /** {@code 12s ago}, {@code 5m ago}, {@code 3h ago}, {@code 2d ago}; {@code in 2m} for a time in the future. */
    public static String ago(Duration age) {
        return Durations.ago(age); // in util, so the toolchain's doctor checks word ages the same way
    }

    /** The largest one or two units: {@code 42s}, {@code 5m}, {@code 1h20m}, {@code 2d3h}. */
    public static String span(Duration d) {
        return Durations.span(d);
    }

    /** {@code 12/h}, {@code 3.5/h}, {@code 0.2/h}. */
    public static String perHour(double rate) {
        return rate >= 10 ? String.format(Locale.ROOT, "%.0f/h", rate) : String.format(Locale.ROOT, "%.1f/h", rate);
    }
}
