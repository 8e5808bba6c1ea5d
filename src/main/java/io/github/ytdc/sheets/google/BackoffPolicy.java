package io.github.ytdc.sheets.google;

import io.github.ytdc.util.Backoff;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Google's truncated exponential backoff: before retry n (from 0) wait {@code min(2^n s + random_ms, maximum)},
 * with {@code random_ms} drawn afresh each time from {@code [0, maxJitter]}, for at most {@code maxRetries}
 * retries.
 *
 * @param base       the first wait before jitter (Google: one second)
 * @param maximum    the cap on any single wait (Google: 32 to 64 seconds)
 * @param maxJitter  the largest random addition (Google: 1000 ms)
 * @param maxRetries how many retries before the failure surfaces
 */
record BackoffPolicy(Duration base, Duration maximum, Duration maxJitter, int maxRetries) {

    /**
     * Google's recipe with a 32 s cap and 10 retries: about four and a half minutes in all, well past the one-minute
     * window after which a per-minute quota refills, so a quota error does not reach the caller.
     */
    public static final BackoffPolicy GOOGLE = new BackoffPolicy(
            Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ofMillis(1000), 10);

    public BackoffPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("invalid backoff: " + maxRetries + " retries");
        }
        curve(base, maximum, maxJitter); // validates 0 <= base <= maximum and 0 <= maxJitter
    }

    /** The wait before retry {@code retry} (0 for the first retry). */
    public Duration delay(int retry, RandomGenerator random) {
        return curve(base, maximum, maxJitter).delay(retry, random);
    }

    private static Backoff curve(Duration base, Duration maximum, Duration maxJitter) {
        return new Backoff(base, maximum, Backoff.Jitter.plusUpTo(maxJitter));
    }
}
