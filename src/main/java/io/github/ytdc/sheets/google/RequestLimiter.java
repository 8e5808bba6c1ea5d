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
final class RequestLimiter {
    private final Clock clock;
    private final Sleeper sleeper;
    private final int burst;
    private Duration interval;
    private Duration tolerance;
    private Instant theoreticalArrival = Instant.MIN;

    public RequestLimiter(int perMinute, int burst, Clock clock, Sleeper sleeper) {
        if (burst < 1 || burst > perMinute) {
            throw new IllegalArgumentException("burst must be between 1 and " + perMinute + ", was " + burst);
        }
        this.clock = clock;
        this.sleeper = sleeper;
        this.burst = burst;
        setPerMinute(perMinute);
    }

    /**
     * Changes the quota (e.g. this caller's share of a project's quota as the fleet grows or shrinks); a burst larger
     * than the new quota is capped to it. Slots already reserved keep their times.
     */
    public synchronized void setPerMinute(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, was " + perMinute);
        }
        int b = Math.min(burst, perMinute);
        // Rounded up: a nanosecond short per slot would let one request too many into a minute.
        long slots = perMinute - b + 1L;
        this.interval = Duration.ofNanos((Duration.ofMinutes(1).toNanos() + slots - 1) / slots);
        this.tolerance = interval.multipliedBy(b - 1L);
    }

    /** Waits until this caller may send one request. */
    public void acquire() throws InterruptedException {
        acquire(null);
    }

    /**
     * Waits until this caller may send one request, unless that takes {@code maxWait} or longer ({@code null} for
     * no limit): then takes no slot and returns false at once.
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        Duration wait = reserve(maxWait);
        if (wait == null) {
            return false;
        }
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
        return true;
    }

    /** Takes the next slot and says how long to wait for it. */
    synchronized Duration reserve() {
        return reserve(null);
    }

    /** Takes the next slot and says how long to wait for it; {@code null}, taking nothing, if not before {@code maxWait}. */
    private synchronized Duration reserve(Duration maxWait) {
        Instant now = clock.instant();
        Instant slot = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
        Instant allowedAt = slot.minus(tolerance);
        Duration wait = allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
        if (maxWait != null && wait.compareTo(maxWait) >= 0) {
            return null;
        }
        theoreticalArrival = slot.plus(interval);
        return wait;
    }

    /** How long a request made now would wait for its slot, without taking it. */
    public synchronized Duration delay() {
        Instant now = clock.instant();
        Instant slot = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
        Instant allowedAt = slot.minus(tolerance);
        return allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
    }

    /** The spacing between sustained requests. */
    public synchronized Duration interval() {
        return interval;
    }
}
