package io.github.ytdc.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a worker waits before looking for work again after finding none: doubling from {@code first} up to
 * {@code max}, with jitter so a fleet's idle agents do not poll the sheet in step. Not thread-safe: one per worker.
 */
final class IdleBackoff {
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
        long base = Math.min(ceiling.toMillis(), first.toMillis() << Math.min(misses, 20));
        misses++;
        long jitter = base / 4 <= 0 ? 0 : random.nextLong(base / 4 + 1);
        return Duration.ofMillis(Math.min(ceiling.toMillis(), base - base / 8 + jitter));
    }

    /** Work was found: start again from {@code first}. */
    void reset() {
        misses = 0;
    }
}
