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
            String id = idOf(r);
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
     * Picks rows among the first few candidates: up to {@code needed + ahead} of those this agent prefers (see
     * {@link Fleet}), first come first, and, short of them, others' rows at random up to {@code needed} only. So
     * agents neither herd onto row one nor tag rows ahead of need that another agent is about to claim (a wasted tag
     * write and a lost claim round each). The pool grows with the fleet, to {@code 3 n} rows per live agent: about {@code 3 n} of them are this
     * agent's own. A dead agent's rows wait only until the live agents run short of their own.
     */
    List<WorkRow> pick(List<WorkRow> candidates, int needed, int ahead, Fleet fleet) {
        int n = needed + ahead;
        long wanted = Math.max(8L, 3L * n * fleet.size());
        List<WorkRow> own = new ArrayList<>();
        List<WorkRow> others = new ArrayList<>();
        for (WorkRow r : candidates.subList(0, (int) Math.min(candidates.size(), wanted))) {
            (fleet.prefers(idOf(r)) ? own : others).add(r);
        }
        // why: nobody else takes this agent's own rows first, so it takes them in sheet order (the finished prefix stays
        // compact and the read window keeps finding its rows); others' rows at random, to avoid their owners' picks.
        List<WorkRow> out = new ArrayList<>(own.subList(0, Math.min(n, own.size())));
        takeAtRandom(others, needed, out);
        return out;
    }

    private void takeAtRandom(List<WorkRow> pool, int n, List<WorkRow> out) {
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
    }

    /** The row's ID, or for a row a person added with only a URL, the ID ytdc will give it. */
    private static String idOf(WorkRow r) {
        return r.id().isEmpty() && !r.url().isEmpty() ? RowIds.fromUrl(r.url()) : r.id();
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
