package io.github.ytdc.bench;

import java.util.Locale;

/**
 * A performance target from SPEC section 8: a threshold and which side of it passes.
 *
 * @param comparison how the measured value must relate to the threshold
 * @param threshold  the number from the SPEC
 */
record Target(Comparison comparison, double threshold) {

    /** Which side of the threshold passes. */
    public enum Comparison {
        AT_MOST("<="), AT_LEAST(">="), EXACTLY("=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public static Target atMost(double threshold) {
        return new Target(Comparison.AT_MOST, threshold);
    }

    public static Target atLeast(double threshold) {
        return new Target(Comparison.AT_LEAST, threshold);
    }

    public static Target exactly(double threshold) {
        return new Target(Comparison.EXACTLY, threshold);
    }

    /** Whether {@code value} meets the target; NaN (nothing measured) never does. */
    public boolean isMetBy(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (comparison) {
            case AT_MOST -> value <= threshold;
            case AT_LEAST -> value >= threshold;
            case EXACTLY -> value == threshold;
        };
    }

    /** E.g. {@code <= 1.0} or {@code >= 300}. */
    public String describe() {
        return comparison.symbol() + " " + Measurement.format(threshold);
    }

    @Override
    public String toString() {
        return describe().toLowerCase(Locale.ROOT);
    }
}
