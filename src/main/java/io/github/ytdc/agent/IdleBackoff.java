package io.github.ytdc.agent;

import io.github.ytdc.util.Backoff;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a worker waits before looking for work again after finding none: doubling from {@code first} up to
 * {@code max}, with jitter so a fleet's idle agents do not poll the sheet in step. Not thread-safe: one per worker.
 */
final class IdleBackoff {
    /** An eighth of the wait either way. */
    private static final Backoff.Jitter JITTER = Backoff.Jitter.spread(0.125);

    private final Duration first;
    private final java.util.function.Supplier<Duration> max;
    private final RandomGenerator random;
    private int misses;

    IdleBackoff(Duration first, Duration max, RandomGenerator random) {
        this(first, () -> max, random);
    }

    /** With a ceiling that may change, e.g. growing with the fleet so idle agents leave the quota to busy ones. */
    IdleBackoff(Duration first, java.util.function.Supplier<Duration> max, RandomGenerator random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The wait after one more look that found nothing. */
    Duration next() {
        Duration ceiling = max.get().compareTo(first) < 0 ? first : max.get();
        // A fresh curve each time: the ceiling may have moved since the last miss.
        return new Backoff(first, ceiling, JITTER).delay(misses++, random);
    }

    /** Work was found: start again from {@code first}. */
    void reset() {
        misses = 0;
    }
}
