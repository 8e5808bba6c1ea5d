package io.github.ytdc.coord;

import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each claim against its row as this tick read it (found through the claim's row tag, so wherever people moved
 * it) and moves the claim along its state machine ({@link Claim}): one method per state. What to write goes into the
 * {@link TickPlan}; what the engine must account for (a win, a loss, an end) goes to its {@link Lifecycle}. No I/O.
 */
final class ClaimReview {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimReview.class);

    /** What the engine does when a claim changes hands. */
    interface Lifecycle {
        /** The claim was won and is ready for a worker. */
        void won(Claim c, Instant at);

        /** A claim that was won is lost: cancel its task, journal it. */
        void lost(Claim c, Instant at, String why);

        /** A claim that never ran ended (lost a race, row gone or no longer claimable); nothing to account. */
        void dropped(Claim c);

        /** The claim's result is on its row. */
        void recorded(Claim c, Instant at);

        /** A finished state our late claim write had overwritten was put back. */
        void restored(Claim c, Instant at);

        /** The row could not be found by its tag: place a new tag on {@code row}. */
        void retag(Claim c, WorkRow row, TickPlan plan);

        /** The read did not cover the whole tab and a held row could not be found: sweep next tick. */
        void sweepSoon();
    }

    private final CoordinatorConfig cfg;
    private final RowUpdates updates;
    private final Candidates candidates;
    private final StallDetector stalls;
    private final KnownIds knownIds;
    private final Lifecycle lifecycle;

    ClaimReview(CoordinatorConfig cfg, RowUpdates updates, Candidates candidates, StallDetector stalls,
                KnownIds knownIds, Lifecycle lifecycle) {
        this.cfg = cfg;
        this.updates = updates;
        this.candidates = candidates;
        this.stalls = stalls;
        this.knownIds = knownIds;
        this.lifecycle = lifecycle;
    }

    /**
     * Reviews one claim.
     *
     * @param claiming     false once the agent stopped claiming: a claim that would win now is released instead
     * @param heartbeatDue renew the lease of held claims in this tick
     */
    void review(Claim c, TickRead read, TickPlan plan, Instant now, boolean claiming, boolean heartbeatDue) {
        Optional<WorkRow> tagged = read.tagged(c.tagId(), c.kind);
        TabSnapshot snap = read.of(c.kind);
        switch (c.state()) {
            case TAGGING -> tagging(c, tagged, snap, plan, now, claiming);
            case CLAIMING -> claimingState(c, tagged, snap, plan, now, claiming);
            case PROBATION -> probation(c, tagged, snap, plan, now, claiming);
            case HELD -> held(c, tagged, read, plan, now, heartbeatDue);
            case FINISHING -> finishing(c, tagged, read, plan, now);
            case ENDED -> { }
        }
    }

    // ------------------------------------------------------------------ one method per state

    /** The tag was sent: claim through it if it sits on the chosen task's row and that row is still claimable. */
    private void tagging(Claim c, Optional<WorkRow> row, TabSnapshot snap, TickPlan plan, Instant now,
                         boolean claiming) {
        if (row.isEmpty() || !c.isTaskOf(row.get())) {
            // The tag was not placed (failed write), its row was deleted, or rows moved before it landed: it sits on
            // another task's row, where it is invisible and harmless. Nothing else was written.
            LOG.debug("tag for {} {} is not on its row; not claiming it", c.kind.label(), c.id);
            lifecycle.dropped(c);
            return;
        }
        boolean stillOpen = c.isRecovery()
                ? row.get().claimToken().equals(c.chosenFrom.claimToken()) && stalls.isStalled(row.get(), now)
                : candidates.isClaimable(row.get(), c.kind, now);
        if (!stillOpen || !claiming) {
            lifecycle.dropped(c);
            return;
        }
        if (!c.isRecovery()) {
            if (plan.claimSlots <= 0) {
                return; // tagged ahead: claimed when a slot is free
            }
            plan.claimSlots--;
        }
        c.claimWritten(now);
        plan.write(c, updates.claim(snap.tab(), snap.header(), c));
        plan.claimWrites.add(c);
    }

    /** The claim was written through the tag: after the settle delay, the row says who won. */
    private void claimingState(Claim c, Optional<WorkRow> row, TabSnapshot snap, TickPlan plan, Instant now,
                               boolean claiming) {
        Optional<Instant> answered = c.answeredAt();
        if (answered.isEmpty() || now.isBefore(answered.get().plus(cfg.settleDelay()))) {
            return; // not settled yet
        }
        if (!carriesOurClaim(c, row)) {
            LOG.debug("lost the race for {} {}", c.kind.label(), c.id);
            lifecycle.dropped(c);
            return;
        }
        // why: if the write was answered more than a settle delay after the read it was decided from, it may have
        // landed after another agent verified its own claim on this row; that agent is running the task and will
        // write its claim back within one lease interval. Wait that long before trusting the row.
        if (finishedMeanwhile(c, row.get()).isPresent()) {
            settle(c, row.get(), snap, plan, now, claiming); // puts the finished status back at once
            return;
        }
        Duration writeTook = Duration.between(c.decidedAt(), answered.get());
        if (writeTook.compareTo(cfg.settleDelay()) > 0) {
            Instant until = answered.get().plus(cfg.heartbeat()).plus(cfg.settleDelay().multipliedBy(2));
            LOG.debug("the claim write for {} {} took {} (more than the settle delay): waiting until {} before "
                    + "trusting it", c.kind.label(), c.id, Durations.brief(writeTook), Timestamps.format(until));
            c.probation(until);
            return;
        }
        settle(c, row.get(), snap, plan, now, claiming);
    }

    /** A late claim waits out one lease interval: a live owner writes its claim back meanwhile. */
    private void probation(Claim c, Optional<WorkRow> row, TabSnapshot snap, TickPlan plan, Instant now,
                           boolean claiming) {
        if (!carriesOurClaim(c, row)) {
            LOG.debug("the late claim on {} {} was overwritten by its owner: not running it", c.kind.label(), c.id);
            lifecycle.dropped(c);
            return;
        }
        if (now.isBefore(c.probationEnds())) {
            // why: a row finished by another agent before our late write landed needs no wait to be told apart from a
            // live owner's; put it back now, before this agent might stop and leave it claimed.
            if (finishedMeanwhile(c, row.get()).isPresent()) {
                settle(c, row.get(), snap, plan, now, claiming);
            }
            return;
        }
        settle(c, row.get(), snap, plan, now, claiming);
    }

    /** The claim stands: win it, unless the task was finished meanwhile or the agent is stopping. */
    private void settle(Claim c, WorkRow row, TabSnapshot snap, TickPlan plan, Instant now, boolean claiming) {
        Optional<Status> finished = finishedMeanwhile(c, row);
        if (finished.isPresent()) {
            LOG.warn("{} {} was finished by another agent before our claim write landed on it: putting {} back, "
                    + "not running it again", c.kind.label(), c.id, finished.get().label());
            plan.write(c, updates.restoreFinished(snap.tab(), snap.header(), finished.get()));
            lifecycle.restored(c, now);
            return;
        }
        c.win(row, now);
        if (c.state() == Claim.State.FINISHING) {
            // why: DEBUG, as the retry or dead-letter line that follows says why
            LOG.debug("took over stalled {} {}: {}", c.kind.label(), c.id, c.recoveryError);
            plan.result(c, updates.result(c, snap.tab(), snap.header(), row, now));
        } else if (!claiming) {
            c.finish(new Outcome.Released("agent stopping"), now);
            plan.result(c, updates.result(c, snap.tab(), snap.header(), row, now));
        } else {
            lifecycle.won(c, now);
        }
    }

    /** Won and ready or running: renew the lease, write our claim back over a late one, or give the task up. */
    private void held(Claim c, Optional<WorkRow> tagged, TickRead read, TickPlan plan, Instant now,
                      boolean heartbeatDue) {
        Optional<WorkRow> row = locate(c, tagged, read, plan);
        if (row.isEmpty()) {
            return;
        }
        TabSnapshot snap = read.of(c.kind);
        WorkRow r = row.get();
        if (r.claimToken().equals(c.token)) {
            if (!r.hasStatus(Status.IN_PROGRESS)) {
                lifecycle.lost(c, now, "Status set to '" + r.get(Columns.STATUS) + "' by a person");
            } else if (heartbeatDue) {
                plan.write(c, updates.heartbeat(snap.tab(), snap.header(), now));
            }
        } else if (isLateClaimOverOurs(c, r)) {
            LOG.warn("a late claim write of {} landed on {} {}, which this agent won first: writing our claim back",
                    r.claimedBy().isEmpty() ? "another agent" : r.claimedBy(), c.kind.label(), c.id);
            plan.write(c, updates.reassert(snap.tab(), snap.header(), c, now));
        } else {
            lifecycle.lost(c, now, r.claimToken().isEmpty() ? "claim cleared by a person"
                    : "claimed by " + (r.claimedBy().isEmpty() ? "another agent" : r.claimedBy()));
        }
    }

    /** The outcome is known: write it through the tag, fenced by the token (G4), or see that it landed. */
    private void finishing(Claim c, Optional<WorkRow> tagged, TickRead read, TickPlan plan, Instant now) {
        Optional<WorkRow> row = locate(c, tagged, read, plan);
        if (row.isEmpty()) {
            return;
        }
        WorkRow r = row.get();
        TabSnapshot snap = read.of(c.kind);
        if (c.resultWasSent() && RowUpdates.alreadyApplied(c, r)) {
            lifecycle.recorded(c, now); // the write failed with an error, but it had been applied
            return;
        }
        boolean ours = r.claimToken().equals(c.token) && r.hasStatus(Status.IN_PROGRESS);
        if (ours || isLateClaimOverOurs(c, r)) {
            plan.result(c, updates.result(c, snap.tab(), snap.header(), r, now));
        } else {
            lifecycle.lost(c, now, "row changed before the result was written");
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The held row: through its tag, else (the tag is gone or sits on another row) by ID and token in the read, and
     * then tagged again. Empty when it cannot be found now (lost when the read covered the whole tab).
     */
    private Optional<WorkRow> locate(Claim c, Optional<WorkRow> tagged, TickRead read, TickPlan plan) {
        if (tagged.isPresent() && c.isTaskOf(tagged.get())) {
            return tagged;
        }
        TabSnapshot snap = read.of(c.kind);
        Optional<WorkRow> found = snap.find(c.id, c.token).filter(r -> r.claimToken().equals(c.token));
        if (found.isPresent()) {
            LOG.debug("the tag of {} {} is gone or on another row; tagging row {} again", c.kind.label(), c.id,
                    found.get().rowNumber());
            lifecycle.retag(c, found.get(), plan);
        } else if (snap.complete()) {
            lifecycle.lost(c, cfg.clock().instant(), "row deleted");
        } else {
            lifecycle.sweepSoon();
        }
        return Optional.empty();
    }

    private boolean carriesOurClaim(Claim c, Optional<WorkRow> row) {
        return row.isPresent() && c.isTaskOf(row.get()) && row.get().claimToken().equals(c.token)
                && row.get().claimedBy().equals(cfg.workerName()) && row.get().hasStatus(Status.IN_PROGRESS);
    }

    /**
     * True when {@code r} shows another claim that was decided before this agent won the row: a claim write that
     * was answered late and landed over ours. A newer claim (a person requeued the row and another agent took it, or
     * our lease expired and the row was taken over) has a ClaimedAt after our win.
     */
    private boolean isLateClaimOverOurs(Claim c, WorkRow r) {
        Optional<Instant> won = c.verifiedAt();
        Optional<Instant> theirs = r.time(Columns.CLAIMED_AT);
        if (won.isEmpty() || theirs.isEmpty() || !r.hasStatus(Status.IN_PROGRESS) || r.claimToken().isEmpty()) {
            return false;
        }
        if (r.get(Columns.CLAIMED_AT).equals(Timestamps.formatMillis(c.decidedAt()))) {
            return false; // cannot be ordered against ours: yield
        }
        return theirs.get().isBefore(won.get().minus(cfg.settleDelay().dividedBy(2)));
    }

    /**
     * The finished state the row reached after this claim chose it, if another agent completed or dead-lettered it
     * meanwhile (its result cells changed), or, for a stall takeover, if a late claim write had overwritten a
     * completion (DoneAt after ClaimedAt).
     */
    private Optional<Status> finishedMeanwhile(Claim c, WorkRow row) {
        WorkRow before = c.chosenFrom;
        if (c.isRecovery() && before.completedAfterClaim()) {
            return Optional.of(Status.DONE);
        }
        String doneAt = row.get(Columns.DONE_AT);
        if (!doneAt.isEmpty() && !doneAt.equals(before.get(Columns.DONE_AT))) {
            return Optional.of(Status.DONE);
        }
        boolean failedMeanwhile = !row.get(Columns.RETRY_COUNT).equals(before.get(Columns.RETRY_COUNT))
                || !row.get(Columns.LAST_ERROR).equals(before.get(Columns.LAST_ERROR));
        if (failedMeanwhile) {
            String deadTab = c.kind == TaskKind.VIDEO ? cfg.tabs().deadVideos() : cfg.tabs().deadSources();
            return Optional.of(knownIds.contains(deadTab, c.id) ? Status.ERROR : Status.PENDING);
        }
        return Optional.empty();
    }
}
