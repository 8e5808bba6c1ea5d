package io.github.ytdc.ops;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people type and read them: {@code 500MB}, {@code 2G}, {@code 1.5GiB}, {@code 12.3 GiB}. Units are 1024-based. */
public final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");
    private static final String UNITS = "KMGT";

    private ByteSizes() {}

    /**
     * Parses {@code 1048576}, {@code 500K}, {@code 500MB}, {@code 2G}, {@code 1.5GiB}.
     *
     * @throws IllegalArgumentException with the accepted forms when the text is no size
     */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "'; use forms like 500MB, 2GB, 1.5GiB");
        }
        int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        return Math.round(Double.parseDouble(m.group(1)) * Math.pow(1024, power));
    }

    /** {@code 512 B}, {@code 3.0 KiB}, {@code 12.3 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length() - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %siB", v, UNITS.charAt(unit));
    }
}
