package io.github.ytdc.sheets.google;

import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests of one kind so that no 60-second window holds more than a quota.
 *
 * <p>A virtual-scheduling (GCRA) limiter: each caller reserves the next slot under a lock and then waits for
 * it outside the lock, so concurrent callers queue fairly and none holds the lock while sleeping. With
 * {@code burst} b and quota n, slots are {@code 60 s / (n - b + 1)} apart and up to b may be taken at once;
 * in any half-open 60-second window that admits at most n requests.
 */
public final class RequestLimiter {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private final Duration tolerance;
    private Instant theoreticalArrival = Instant.MIN;

    public RequestLimiter(int perMinute, int burst, Clock clock, Sleeper sleeper) {
        if (burst < 1 || burst > perMinute) {
            throw new IllegalArgumentException("burst must be between 1 and " + perMinute + ", was " + burst);
        }
        this.clock = clock;
        this.sleeper = sleeper;
        // Rounded up: a nanosecond short per slot would let one request too many into a minute.
        long slots = perMinute - burst + 1L;
        this.interval = Duration.ofNanos((Duration.ofMinutes(1).toNanos() + slots - 1) / slots);
        this.tolerance = interval.multipliedBy(burst - 1L);
    }

    /** Waits until this caller may send one request. */
    public void acquire() throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes the next slot and says how long to wait for it. */
    synchronized Duration reserve() {
        Instant now = clock.instant();
        Instant slot = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
        theoreticalArrival = slot.plus(interval);
        Instant allowedAt = slot.minus(tolerance);
        return allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
    }

    /** How long a request made now would wait for its slot, without taking it. */
    public synchronized Duration delay() {
        Instant now = clock.instant();
        Instant slot = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
        Instant allowedAt = slot.minus(tolerance);
        return allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
    }

    /** The spacing between sustained requests. */
    public Duration interval() {
        return interval;
    }
}
