package io.github.ytdc.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Real time plus an offset a test can jump forward. For a {@code Coordinator} whose engine thread waits in real time
 * (a frozen clock would never let a settle delay pass), while the test still skips hours (re-sync intervals,
 * retry backoff) at once.
 */
public final class ShiftingClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public ShiftingClock() {
        this(Clock.systemUTC());
    }

    public ShiftingClock(Clock base) {
        this.base = base;
    }

    /** Jumps {@code d} forward (the clock keeps running from there). */
    public void shift(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
