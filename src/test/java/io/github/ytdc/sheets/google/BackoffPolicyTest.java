package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {
    /** Always draws the same jitter, so waits are exact. */
    static RandomGenerator fixedJitter(long ms) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return ms;
            }

            @Override
            public long nextLong(long bound) {
                if (ms >= bound) {
                    throw new IllegalArgumentException("jitter " + ms + " outside bound " + bound);
                }
                return ms;
            }
        };
    }

    @Test
    void waits_double_from_one_second_plus_jitter_and_stop_at_the_cap() {
        BackoffPolicy p = BackoffPolicy.GOOGLE;
        RandomGenerator r = fixedJitter(250);
        assertEquals(Duration.ofMillis(1_250), p.delay(0, r));
        assertEquals(Duration.ofMillis(2_250), p.delay(1, r));
        assertEquals(Duration.ofMillis(16_250), p.delay(4, r));
        assertEquals(Duration.ofSeconds(32), p.delay(5, r), "32.25 s is truncated to the 32 s cap");
        assertEquals(Duration.ofSeconds(32), p.delay(40, r), "no overflow far past the cap");
    }

    @Test
    void jitter_is_redrawn_each_time_and_never_exceeds_a_second() {
        BackoffPolicy p = BackoffPolicy.GOOGLE;
        RandomGenerator r = new SplittableRandom(7);
        long distinct = java.util.stream.IntStream.range(0, 200).mapToObj(i -> p.delay(2, r)).distinct().count();
        assertTrue(distinct > 50, "jitter varies: " + distinct);
        for (int i = 0; i < 1000; i++) {
            long ms = p.delay(2, r).toMillis();
            assertTrue(ms >= 4_000 && ms <= 5_000, "wait " + ms);
        }
    }

    @Test
    void the_default_retries_outlast_a_quota_minute() {
        Duration total = Duration.ZERO;
        for (int i = 0; i < BackoffPolicy.GOOGLE.maxRetries(); i++) {
            total = total.plus(BackoffPolicy.GOOGLE.delay(i, fixedJitter(0)));
        }
        assertTrue(total.compareTo(Duration.ofSeconds(65)) > 0, "total " + total);
    }

    @Test
    void a_cap_below_the_base_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, 3));
    }
}
