package io.github.ytdc.coord;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What happens to a failed (or stalled) task: retry after an exponential backoff through NotBefore, release it,
 * or dead-letter it. Pure: the same inputs give the same decision.
 *
 * @param maxRetries   retries after the first attempt; the failure after the last retry dead-letters
 * @param firstBackoff delay before the first retry; doubles per retry
 * @param maxBackoff   cap on the delay
 * @param jitter       fraction (0..1) of the delay randomised either way, so retries of a burst spread out
 */
record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff, double jitter) {
    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff, got " + firstBackoff
                    + " and " + maxBackoff);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
        }
    }

    /** The decision for a row after a failure. */
    public sealed interface Decision {
        /** Back to pending with RetryCount = {@code retryCount}, not claimable before {@code notBefore}. */
        record Retry(int retryCount, Instant notBefore) implements Decision {}

        /** Back to pending, RetryCount unchanged (not the task's fault). */
        record Release() implements Decision {}

        /** Copy to the dead-letter tab and mark {@code error}, with RetryCount = {@code retryCount}. */
        record DeadLetter(int retryCount) implements Decision {}
    }

    /**
     * Decides what a failure of class {@code failure} does to a row whose RetryCount was {@code retryCount} when
     * it was claimed.
     */
    public Decision decide(FailureClass failure, int retryCount, Instant now, RandomGenerator random) {
        return switch (failure) {
            case HOST_BLOCKED, HOST_FAULT -> new Decision.Release();
            case FATAL -> new Decision.DeadLetter(retryCount);
            case TRANSIENT -> {
                int next = retryCount + 1;
                yield next > maxRetries
                        ? new Decision.DeadLetter(next)
                        : new Decision.Retry(next, now.plus(backoff(next, random)));
            }
        };
    }

    /** The delay before retry number {@code retry} (1-based): first x 2^(retry-1), capped, with jitter. */
    public Duration backoff(int retry, RandomGenerator random) {
        long firstMs = firstBackoff.toMillis();
        long capMs = maxBackoff.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 40);
        long base = firstMs > (capMs >> shift) ? capMs : Math.min(capMs, firstMs << shift);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.min(capMs, Math.round(base * factor))));
    }
}
