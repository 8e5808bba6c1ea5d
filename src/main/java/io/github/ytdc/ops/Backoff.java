package io.github.ytdc.ops;

import java.time.Instant;

/**
 * Pending rows that may not be claimed yet: they wait out a retry backoff ({@code NotBefore} in the future).
 *
 * @param rows  how many
 * @param until when the last of them may be claimed, {@code null} when {@code rows} is 0
 */
record Backoff(int rows, Instant until) {
    /** No row backing off. */
    public static final Backoff NONE = new Backoff(0, null);

    /** This plus one row waiting until {@code notBefore}. */
    public Backoff plus(Instant notBefore) {
        return new Backoff(rows + 1, until == null || notBefore.isAfter(until) ? notBefore : until);
    }

    /** Both together. */
    public Backoff plus(Backoff other) {
        if (other.rows == 0) {
            return this;
        }
        return rows == 0 ? other : new Backoff(rows + other.rows, other.until.isAfter(until) ? other.until : until);
    }
}
