package io.github.ytdc.coord;

import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds stalled claims (G3): in-progress rows whose lease (HeartbeatAt, else ClaimedAt for Python-era rows) is
 * older than the stall timeout. Claim age alone never counts, so a long download whose agent renews its lease is
 * never taken over. The engine takes a stalled row over with an ordinary claim and, once that claim is verified,
 * routes it through the retry policy like a failure.
 */
final class StallDetector {
    /** Stalled rows taken over per tick, to bound one tick's write. */
    static final int MAX_PER_TICK = 20;

    private final Duration stallTimeout;

    StallDetector(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /**
     * A stalled row.
     *
     * @param kind what the row holds
     * @param snap the read it was found in
     * @param row  the row
     * @param why  the LastError the retry records
     */
    record Stall(TaskKind kind, TabSnapshot snap, WorkRow row, String why) {
        /** The row was completed after this claim was written: put it back to done, do not run it again. */
        boolean completed() {
            return row.completedAfterClaim();
        }
    }

    /**
     * True when the in-progress row {@code r} is stalled: its lease is older than the stall timeout, or it was
     * completed after its claim was written (a late claim write over a completion needs no timeout: nobody runs it).
     */
    boolean isStalled(WorkRow r, Instant now) {
        if (!r.hasStatus(Status.IN_PROGRESS)) {
            return false;
        }
        Optional<Instant> lease = r.leaseRenewedAt();
        return r.completedAfterClaim() || lease.isEmpty() || !now.isBefore(lease.get().plus(stallTimeout));
    }

    /**
     * Stalled rows of {@code reads}, at most {@link #MAX_PER_TICK}, skipping rows this agent holds (by token or by
     * {@code held} on the claim key).
     */
    List<Stall> find(TickRead reads, Predicate<String> heldToken, Predicate<String> held, Instant now) {
        List<Stall> out = new ArrayList<>();
        for (TaskKind kind : TaskKind.values()) {
            TabSnapshot snap = reads.of(kind);
            for (WorkRow r : snap.rows()) {
                if (out.size() == MAX_PER_TICK) {
                    return out;
                }
                if (!r.hasStatus(Status.IN_PROGRESS) || r.id().isEmpty() || heldToken.test(r.claimToken())
                        || held.test(Claim.key(kind, r.id()))) {
                    continue;
                }
                if (!isStalled(r, now)) {
                    continue;
                }
                Optional<Instant> lease = r.leaseRenewedAt();
                String why = r.completedAfterClaim() ? "done before a late claim write of "
                        + (r.claimedBy().isEmpty() ? "an unknown agent" : r.claimedBy()) + " overwrote it"
                        : "stalled: lease of " + (r.claimedBy().isEmpty() ? "unknown agent" : r.claimedBy())
                        + lease.map(l -> " last renewed " + Timestamps.format(l)).orElse(" never renewed")
                        + ", older than " + Durations.format(stallTimeout);
                out.add(new Stall(kind, snap, r, why));
            }
        }
        return out;
    }
}
