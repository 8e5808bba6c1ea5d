package io.github.ytdc.util;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people type and read them: {@code 500M}, {@code 1G}, {@code 5GB}, {@code 1.5GiB}, {@code 1048576}.
 * One parser and formatter for every size option and message ({@code --min-free-disk}, {@code --max-memory}, doctor).
 */
public final class ByteSize {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b?)");
    private static final String UNITS = "KMGT";

    private ByteSize() {}

    /**
     * Parses a size in bytes. Units are binary (K = 1024), as {@code df -h} and yt-dlp print them.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "'; use forms like 500M, 1G, 5GB");
        }
        int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return Math.round(bytes);
    }

    /** Prints a size compactly, as {@code df -h} does, for log lines: {@code 512B}, {@code 3.2G}, {@code 79G}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        Scaled s = scale(bytes);
        return String.format(Locale.ROOT, s.value() < 10 ? "%.1f%c" : "%.0f%c", s.value(), s.unit());
    }

    /** Prints a size with its binary unit spelled out, for reports: {@code 512 B}, {@code 3.0 KiB}, {@code 79.4 GiB}. */
    public static String formatWithUnit(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        Scaled s = scale(bytes);
        return String.format(Locale.ROOT, "%.1f %ciB", s.value(), s.unit());
    }

    private record Scaled(double value, char unit) {}

    private static Scaled scale(long bytes) {
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < UNITS.length() - 1) {
            v /= 1024;
            i++;
        }
        return new Scaled(v, UNITS.charAt(i));
    }
}
