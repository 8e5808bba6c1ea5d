package io.github.ytdc.sheets.google;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How long one request of a {@link GoogleSpreadsheetPort} may take: its {@link CallPolicy}'s connect and read
 * timeouts, shortened to the time left before a deadline once {@link #finishWithin} set one (an agent stopping on
 * SIGTERM must be gone before systemd kills it). The port's Sheets requests and its key's token requests both ask
 * here, so neither outlasts the other's limits.
 */
final class CallLimits {
    private final CallPolicy policy;
    private final LongSupplier nanoTime;
    // Written by the stopping thread, read by every request thread.
    private volatile boolean bounded;
    private volatile long deadlineNanos;

    CallLimits(CallPolicy policy, LongSupplier nanoTime) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    CallPolicy policy() {
        return policy;
    }

    /** From now on every request ends within {@code timeLeft}; replaces an earlier deadline. */
    void finishWithin(Duration timeLeft) {
        deadlineNanos = nanoTime.getAsLong() + Math.max(0, timeLeft.toNanos());
        bounded = true;
    }

    /** Whether a deadline was set. */
    boolean bounded() {
        return bounded;
    }

    /** The time left before the deadline (zero once it passed); {@code null} without a deadline. */
    Duration left() {
        if (!bounded) {
            return null;
        }
        long left = deadlineNanos - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** True once a deadline was set and has passed. */
    boolean expired() {
        Duration left = left();
        return left != null && left.isZero();
    }

    /** Whether a retry after {@code wait}, {@code elapsed} into a call, may start: the policy and the deadline allow it. */
    boolean mayRetry(Duration elapsed, Duration wait) {
        Duration left = left();
        return policy.mayRetry(elapsed, wait) && (left == null || wait.compareTo(left) < 0);
    }

    /** The connect timeout for a request sent now, in milliseconds (at least 1: 0 would mean no timeout). */
    int connectMillis() {
        return cap(policy.connectTimeout());
    }

    /** The read timeout for a request sent now, in milliseconds (at least 1: 0 would mean no timeout). */
    int readMillis() {
        return cap(policy.readTimeout());
    }

    private int cap(Duration timeout) {
        Duration left = left();
        Duration d = left != null && left.compareTo(timeout) < 0 ? left : timeout;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
