package io.github.ytdc.coord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The cells each protocol step writes to a work row, by header name: a claim, a lease renewal, a task's result (with
 * the dead-letter copy a result may need), and a completion put back after a late claim. Every one of these is sent
 * through the claim's row tag, so it lands on the task's own row or nowhere. Decides nothing about whether to write;
 * no I/O.
 */
final class RowUpdates {
    private final String worker;
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final TabNames tabs;

    RowUpdates(CoordinatorConfig cfg) {
        this.worker = cfg.workerName();
        this.policy = cfg.retryPolicy();
        this.random = cfg.random();
        this.tabs = cfg.tabs();
    }

    /**
     * How a result is recorded.
     *
     * @param row            the write to the task's own row
     * @param deadLetterTab  the tab to append a copy to, or {@code null} when the result does not dead-letter
     * @param deadLetterCopy that copy, by header name
     */
    record Result(RowWrite row, String deadLetterTab, Map<String, String> deadLetterCopy) {}

    /**
     * The claim (G1): ours until another write replaces the token. ClaimedAt is the start of the read the claim was
     * decided from, which is what an owner compares to tell a late claim from a newer one. Fills a URL-only row's ID,
     * and clears a DoneAt the claimer saw.
     */
    RowWrite claim(String tab, Header header, Claim c) {
        RowWrite w = new RowWrite(tab, header, 0)
                .set(Columns.STATUS, Status.IN_PROGRESS.label())
                .set(Columns.CLAIMED_BY, worker)
                .set(Columns.CLAIM_TOKEN, c.token)
                .set(Columns.CLAIMED_AT, Timestamps.formatMillis(c.decidedAt()))
                .set(Columns.HEARTBEAT_AT, Timestamps.format(c.decidedAt()));
        if (c.fillsBlankId()) {
            w.set(Columns.ID, c.id);
        }
        if (!c.isRecovery() && !c.chosenFrom.get(Columns.DONE_AT).isEmpty()) {
            // why: the row was requeued or is retried; its old completion is void. A DoneAt on an in-progress row
            // then only ever comes from a completion this claim did not see (WorkRow#completedAfterClaim). A
            // takeover keeps it: on a stalled row it is that very evidence.
            w.set(Columns.DONE_AT, "");
        }
        return w;
    }

    /** The claim written again over a late claim write that landed on a row this agent had already won. */
    RowWrite reassert(String tab, Header header, Claim c, Instant now) {
        return claim(tab, header, c).set(Columns.HEARTBEAT_AT, Timestamps.format(now));
    }

    /** A lease renewal (G3). */
    RowWrite heartbeat(String tab, Header header, Instant now) {
        return new RowWrite(tab, header, 0).set(Columns.HEARTBEAT_AT, Timestamps.format(now));
    }

    /**
     * Puts back the finished state a late claim write of ours overwrote: the row was completed (or failed for good)
     * by another agent after we read it. Our claim cells are cleared; what the other agent wrote elsewhere stays.
     */
    RowWrite restoreFinished(String tab, Header header, Status was) {
        return new RowWrite(tab, header, 0)
                .set(Columns.STATUS, was.label())
                .set(Columns.CLAIM_TOKEN, "")
                .set(Columns.HEARTBEAT_AT, "");
    }

    /**
     * The write recording {@code c}'s outcome on {@code row}. It carries the claim's token and name, so the row shows
     * whose result it is even if a late claim write had replaced them. A failure's retry decision is taken once per
     * claim, so a re-sent write carries the same RetryCount and NotBefore.
     */
    Result result(Claim c, String tab, Header header, WorkRow row, Instant now) {
        RowWrite w = new RowWrite(tab, header, 0)
                .set(Columns.CLAIM_TOKEN, c.token)
                .set(Columns.CLAIMED_BY, worker);
        String deadLetterTab = null;
        Map<String, String> copy = null;
        Outcome outcome = c.outcome();
        if (outcome instanceof Outcome.Done d) {
            w.set(Columns.STATUS, Status.DONE.label());
            if (c.kind == TaskKind.VIDEO) {
                w.set(Columns.DONE_AT, Timestamps.format(now)).set(Columns.OUTPUT, d.output());
            }
            d.fields().forEach(w::set);
        } else if (outcome instanceof Outcome.Released) {
            w.set(Columns.STATUS, Status.PENDING.label());
        } else if (outcome instanceof Outcome.Failed f) {
            RetryPolicy.Decision decision = c.decide(policy, f.failureClass(), now, random);
            w.set(Columns.LAST_ERROR, f.message());
            if (decision instanceof RetryPolicy.Decision.Retry r) {
                w.set(Columns.STATUS, Status.PENDING.label())
                        .set(Columns.RETRY_COUNT, Integer.toString(r.retryCount()))
                        .set(Columns.NOT_BEFORE, Timestamps.format(r.notBefore()));
            } else if (decision instanceof RetryPolicy.Decision.Release) {
                w.set(Columns.STATUS, Status.PENDING.label());
            } else if (decision instanceof RetryPolicy.Decision.DeadLetter d) {
                w.set(Columns.STATUS, Status.ERROR.label()).set(Columns.RETRY_COUNT, Integer.toString(d.retryCount()));
                copy = new LinkedHashMap<>(row.fields());
                copy.put(Columns.ID, row.id().isEmpty() ? c.id : row.id());
                copy.put(Columns.STATUS, Status.ERROR.label());
                copy.put(Columns.RETRY_COUNT, Integer.toString(d.retryCount()));
                copy.put(Columns.LAST_ERROR, f.message());
                deadLetterTab = c.kind == TaskKind.VIDEO ? tabs.deadVideos() : tabs.deadSources();
            }
        }
        return new Result(w, deadLetterTab, copy);
    }

    /**
     * True when {@code row} already shows {@code c}'s result: a write that failed (a 5xx) had in fact been applied.
     * The token on the row says it is this claim's write.
     */
    static boolean alreadyApplied(Claim c, WorkRow row) {
        if (!row.claimToken().equals(c.token)) {
            return false;
        }
        Status target = c.outcome() instanceof Outcome.Done ? Status.DONE
                : c.decision().filter(d -> d instanceof RetryPolicy.Decision.DeadLetter).isPresent() ? Status.ERROR
                : Status.PENDING;
        return row.hasStatus(target);
    }
}
