package io.github.ytdc.coord;

import io.github.ytdc.util.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pauses claiming after this host was blocked (bot check, HTTP 429 from the site). Each block in a row doubles the
 * cooldown up to a cap; a success resets it. Thread-safe.
 */
final class CircuitBreaker {
    private final Clock clock;
    private final Backoff cooldowns;
    private int consecutiveBlocks;
    private Instant openUntil = Instant.MIN;
    private Duration lastCooldown = Duration.ZERO;
    private String lastReason = "";

    public CircuitBreaker(Clock clock, Duration firstCooldown, Duration maxCooldown) {
        this.clock = clock;
        this.cooldowns = new Backoff(firstCooldown, maxCooldown);
    }

    /**
     * A snapshot for status displays.
     *
     * @param open              whether claiming is paused now
     * @param consecutiveBlocks blocks since the last success
     * @param openUntil         when claiming resumes ({@link Instant#MIN} if never opened)
     * @param cooldown          the last cooldown applied
     * @param reason            the message of the last block
     */
    public record State(boolean open, int consecutiveBlocks, Instant openUntil, Duration cooldown, String reason) {}

    /** Records a block and opens the breaker for a cooldown that doubles with each consecutive block. */
    public synchronized void recordBlock(String reason) {
        consecutiveBlocks++;
        Duration cooldown = cooldowns.delay(consecutiveBlocks - 1);
        lastCooldown = cooldown;
        lastReason = reason == null ? "" : reason;
        openUntil = clock.instant().plus(cooldown);
    }

    /** A task succeeded on this host: blocks are over. */
    public synchronized void recordSuccess() {
        consecutiveBlocks = 0;
        openUntil = Instant.MIN;
    }

    /** True while claiming is paused. */
    public synchronized boolean isOpen() {
        return clock.instant().isBefore(openUntil);
    }

    public synchronized State state() {
        return new State(isOpen(), consecutiveBlocks, openUntil, lastCooldown, lastReason);
    }
}
