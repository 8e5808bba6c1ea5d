package io.github.ytdc.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One measured number of a scenario, with the target it is judged against (none for numbers shown for context).
 *
 * @param metric what was measured, e.g. {@code requests per completed task}
 * @param value  the measured number (NaN when it could not be measured)
 * @param unit   the unit, e.g. {@code tasks/min}, or {@code ""}
 * @param target the SPEC target, or {@code null} for an informational number
 */
record Measurement(String metric, double value, String unit, Target target) {

    /** What a measurement says about its target. */
    public enum Verdict { PASS, FAIL, INFO }

    public Measurement {
        Objects.requireNonNull(metric, "metric");
        unit = unit == null ? "" : unit;
    }

    public static Measurement judged(String metric, double value, String unit, Target target) {
        return new Measurement(metric, value, unit, Objects.requireNonNull(target, "target"));
    }

    public static Measurement info(String metric, double value, String unit) {
        return new Measurement(metric, value, unit, null);
    }

    public Verdict verdict() {
        if (target == null) {
            return Verdict.INFO;
        }
        return target.isMetBy(value) ? Verdict.PASS : Verdict.FAIL;
    }

    /** The value with its unit, e.g. {@code 0.74} or {@code 412.5 tasks/min}. */
    public String valueText() {
        String v = format(value);
        return unit.isEmpty() ? v : v + " " + unit;
    }

    /** Up to three significant decimals, no trailing zeros, no exponent: {@code 0.743}, {@code 412.5}, {@code 3}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        int scale = Math.abs(v) >= 100 ? 1 : 3;
        return new BigDecimal(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
