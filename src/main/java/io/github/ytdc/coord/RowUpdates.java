package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.Columns;
import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.coord.sheet.TabSnapshot;
import io.github.ytdc.coord.sheet.WorkRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The cells each protocol step writes to a work row, by header name: a claim, a lease renewal, and a task's result
 * (with the dead-letter copy a result may need). Decides nothing about whether to write; no I/O.
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

    /** The optimistic claim (G1): ours until another write replaces the token. Fills a URL-only row's ID. */
    RowWrite claim(TabSnapshot snap, WorkRow row, Claim c, Instant now) {
        RowWrite w = new RowWrite(snap.tab(), snap.header(), row.rowNumber())
                .set(Columns.STATUS, Status.IN_PROGRESS.label())
                .set(Columns.CLAIMED_BY, worker)
                .set(Columns.CLAIM_TOKEN, c.token)
                .set(Columns.CLAIMED_AT, Timestamps.format(now))
                .set(Columns.HEARTBEAT_AT, Timestamps.format(now));
        if (c.fillsBlankId) {
            w.set(Columns.ID, c.id);
        }
        return w;
    }

    /** Takes a misplaced claim off {@code row}: done again if it had been completed, else pending. */
    RowWrite undoClaim(TabSnapshot snap, WorkRow row) {
        Status was = row.get(Columns.DONE_AT).isEmpty() ? Status.PENDING : Status.DONE;
        return new RowWrite(snap.tab(), snap.header(), row.rowNumber())
                .set(Columns.STATUS, was.label())
                .set(Columns.CLAIMED_BY, "")
                .set(Columns.CLAIM_TOKEN, "")
                .set(Columns.CLAIMED_AT, "")
                .set(Columns.HEARTBEAT_AT, "");
    }

    /**
     * Rows of {@code now} that show {@code c}'s completion although they hold another task: where a done write landed
     * when rows moved before it was applied (same DoneAt and Output, another ID, none of {@code ourTokens}).
     */
    List<WorkRow> overwrittenByResult(Claim c, TabSnapshot now, Set<String> ourTokens) {
        if (!(c.outcome instanceof Outcome.Done d) || c.kind != TaskKind.VIDEO || c.resultWrittenAt == null) {
            return List.of();
        }
        String doneAt = Timestamps.format(c.resultWrittenAt);
        return now.rows().stream().filter(r -> !r.id().equals(c.id) && !ourTokens.contains(r.claimToken())
                && r.hasStatus(Status.DONE) && r.get(Columns.DONE_AT).equals(doneAt)
                && r.get(Columns.OUTPUT).equals(d.output())).toList();
    }

    /**
     * Status, DoneAt and Output of {@code victim} as {@code before} showed them, if that read had the row under the
     * same claim (token) it has now; else nothing can be put back safely (the row moved on since, or lay outside the
     * read, as finished rows do) and the row is left as it is. A claim put back gets a fresh lease: its agent may
     * have finished meanwhile, and needs its next reads (not a stall takeover) to write its result again.
     */
    Optional<RowWrite> restoreFrom(TabSnapshot before, TabSnapshot now, WorkRow victim, Instant at) {
        Optional<WorkRow> was = before == null ? Optional.empty() : before.find(victim.id(), victim.claimToken())
                .filter(r -> r.claimToken().equals(victim.claimToken()));
        return was.map(r -> {
            RowWrite w = new RowWrite(now.tab(), now.header(), victim.rowNumber())
                    .set(Columns.STATUS, r.get(Columns.STATUS))
                    .set(Columns.DONE_AT, r.get(Columns.DONE_AT))
                    .set(Columns.OUTPUT, r.get(Columns.OUTPUT));
            return r.hasStatus(Status.IN_PROGRESS) ? w.set(Columns.HEARTBEAT_AT, Timestamps.format(at)) : w;
        });
    }

    /** A lease renewal (G3). */
    RowWrite heartbeat(TabSnapshot snap, WorkRow row, Instant now) {
        return new RowWrite(snap.tab(), snap.header(), row.rowNumber())
                .set(Columns.HEARTBEAT_AT, Timestamps.format(now));
    }

    /**
     * The write recording {@code c}'s outcome on {@code row}. A failure's retry decision is taken once per claim and
     * kept on it, so a write that is retried after an error carries the same RetryCount and NotBefore.
     */
    Result result(Claim c, TabSnapshot snap, WorkRow row, Instant now) {
        RowWrite w = new RowWrite(snap.tab(), snap.header(), row.rowNumber());
        String deadLetterTab = null;
        Map<String, String> copy = null;
        if (c.outcome instanceof Outcome.Done d) {
            w.set(Columns.STATUS, Status.DONE.label());
            if (c.kind == TaskKind.VIDEO && !c.restoresDone) { // a restored completion keeps its DoneAt and Output
                w.set(Columns.DONE_AT, Timestamps.format(now)).set(Columns.OUTPUT, d.output());
            }
            d.fields().forEach(w::set);
        } else if (c.outcome instanceof Outcome.Released) {
            w.set(Columns.STATUS, Status.PENDING.label());
        } else if (c.outcome instanceof Outcome.Failed f) {
            if (c.decision == null) {
                c.decision = policy.decide(f.failureClass(), c.retryCountAtClaim, now, random);
            }
            w.set(Columns.LAST_ERROR, f.message());
            if (c.decision instanceof RetryPolicy.Decision.Retry r) {
                w.set(Columns.STATUS, Status.PENDING.label())
                        .set(Columns.RETRY_COUNT, Integer.toString(r.retryCount()))
                        .set(Columns.NOT_BEFORE, Timestamps.format(r.notBefore()));
            } else if (c.decision instanceof RetryPolicy.Decision.Release) {
                w.set(Columns.STATUS, Status.PENDING.label());
            } else if (c.decision instanceof RetryPolicy.Decision.DeadLetter d) {
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
     * True when {@code row} already shows {@code c}'s result: a write that failed with a 5xx had in fact been
     * applied, and the claim's token is still on the row.
     */
    static boolean alreadyApplied(Claim c, WorkRow row) {
        Status target = c.outcome instanceof Outcome.Done ? Status.DONE
                : c.decision instanceof RetryPolicy.Decision.DeadLetter ? Status.ERROR : Status.PENDING;
        return row.hasStatus(target);
    }
}
