package io.github.ytdc.util;

import java.time.Duration;

/**
 * Waiting, as an injectable object: production code sleeps for real, tests advance a clock instead.
 * Every wait in the coordination code goes through one of these so that tests never sleep.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits for {@code duration}; returns early (with the interrupt flag set) if interrupted. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep}. */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
            }
        };
    }
}
