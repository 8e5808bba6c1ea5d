package io.github.ytdc.coord;

import io.github.ytdc.util.Backoff;
import java.time.Duration;
import java.time.Instant;
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
        curve(firstBackoff, maxBackoff, jitter); // validates 0 <= firstBackoff <= maxBackoff and jitter in 0..1
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
        return curve(firstBackoff, maxBackoff, jitter).delay(retry - 1, random);
    }

    private static Backoff curve(Duration first, Duration max, double jitter) {
        return new Backoff(first, max, Backoff.Jitter.spread(jitter));
    }
}
