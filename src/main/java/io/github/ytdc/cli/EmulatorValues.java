package io.github.ytdc.cli;

import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.util.Locale;

/** Option values that describe an emulator's behaviour, read the same by {@code ytdc emulator} and {@code ytdc bench}. */
final class EmulatorValues {
    private EmulatorValues() {}

    /** {@code --latency MS[:JITTER_MS]}: every answer waits {@code base} plus a uniform random part up to {@code jitter}. */
    record Latency(Duration base, Duration jitter) {
        static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

        static Latency parse(String text) {
            String[] parts = text.split(":", 2);
            try {
                return new Latency(millis(parts[0]), parts.length > 1 ? millis(parts[1]) : Duration.ZERO);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--latency: " + e.getMessage() + "; expected MS[:JITTER_MS], e.g. 50 "
                        + "or 50:20");
            }
        }

        /** A plain number is milliseconds; forms like {@code 50ms} or {@code 1s} are accepted too. */
        private static Duration millis(String text) {
            String t = text.trim();
            Duration d = t.matches("\\d+") ? Duration.ofMillis(Long.parseLong(t)) : Durations.parse(t);
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + t + "' is negative");
            }
            return d;
        }
    }

    /** {@code --latency-spikes P:DURATION}, e.g. {@code 0.05:3s}. */
    record LatencySpikes(double probability, Duration spike) {
        private static final String FORM = "; expected P:DURATION with P from 0 to 1, e.g. 0.05:3s";

        static LatencySpikes parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--latency-spikes: '" + text + "' has no ':'" + FORM);
            }
            double p;
            try {
                p = Double.parseDouble(text.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--latency-spikes: '" + text.substring(0, colon)
                        + "' is not a probability" + FORM);
            }
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("--latency-spikes: probability " + text.substring(0, colon).trim()
                        + " is not between 0 and 1" + FORM);
            }
            Duration spike;
            try {
                spike = Durations.parse(text.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--latency-spikes: " + e.getMessage());
            }
            return new LatencySpikes(p, spike);
        }
    }

    /** {@code --quota google|off}. */
    static SheetsEmulator.QuotaMode quotaMode(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "google" -> SheetsEmulator.QuotaMode.GOOGLE;
            case "off", "none" -> SheetsEmulator.QuotaMode.OFF;
            default -> throw new IllegalArgumentException("--quota: expected 'google' or 'off', got '" + text + "'");
        };
    }
}
