package io.github.ytdc.ops;

import java.time.Instant;

/**
 * Pending rows that may not be claimed yet: they wait out a retry backoff ({@code NotBefore} in the future).
 *
 * @param rows  how many
 * @param until when the last of them may be claimed, {@code null} when {@code rows} is 0
 */
record WaitingRetries(int rows, Instant until) {
    /** No row backing off. */
    public static final WaitingRetries NONE = new WaitingRetries(0, null);

    /** This plus one row waiting until {@code notBefore}. */
    public WaitingRetries plus(Instant notBefore) {
        return new WaitingRetries(rows + 1, until == null || notBefore.isAfter(until) ? notBefore : until);
    }

    /** Both together. */
    public WaitingRetries plus(WaitingRetries other) {
        if (other.rows == 0) {
            return this;
        }
        return rows == 0 ? other : new WaitingRetries(rows + other.rows, other.until.isAfter(until) ? other.until : until);
    }
}
