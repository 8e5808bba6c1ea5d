package io.github.ytdc.coord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Which rows of a read this agent may claim now, and which of them to try. */
final class Candidates {
    private final ResyncSchedule resync;
    private final RandomGenerator random;

    Candidates(ResyncSchedule resync, RandomGenerator random) {
        this.resync = resync;
        this.random = random;
    }

    /**
     * Claimable rows in sheet order: pending (a blank Status counts) with no NotBefore in the future, or for sources
     * done and due for a re-sync. Rows without a URL, and rows {@code held} (by claim key), are skipped.
     */
    List<WorkRow> of(TabSnapshot snap, TaskKind kind, Instant now, Predicate<String> held) {
        List<WorkRow> out = new ArrayList<>();
        for (WorkRow r : snap.rows()) {
            String id = r.id().isEmpty() && !r.url().isEmpty() ? RowIds.fromUrl(r.url()) : r.id();
            if (r.url().isEmpty() || id.isEmpty() || held.test(Claim.key(kind, id))) {
                continue;
            }
            if (isClaimable(r, kind, now)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * True when {@code r} may be claimed now: pending (a blank Status counts) with no NotBefore in the future, or a
     * done source due for a re-sync; never a row without a URL.
     */
    boolean isClaimable(WorkRow r, TaskKind kind, Instant now) {
        Optional<Status> s = r.status();
        boolean open = !r.url().isEmpty() && s.isPresent() && (s.get() == Status.PENDING
                || (kind == TaskKind.SOURCE && s.get() == Status.DONE && resync.due(r, now)));
        return open && r.time(Columns.NOT_BEFORE).map(nb -> !now.isBefore(nb)).orElse(true);
    }

    /**
     * Picks {@code n} rows at random among the first few candidates, so agents do not all herd onto row one. The pool
     * grows with the fleet: tags are invisible to other agents, so sixty agents picking among the same dozen rows
     * would nearly all collide and lose a claim round each; among {@code 3 n} rows per live agent, few do.
     */
    List<WorkRow> pick(List<WorkRow> candidates, int n, int fleetSize) {
        long wanted = Math.max(8L, 3L * n * Math.max(1, fleetSize));
        List<WorkRow> pool = new ArrayList<>(candidates.subList(0, (int) Math.min(candidates.size(), wanted)));
        List<WorkRow> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    /** True when a row of {@code snap} is open work: pending (even backing off), in progress, or a due re-sync. */
    boolean anyOpen(TabSnapshot snap, TaskKind kind, Instant now) {
        for (WorkRow r : snap.rows()) {
            Optional<Status> s = r.status();
            if (r.url().isEmpty() || s.isEmpty()) {
                continue;
            }
            if (s.get() == Status.PENDING || s.get() == Status.IN_PROGRESS
                    || (kind == TaskKind.SOURCE && s.get() == Status.DONE && resync.due(r, now))) {
                return true;
            }
        }
        return false;
    }
}
