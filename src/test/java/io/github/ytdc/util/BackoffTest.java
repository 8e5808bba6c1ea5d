package io.github.ytdc.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.util.Backoff.Jitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Answers every draw with {@code value} (checked against the bound) and records the bounds asked for. */
    private static final class Fixed implements RandomGenerator {
        final long value;
        final List<Long> bounds = new ArrayList<>();

        Fixed(long value) {
            this.value = value;
        }

        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            if (value >= bound) {
                throw new IllegalArgumentException(value + " outside bound " + bound);
            }
            return value;
        }
    }

    /** The largest value a bounded draw may return: the top of the jitter range. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void without_jitter_the_wait_doubles_from_first_and_stops_at_max() {
        Backoff b = new Backoff(SECOND, Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(1), b.delay(0));
        assertEquals(Duration.ofSeconds(2), b.delay(1));
        assertEquals(Duration.ofSeconds(4), b.delay(2));
        assertEquals(Duration.ofSeconds(8), b.delay(3));
        assertEquals(Duration.ofSeconds(10), b.delay(4));
        assertEquals(Duration.ofSeconds(10), b.delay(5));
    }

    @Test
    void a_negative_attempt_counts_as_the_first() {
        assertEquals(SECOND, new Backoff(SECOND, Duration.ofSeconds(10)).delay(-1));
    }

    @Test
    void no_jitter_draws_nothing() {
        Fixed r = new Fixed(0);
        assertEquals(Duration.ofSeconds(4), new Backoff(SECOND, Duration.ofMinutes(1)).delay(2, r));
        assertEquals(List.of(), r.bounds);
    }

    @Test
    void sub_millisecond_precision_is_kept_without_jitter() {
        Backoff b = new Backoff(Duration.ofNanos(1_500), Duration.ofSeconds(1));
        assertEquals(Duration.ofNanos(6_000), b.delay(2));
    }

    @Test
    void large_attempt_numbers_do_not_overflow() {
        Backoff b = new Backoff(SECOND, Duration.ofMinutes(5));
        for (int attempt : new int[] {9, 30, 31, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertEquals(Duration.ofMinutes(5), b.delay(attempt), "attempt " + attempt);
            assertEquals(Duration.ofMinutes(5), b.delay(attempt, new SplittableRandom(attempt)), "attempt " + attempt);
        }
    }

    @Test
    void the_largest_durations_do_not_overflow() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        Backoff plain = new Backoff(Duration.ofNanos(1), huge);
        assertEquals(Duration.ofNanos(1L << 40), plain.delay(40));
        assertEquals(huge, plain.delay(Integer.MAX_VALUE));
        Backoff upward = new Backoff(Duration.ofDays(1), huge, new Jitter(0, 1, Duration.ofMillis(Long.MAX_VALUE / 2)));
        assertEquals(huge, upward.delay(Integer.MAX_VALUE, HIGHEST));
        // Beyond Long.MAX_VALUE ms (292 million years) the jitter saturates: waits stay within 0..max.
        Backoff both = new Backoff(Duration.ofDays(1), huge, new Jitter(1, 1, Duration.ofMillis(Long.MAX_VALUE / 2)));
        Backoff hugeSpread = new Backoff(huge, huge, Jitter.spread(1));
        for (RandomGenerator r : List.of(HIGHEST, new Fixed(0), new SplittableRandom(3))) {
            for (Duration d : List.of(both.delay(Integer.MAX_VALUE, r), hugeSpread.delay(3, r))) {
                assertTrue(!d.isNegative() && d.compareTo(huge) <= 0, d.toString());
            }
        }
    }

    @Test
    void a_zero_first_wait_stays_zero() {
        Backoff b = new Backoff(Duration.ZERO, SECOND, Jitter.spread(0.5));
        assertEquals(Duration.ZERO, b.delay(Integer.MAX_VALUE, new Fixed(0)));
    }

    @Test
    void spread_moves_the_wait_either_way_by_up_to_the_fraction() {
        Backoff b = new Backoff(Duration.ofMillis(1_000), Duration.ofMinutes(1), Jitter.spread(0.125));
        Fixed lowest = new Fixed(0);
        assertEquals(Duration.ofMillis(875), b.delay(0, lowest));
        assertEquals(List.of(251L), lowest.bounds, "a draw from 0..250 ms");
        assertEquals(Duration.ofMillis(1_125), b.delay(0, HIGHEST));
        assertEquals(Duration.ofMillis(4_000 - 500 + 37), b.delay(2, new Fixed(37)));
    }

    @Test
    void fractions_of_odd_millisecond_counts_round_down() {
        // 1004 ms: 125 ms shorter at most (125.5 rounded down), a range of 251 ms (exactly a quarter)
        Backoff b = new Backoff(Duration.ofMillis(1_004), Duration.ofMinutes(1), Jitter.spread(0.125));
        Fixed lowest = new Fixed(0);
        assertEquals(Duration.ofMillis(879), b.delay(0, lowest));
        assertEquals(List.of(252L), lowest.bounds);
        assertEquals(Duration.ofMillis(1_130), b.delay(0, HIGHEST));
    }

    @Test
    void up_to_only_lengthens() {
        Backoff b = new Backoff(Duration.ofMillis(1_250), Duration.ofMinutes(2), Jitter.upTo(0.5));
        assertEquals(Duration.ofMillis(2_500), b.delay(1, new Fixed(0)));
        assertEquals(Duration.ofMillis(3_750), b.delay(1, HIGHEST));
    }

    @Test
    void plus_up_to_adds_a_fixed_span_whatever_the_wait() {
        Backoff b = new Backoff(SECOND, Duration.ofSeconds(32), Jitter.plusUpTo(Duration.ofMillis(1_000)));
        Fixed r = new Fixed(250);
        assertEquals(Duration.ofMillis(1_250), b.delay(0, r));
        assertEquals(Duration.ofMillis(16_250), b.delay(4, r));
        assertEquals(List.of(1_001L, 1_001L), r.bounds);
    }

    @Test
    void jitter_never_passes_the_cap_nor_goes_below_zero() {
        Backoff b = new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(10), new Jitter(1, 1, SECOND));
        assertEquals(Duration.ofSeconds(10), b.delay(1, HIGHEST), "6 s + 6 s + 1 s is capped");
        assertEquals(Duration.ofSeconds(10), b.delay(5, HIGHEST));
        assertEquals(Duration.ZERO, b.delay(0, new Fixed(0)), "3 s - 3 s");
        assertEquals(Duration.ZERO, b.delay(9, new Fixed(0)), "10 s (capped) - 10 s");
    }

    @Test
    void jittered_waits_stay_within_their_bounds() {
        RandomGenerator r = new SplittableRandom(7);
        Backoff b = new Backoff(Duration.ofMillis(800), Duration.ofSeconds(30), Jitter.spread(0.2));
        for (int attempt = 0; attempt < 8; attempt++) {
            long base = Math.min(30_000, 800L << attempt);
            long seenLow = Long.MAX_VALUE;
            long seenHigh = 0;
            for (int i = 0; i < 2_000; i++) {
                long ms = b.delay(attempt, r).toMillis();
                assertTrue(ms >= base * 0.8 && ms <= Math.min(30_000, base * 1.2), "attempt " + attempt + ": " + ms);
                seenLow = Math.min(seenLow, ms);
                seenHigh = Math.max(seenHigh, ms);
            }
            assertTrue(seenHigh - seenLow > Math.min(30_000, base * 1.2) - base * 0.8 - base * 0.05,
                    "the whole range is used at attempt " + attempt + ": " + seenLow + ".." + seenHigh);
        }
    }

    @Test
    void a_jittered_backoff_refuses_to_answer_without_randomness() {
        Backoff b = new Backoff(SECOND, Duration.ofSeconds(2), Jitter.upTo(0.1));
        assertThrows(IllegalStateException.class, () -> b.delay(0));
    }

    @Test
    void invalid_settings_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), SECOND));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(-1), SECOND));
        assertThrows(NullPointerException.class, () -> new Backoff(null, SECOND));
        assertThrows(NullPointerException.class, () -> new Backoff(SECOND, SECOND, null));
        assertThrows(IllegalArgumentException.class, () -> Jitter.spread(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Jitter.upTo(1.5));
        assertThrows(IllegalArgumentException.class, () -> Jitter.spread(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Jitter.plusUpTo(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Jitter.plusUpTo(Duration.ofSeconds(Long.MAX_VALUE)));
    }
}
