package io.github.ytdc.util;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An exponential backoff: the wait before attempt {@code n} (counted from 0) is {@code first x 2^n}, truncated to
 * {@code max}, then moved by a random {@link Jitter} and truncated to {@code max} again. Every retry and pause in ytdc
 * computes its wait here, so the overflow and rounding cases are handled once. Immutable; the randomness is passed
 * in, so a seeded or stubbed generator gives exact waits.
 *
 * @param first  the wait before attempt 0, before jitter
 * @param max    the cap on any wait, jitter included
 * @param jitter how far the wait is moved at random
 */
public record Backoff(Duration first, Duration max, Jitter jitter) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(jitter, "jitter");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 <= first <= max, got " + Durations.format(first) + " and "
                    + Durations.format(max));
        }
    }

    /** Without jitter: {@code first x 2^n}, truncated to {@code max}. */
    public Backoff(Duration first, Duration max) {
        this(first, max, Jitter.NONE);
    }

    /**
     * The random part of a wait, in whole milliseconds: with {@code b} the exponential wait, the wait is drawn
     * uniformly from {@code [b - floor(b x below), b - floor(b x below) + floor(b x (below + above)) + extra]}.
     *
     * @param below fraction (0..1) of the wait it may be shortened by
     * @param above fraction (0..1) of the wait it may be lengthened by
     * @param extra a fixed span it may be lengthened by on top, whatever the wait
     */
    public record Jitter(double below, double above, Duration extra) {
        /** No randomness at all. */
        public static final Jitter NONE = new Jitter(0, 0, Duration.ZERO);

        public Jitter {
            Objects.requireNonNull(extra, "extra");
            if (!(below >= 0 && below <= 1) || !(above >= 0 && above <= 1)) {
                throw new IllegalArgumentException("jitter fractions must be within 0..1, were " + below + " and "
                        + above);
            }
            if (extra.isNegative() || extra.compareTo(Duration.ofMillis(Long.MAX_VALUE / 2)) > 0) {
                throw new IllegalArgumentException("jitter span must be within 0..Long.MAX_VALUE/2 ms, was " + extra);
            }
        }

        /** Up to {@code fraction} of the wait either way, so a burst of retries spreads out. */
        public static Jitter spread(double fraction) {
            return new Jitter(fraction, fraction, Duration.ZERO);
        }

        /** Up to {@code fraction} of the wait added, never taken off. */
        public static Jitter upTo(double fraction) {
            return new Jitter(0, fraction, Duration.ZERO);
        }

        /** Up to {@code span} added whatever the wait (Google's {@code random_number_milliseconds}). */
        public static Jitter plusUpTo(Duration span) {
            return new Jitter(0, 0, span);
        }
    }

    /**
     * The wait before attempt {@code attempt}, counted from 0 (negative counts as 0). Draws from {@code random}
     * only when the jitter leaves a choice.
     */
    public Duration delay(int attempt, RandomGenerator random) {
        Duration base = exponential(attempt);
        long baseMs = millis(base);
        long shorter = (long) Math.floor(baseMs * jitter.below());
        long relative = (long) Math.floor(baseMs * (jitter.below() + jitter.above()));
        long extra = jitter.extra().toMillis();
        // Saturates instead of overflowing; the cap below applies to such waits anyway.
        long span = Math.min(relative, Long.MAX_VALUE - 1 - extra) + extra;
        long moveMs = (span <= 0 ? 0 : random.nextLong(span + 1)) - shorter;
        if (moveMs > 0 && base.compareTo(max.minusMillis(moveMs)) > 0) {
            return max;
        }
        Duration wait = base.plusMillis(moveMs);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * The wait before attempt {@code attempt} of a backoff without jitter: {@code min(max, first x 2^attempt)}.
     *
     * @throws IllegalStateException if this backoff has jitter (it needs a random source)
     */
    public Duration delay(int attempt) {
        if (jitter.below() != 0 || jitter.above() != 0 || !jitter.extra().isZero()) {
            throw new IllegalStateException("a backoff with jitter (" + Durations.format(first) + " to "
                    + Durations.format(max) + ") needs a random source");
        }
        return exponential(attempt);
    }

    private Duration exponential(int attempt) {
        Duration d = first;
        // Doubling stops at the cap, so this loops at most ~94 times (the span of Duration in nanoseconds).
        for (int i = 0; i < attempt && !d.isZero(); i++) {
            if (d.compareTo(max.dividedBy(2)) > 0) {
                return max;
            }
            d = d.multipliedBy(2);
        }
        return d;
    }

    private static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
