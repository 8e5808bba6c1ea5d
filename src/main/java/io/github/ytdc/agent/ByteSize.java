package io.github.ytdc.agent;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes the way people type them: {@code 500M}, {@code 1G}, {@code 5GB}, {@code 1.5GiB}, {@code 1048576}. */
public final class ByteSize {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b?)");

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
        int power = switch (m.group(2)) {
            case "k" -> 1;
            case "m" -> 2;
            case "g" -> 3;
            case "t" -> 4;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return Math.round(bytes);
    }

    /** Prints a size compactly for people: {@code 512B}, {@code 3.2G}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGT";
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length() - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f%c" : "%.0f%c", v, units.charAt(i));
    }
}
