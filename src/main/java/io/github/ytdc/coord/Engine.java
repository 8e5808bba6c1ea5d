package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.Columns;
import io.github.ytdc.coord.sheet.Header;
import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.SheetInitializer;
import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.coord.sheet.TabSnapshot;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordination protocol over the spreadsheet, one {@link #tick()} at a time. A tick is one
 * {@code values.batchGet} (both work tabs: header plus a window past the finished prefix, or the whole tab on a
 * sweep) and at most one {@code values.batchUpdate} carrying every completion, retry, lease renewal and new claim
 * (plus the runtime's piggybacked writes), and an append only when dead-lettering.
 *
 * <p>From that one read a tick verifies the claims it wrote at least a settle delay ago (won only if the row's ID,
 * ClaimToken and ClaimedBy are still ours: G1), checks the token of everything it holds before writing to it
 * (fencing, G4), finds rows by ID rather than by remembered row number (G5), and finds stalled leases (G3).
 *
 * <p>Ticks are serialised; {@link #complete} and {@link #pollClaim} may be called from any thread. Tests drive
 * {@code tick()} directly with a mutable clock (step-driven mode); {@link Coordinator} runs it on its own thread.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** Rows re-read above the finished prefix, so rows deleted above it cannot hide unfinished rows. */
    private static final int WINDOW_MARGIN = 20;
    /** Stalled rows taken over per tick, to bound one tick's write. */
    private static final int MAX_RECOVERIES_PER_TICK = 20;

    private final CoordinatorConfig cfg;
    private final SpreadsheetPort port;
    private final TabNames tabs;
    private final String worker;
    private final CircuitBreaker breaker;
    private final Journal journal;
    private final CoordinatorListener listener;
    private final KnownIds knownIds;
    private final Object tickLock = new Object();

    // Guarded by `this`.
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private final ArrayDeque<Claim> ready = new ArrayDeque<>();
    private boolean claiming = true;
    private boolean demandFromWaiters;
    private int waiting;
    private int running;
    private long ticksStarted;
    private long ticksCompleted;
    private long tickSeq;
    private boolean nothingAvailable;
    private boolean idle;
    private RuntimeException fatalError;
    private long done;
    private long failed;
    private Instant lastTickAt = Instant.MIN;

    // Used by the ticking thread only.
    private final Map<String, Header> headers = new HashMap<>();
    private final Map<String, Integer> firstUnfinished = new HashMap<>();
    private final Map<String, Integer> lastRow = new HashMap<>();
    private boolean schemaChecked;
    private Instant lastSweep = Instant.MIN;
    private Instant lastHeartbeat = Instant.MIN;

    /** An engine claiming for every free slot on each tick (step-driven mode). */
    public Engine(CoordinatorConfig cfg) {
        this(cfg, cfg.journal() == null ? null : Journal.open(cfg.journal()));
    }

    Engine(CoordinatorConfig cfg, Journal journal) {
        this.cfg = cfg;
        this.port = cfg.port();
        this.tabs = cfg.tabs();
        this.worker = cfg.workerName();
        this.breaker = new CircuitBreaker(cfg.clock(), cfg.breakerCooldown(), cfg.maxBreakerCooldown());
        this.journal = journal;
        this.listener = cfg.listener();
        this.knownIds = new KnownIds(port, cfg.clock(), KnownIds.FULL_READ_EVERY);
    }

    /** Row IDs of Video Tasks and the dead-letter tabs, shared with this agent's source expansions. */
    KnownIds knownIds() {
        return knownIds;
    }

    /** Claim only for threads waiting in {@link #awaitClaim}, instead of for every free slot. */
    synchronized void claimForWaitersOnly() {
        demandFromWaiters = true;
    }

    // ---------------------------------------------------------------- the tick

    /**
     * Runs one protocol step: read, decide, write. Throws the port's {@link SheetsException} when a request failed;
     * what was decided is kept and re-checked against the next read, so a failed (or failed-but-applied) write is
     * never lost nor doubled.
     */
    public void tick() {
        synchronized (tickLock) {
            try {
                doTick();
                synchronized (this) {
                    fatalError = null;
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (!(e instanceof SheetsException se && se.retryable())) {
                        fatalError = e;
                    }
                    notifyAll();
                }
                listener.onTickFailed(e);
                throw e;
            }
        }
    }

    private void doTick() {
        Instant now = cfg.clock().instant();
        synchronized (this) {
            tickSeq = ++ticksStarted;
        }
        ensureSchema();
        boolean sweep = !now.isBefore(lastSweep.plus(cfg.sweepInterval()));
        Reads reads = read(sweep, sweep, now);
        if (sweep) {
            lastSweep = now;
        }
        Plan plan;
        synchronized (this) {
            if (!sweep && (holdsRowsMissingFrom(reads) || (wantsWork() && !reads.complete() && !hasCandidates(reads, now)))) {
                // Cheap window missed something we need: find moved rows by ID, or look past the window for work.
                plan = null;
            } else {
                plan = decide(reads, now);
            }
        }
        if (plan == null) {
            reads = read(true, false, now);
            lastSweep = now;
            synchronized (this) {
                plan = decide(reads, now);
            }
        }
        write(plan, now);
    }

    private boolean hasCandidates(Reads reads, Instant now) {
        return !candidates(reads.videos, TaskKind.VIDEO, now).isEmpty()
                || (cfg.mediaPort() != null && !candidates(reads.sources, TaskKind.SOURCE, now).isEmpty());
    }

    private boolean wantsWork() {
        return demand() > 0 && !breaker.isOpen() && claiming;
    }

    // ---------------------------------------------------------------- schema and reads

    private void ensureSchema() {
        if (!schemaChecked) {
            SheetInitializer.Report report = new SheetInitializer(port, tabs).ensureColumns();
            headers.putAll(report.headers());
            if (report.changed()) {
                LOG.info("prepared the spreadsheet: {}", report);
            }
            schemaChecked = true;
        }
    }

    /** Header of a tab as last read (available after the first tick). */
    Header header(String tab) {
        return headers.get(tab);
    }

    private record Reads(TabSnapshot videos, TabSnapshot sources) {
        boolean complete() {
            return videos.complete() && sources.complete();
        }

        TabSnapshot of(TaskKind kind) {
            return kind == TaskKind.VIDEO ? videos : sources;
        }
    }

    private Reads read(boolean wholeVideos, boolean wholeSources, Instant now) {
        List<String> ranges = new ArrayList<>();
        int[] starts = new int[2];
        String[] work = {tabs.videos(), tabs.sources()};
        // Sources hold one row per channel or playlist: always read whole; Video Tasks are windowed.
        boolean[] whole = {wholeVideos, true};
        for (int i = 0; i < 2; i++) {
            ranges.add(A1.rows(work[i], 1, 1));
            if (whole[i]) {
                starts[i] = 1;
                ranges.add(A1.tab(work[i]));
            } else {
                starts[i] = windowStart(work[i]);
                ranges.add(A1.rows(work[i], starts[i], starts[i] + cfg.windowRows() - 1));
            }
        }
        List<String> extra = listener.piggybackReads(now);
        ranges.addAll(extra);
        List<CellRange> got = port.batchGet(ranges);
        if (!extra.isEmpty()) {
            listener.onPiggybackRead(got.subList(4, got.size()));
        }
        TabSnapshot[] snaps = new TabSnapshot[2];
        for (int i = 0; i < 2; i++) {
            snaps[i] = TabSnapshot.parse(work[i], got.get(2 * i), got.get(2 * i + 1), starts[i],
                    whole[i] ? 0 : cfg.windowRows());
            headers.put(work[i], snaps[i].header());
            remember(snaps[i]);
        }
        return new Reads(snaps[0], snaps[1]);
    }

    private int windowStart(String tab) {
        int first = firstUnfinished.getOrDefault(tab, 2);
        int last = lastRow.getOrDefault(tab, 1);
        // A read may not start past the grid: never start below the last data row seen.
        return Math.max(1, Math.min(Math.max(2, first - WINDOW_MARGIN), last));
    }

    private void remember(TabSnapshot snap) {
        int first = snap.lastRow() + 1;
        for (WorkRow r : snap.rows()) {
            if (!isFinished(r, snap)) {
                first = r.rowNumber();
                break;
            }
        }
        firstUnfinished.put(snap.tab(), Math.max(first, snap.firstRow()));
        if (snap.complete() || snap.lastRow() > lastRow.getOrDefault(snap.tab(), 1)) {
            lastRow.put(snap.tab(), snap.lastRow());
        }
    }

    private boolean isFinished(WorkRow r, TabSnapshot snap) {
        Optional<Status> s = r.status();
        if (s.isEmpty()) {
            return true;
        }
        if (snap.tab().equals(tabs.sources()) && s.get() == Status.DONE && resyncInterval(r).isPresent()) {
            return false;
        }
        return s.get().finished();
    }

    private boolean holdsRowsMissingFrom(Reads reads) {
        for (Claim c : claims.values()) {
            if (reads.of(c.kind).find(c.id, c.token).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- decisions (under the lock, no I/O)

    /** What one tick writes, and what to do once the write is confirmed. */
    private static final class Plan {
        final List<RowWrite> rows = new ArrayList<>();
        final List<Runnable> onWritten = new ArrayList<>();
        final List<Claim> newClaims = new ArrayList<>();
        final List<Claim> completions = new ArrayList<>();
        final Map<String, List<Map<String, String>>> deadLetters = new LinkedHashMap<>();
        boolean heartbeat;
    }

    private Plan decide(Reads reads, Instant now) {
        Plan plan = new Plan();
        boolean heartbeatDue = !now.isBefore(lastHeartbeat.plus(cfg.heartbeat()));
        for (Claim c : List.copyOf(claims.values())) {
            TabSnapshot snap = reads.of(c.kind);
            Optional<WorkRow> row = snap.find(c.id, c.token);
            boolean ours = row.isPresent() && row.get().claimToken().equals(c.token)
                    && row.get().claimedBy().equals(worker);
            boolean live = ours && row.get().hasStatus(Status.IN_PROGRESS);
            switch (c.phase) {
                case VERIFYING -> {
                    if (!live) {
                        LOG.debug("lost the race for {} {}", c.kind.label(), c.id);
                        drop(c);
                    } else if (!now.isBefore(c.writtenAt.plus(cfg.settleDelay()))) {
                        win(c, row.get(), now);
                        if (c.phase == Claim.Phase.FINISHING) {
                            planCompletion(plan, c, row.get(), snap, now);
                        }
                    }
                }
                case HELD -> {
                    if (!live) {
                        lose(c, now, row.isEmpty() ? "row is gone" : "row changed by another agent or a person");
                    } else if (heartbeatDue) {
                        plan.rows.add(new RowWrite(snap.tab(), snap.header(), row.get().rowNumber())
                                .set(Columns.HEARTBEAT_AT, Timestamps.format(now)));
                        plan.heartbeat = true;
                    }
                }
                case FINISHING -> {
                    if (live && !c.won) {
                        c.retryCountAtClaim = row.get().retryCount(); // released before its verification
                    }
                    if (live) {
                        planCompletion(plan, c, row.get(), snap, now);
                    } else if (ours && c.writeAttempted && alreadyApplied(c, row.get())) {
                        // A write that failed with a 5xx had in fact been applied.
                        finish(c, now);
                    } else {
                        lose(c, now, "row changed before the result was written");
                    }
                }
            }
        }
        if (heartbeatDue) {
            plan.heartbeat = true;
        }
        planRecoveries(plan, reads, now);
        planClaims(plan, reads, now);
        updateIdle(reads);
        return plan;
    }

    private void win(Claim c, WorkRow row, Instant now) {
        c.won = true;
        c.retryCountAtClaim = row.retryCount();
        if (c.isRecovery()) {
            LOG.info("took over stalled {} {}: {}", c.kind.label(), c.id, c.recoveryError);
            c.outcome = new Outcome.Failed(FailureClass.TRANSIENT, c.recoveryError);
            c.phase = Claim.Phase.FINISHING;
            return;
        }
        c.task = new Task(c.kind, c.id, row.url(), row.get(Columns.TITLE), row.get(Columns.SOURCE_ID),
                row.fields(), c.retryCountAtClaim + 1);
        c.phase = Claim.Phase.HELD;
        ready.add(c);
        event(TaskEvent.Type.CLAIMED, c, now, "");
        notifyAll();
    }

    private void drop(Claim c) {
        claims.remove(c.key());
        ready.remove(c);
    }

    private void lose(Claim c, Instant now, String why) {
        drop(c);
        if (!c.won) {
            return;
        }
        LOG.warn("lost the claim on {} {} ({}): its result will not be recorded", c.kind.label(), c.id, why);
        if (c.started) {
            running--;
        }
        c.context.cancel();
        event(TaskEvent.Type.LOST_CLAIM, c, now, why);
        notifyAll();
    }

    private boolean alreadyApplied(Claim c, WorkRow row) {
        Status target = c.outcome instanceof Outcome.Done ? Status.DONE
                : c.decision instanceof RetryPolicy.Decision.DeadLetter ? Status.ERROR : Status.PENDING;
        return row.hasStatus(target);
    }

    private void planCompletion(Plan plan, Claim c, WorkRow row, TabSnapshot snap, Instant now) {
        RowWrite w = new RowWrite(snap.tab(), snap.header(), row.rowNumber());
        if (c.outcome instanceof Outcome.Done d) {
            w.set(Columns.STATUS, Status.DONE.label());
            if (c.kind == TaskKind.VIDEO) {
                w.set(Columns.DONE_AT, Timestamps.format(now)).set(Columns.OUTPUT, d.output());
            }
            d.fields().forEach(w::set);
        } else if (c.outcome instanceof Outcome.Released) {
            w.set(Columns.STATUS, Status.PENDING.label());
        } else if (c.outcome instanceof Outcome.Failed f) {
            if (c.decision == null) {
                c.decision = cfg.retryPolicy().decide(f.failureClass(), c.retryCountAtClaim, now, cfg.random());
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
                Map<String, String> copy = new LinkedHashMap<>(row.fields());
                copy.put(Columns.ID, row.id().isEmpty() ? c.id : row.id());
                copy.put(Columns.STATUS, Status.ERROR.label());
                copy.put(Columns.RETRY_COUNT, Integer.toString(d.retryCount()));
                copy.put(Columns.LAST_ERROR, f.message());
                String dlTab = c.kind == TaskKind.VIDEO ? tabs.deadVideos() : tabs.deadSources();
                plan.deadLetters.computeIfAbsent(dlTab, t -> new ArrayList<>()).add(copy);
            }
        }
        plan.rows.add(w);
        plan.completions.add(c);
    }

    /** The completion of {@code c} is in the sheet: record it and forget the claim. */
    private void finish(Claim c, Instant now) {
        drop(c);
        int attempt = c.retryCountAtClaim + 1;
        if (c.outcome instanceof Outcome.Done) {
            done++;
            event(TaskEvent.Type.DONE, c, now, "");
        } else if (c.outcome instanceof Outcome.Released r) {
            event(TaskEvent.Type.RELEASED, c, now, r.reason());
        } else if (c.outcome instanceof Outcome.Failed f) {
            if (!c.isRecovery() && f.failureClass() != FailureClass.HOST_BLOCKED) {
                failed++;
            }
            TaskEvent.Type type = c.decision instanceof RetryPolicy.Decision.Retry ? TaskEvent.Type.RETRY
                    : c.decision instanceof RetryPolicy.Decision.DeadLetter ? TaskEvent.Type.DEAD_LETTER
                    : TaskEvent.Type.RELEASED;
            record(new TaskEvent(now, worker, type, c.kind, c.id, attempt, f.message()));
        }
        notifyAll();
    }

    private void planRecoveries(Plan plan, Reads reads, Instant now) {
        if (!claiming) {
            return;
        }
        Set<String> tokens = new HashSet<>();
        claims.values().forEach(c -> tokens.add(c.token));
        int budget = MAX_RECOVERIES_PER_TICK;
        for (TaskKind kind : TaskKind.values()) {
            TabSnapshot snap = reads.of(kind);
            for (WorkRow r : snap.rows()) {
                if (budget == 0) {
                    return;
                }
                if (!r.hasStatus(Status.IN_PROGRESS) || r.id().isEmpty() || tokens.contains(r.claimToken())
                        || claims.containsKey(Claim.key(kind, r.id()))) {
                    continue;
                }
                Optional<Instant> lease = r.leaseRenewedAt();
                if (lease.isPresent() && now.isBefore(lease.get().plus(cfg.stallTimeout()))) {
                    continue;
                }
                String why = "stalled: lease of " + (r.claimedBy().isEmpty() ? "unknown agent" : r.claimedBy())
                        + lease.map(l -> " last renewed " + Timestamps.format(l)).orElse(" never renewed")
                        + ", older than " + Durations.format(cfg.stallTimeout());
                planClaim(plan, snap, r, kind, why, now);
                budget--;
            }
        }
    }

    private void planClaims(Plan plan, Reads reads, Instant now) {
        int want = demand();
        if (want <= 0 || !claiming || breaker.isOpen()) {
            return;
        }
        List<WorkRow> videos = candidates(reads.videos, TaskKind.VIDEO, now);
        List<WorkRow> chosen = pick(videos, want);
        chosen.forEach(r -> planClaim(plan, reads.videos, r, TaskKind.VIDEO, null, now));
        if (chosen.isEmpty() && cfg.mediaPort() != null) {
            // One source per tick: expansion is long, and other agents should get the other sources.
            pick(candidates(reads.sources, TaskKind.SOURCE, now), 1)
                    .forEach(r -> planClaim(plan, reads.sources, r, TaskKind.SOURCE, null, now));
        }
    }

    /** How many more claims to write: free slots, or waiting threads not yet served. */
    private int demand() {
        int active = 0;
        int verifying = 0;
        for (Claim c : claims.values()) {
            if (c.isRecovery()) {
                continue;
            }
            if (c.phase != Claim.Phase.FINISHING) {
                active++;
            }
            if (c.phase == Claim.Phase.VERIFYING) {
                verifying++;
            }
        }
        int free = cfg.concurrency() - active;
        if (!demandFromWaiters) {
            return free;
        }
        return Math.min(free, waiting - verifying - ready.size());
    }

    private List<WorkRow> candidates(TabSnapshot snap, TaskKind kind, Instant now) {
        List<WorkRow> out = new ArrayList<>();
        for (WorkRow r : snap.rows()) {
            String id = r.id().isEmpty() && !r.url().isEmpty() ? RowIds.fromUrl(r.url()) : r.id();
            if (r.url().isEmpty() || id.isEmpty() || claims.containsKey(Claim.key(kind, id))) {
                continue;
            }
            Optional<Status> s = r.status();
            boolean claimable = s.isPresent() && (s.get() == Status.PENDING
                    || (kind == TaskKind.SOURCE && s.get() == Status.DONE && resyncDue(r, now)));
            if (claimable && r.time(Columns.NOT_BEFORE).map(nb -> !now.isBefore(nb)).orElse(true)) {
                out.add(r);
            }
        }
        return out;
    }

    private Optional<Duration> resyncInterval(WorkRow source) {
        String own = source.get(Columns.RESYNC);
        Duration d = cfg.resyncInterval();
        if (!own.isEmpty()) {
            try {
                d = Durations.parse(own);
            } catch (IllegalArgumentException e) {
                LOG.warn("source {}: ignoring Resync '{}': {}", source.id(), own, e.getMessage());
            }
        }
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    private boolean resyncDue(WorkRow source, Instant now) {
        Optional<Duration> every = resyncInterval(source);
        if (every.isEmpty()) {
            return false;
        }
        return source.time(Columns.EXPANDED_AT).map(at -> !now.isBefore(at.plus(every.get()))).orElse(true);
    }

    /** Picks {@code n} rows at random among the first few candidates, so agents do not all herd onto row one. */
    private List<WorkRow> pick(List<WorkRow> candidates, int n) {
        List<WorkRow> pool = new ArrayList<>(candidates.subList(0, Math.min(candidates.size(), Math.max(8, 3 * n))));
        List<WorkRow> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(cfg.random().nextInt(pool.size())));
        }
        return out;
    }

    private void planClaim(Plan plan, TabSnapshot snap, WorkRow r, TaskKind kind, String recoveryError, Instant now) {
        boolean blankId = r.id().isEmpty();
        String id = blankId ? RowIds.fromUrl(r.url()) : r.id();
        Claim c = new Claim(kind, id, newToken(), recoveryError, blankId);
        RowWrite w = new RowWrite(snap.tab(), snap.header(), r.rowNumber())
                .set(Columns.STATUS, Status.IN_PROGRESS.label())
                .set(Columns.CLAIMED_BY, worker)
                .set(Columns.CLAIM_TOKEN, c.token)
                .set(Columns.CLAIMED_AT, Timestamps.format(now))
                .set(Columns.HEARTBEAT_AT, Timestamps.format(now));
        if (blankId) {
            w.set(Columns.ID, id);
        }
        plan.rows.add(w);
        plan.newClaims.add(c);
        claims.put(c.key(), c);
    }

    private String newToken() {
        return Long.toHexString(cfg.random().nextLong() | Long.MIN_VALUE);
    }

    private void updateIdle(Reads reads) {
        boolean anyOpen = false;
        for (TaskKind kind : TaskKind.values()) {
            TabSnapshot snap = reads.of(kind);
            for (WorkRow r : snap.rows()) {
                Optional<Status> s = r.status();
                if (r.url().isEmpty() || s.isEmpty()) {
                    continue;
                }
                if (s.get() == Status.PENDING || s.get() == Status.IN_PROGRESS
                        || (kind == TaskKind.SOURCE && s.get() == Status.DONE && resyncDue(r, cfg.clock().instant()))) {
                    anyOpen = true;
                }
            }
        }
        idle = reads.complete() && !anyOpen && claims.isEmpty();
    }

    // ---------------------------------------------------------------- the write

    private void write(Plan plan, Instant now) {
        boolean wrote = false;
        try {
            if (!plan.deadLetters.isEmpty()) {
                appendDeadLetters(plan.deadLetters);
            }
            List<RangeWrite> writes = new ArrayList<>();
            plan.rows.stream().filter(w -> !w.isEmpty()).map(RowWrite::toRangeWrite).forEach(writes::add);
            List<RangeWrite> extra = listener.piggybackWrites(now);
            if (!writes.isEmpty() || !extra.isEmpty()) {
                writes.addAll(extra);
                wrote = true;
                port.batchUpdateValues(writes);
            }
        } catch (RuntimeException e) {
            boolean attempted = wrote;
            synchronized (this) {
                Instant after = cfg.clock().instant();
                // The write may have been applied even though it failed (a 5xx after the fact): keep every claim
                // as "verifying" and every completion pending; the next read tells what landed.
                plan.newClaims.forEach(c -> c.writtenAt = after);
                plan.completions.forEach(c -> c.writeAttempted = attempted || c.writeAttempted);
                endTick(now, false);
            }
            throw e;
        }
        synchronized (this) {
            Instant after = cfg.clock().instant();
            plan.newClaims.forEach(c -> c.writtenAt = after);
            plan.completions.forEach(c -> finish(c, now));
            if (plan.heartbeat) {
                lastHeartbeat = now;
            }
            endTick(now, true);
            if (!plan.newClaims.isEmpty()) {
                LOG.debug("wrote {} claims", plan.newClaims.size());
            }
        }
    }

    private void endTick(Instant now, boolean ok) {
        lastTickAt = now;
        if (ok) {
            boolean verifying = claims.values().stream()
                    .anyMatch(c -> c.phase == Claim.Phase.VERIFYING && !c.isRecovery());
            nothingAvailable = !verifying && ready.isEmpty();
            ticksCompleted = tickSeq;
        }
        notifyAll();
    }

    /** Appends dead-letter copies not already there (by ID), bringing the known dead-letter IDs up to date first. */
    private void appendDeadLetters(Map<String, List<Map<String, String>>> byTab) {
        List<String> tabsToRead = List.copyOf(byTab.keySet());
        Map<String, Header> dlHeaders = knownIds.refresh(tabsToRead);
        for (String tab : tabsToRead) {
            Header h = dlHeaders.get(tab);
            List<List<String>> rows = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Map<String, String> copy : byTab.get(tab)) {
                String id = copy.getOrDefault(Columns.ID, "");
                if (!knownIds.contains(tab, id) && ids.add(id)) {
                    rows.add(RowWrite.newRow(h, copy));
                }
            }
            if (!rows.isEmpty()) {
                port.append(A1.cell(tab, 0, 1), rows);
                knownIds.appended(tab, ids);
            }
        }
    }

    // ---------------------------------------------------------------- worker-facing API

    /** Takes a verified claim, if one is ready (step-driven mode; {@link #awaitClaim} for threads). */
    public synchronized Optional<Claim> pollClaim() {
        Claim c = ready.poll();
        if (c != null) {
            c.started = true;
            running++;
        }
        return Optional.ofNullable(c);
    }

    /**
     * Waits for a verified claim. Returns {@code null} when a tick ran and found nothing to claim, or claiming
     * stopped. Throws when the spreadsheet cannot be used at all (not shared, no such spreadsheet).
     */
    synchronized Claim awaitClaim() throws InterruptedException {
        if (!claiming) {
            return null;
        }
        waiting++;
        notifyAll();
        try {
            long seen = ticksStarted;
            while (true) {
                Claim c = ready.poll();
                if (c != null) {
                    c.started = true;
                    running++;
                    return c;
                }
                if (!claiming) {
                    return null;
                }
                if (fatalError != null) {
                    throw fatalError;
                }
                if (ticksCompleted > seen && (nothingAvailable || breaker.isOpen())) {
                    return null;
                }
                wait();
            }
        } finally {
            waiting--;
        }
    }

    /** Records how a claimed task ended; written (token re-checked) on the next tick. */
    public synchronized void complete(Claim c, Outcome outcome) {
        if (c.started) {
            c.started = false;
            running--;
        }
        if (!claims.containsKey(c.key()) || claims.get(c.key()) != c) {
            return; // lost meanwhile: already journaled, nothing to write
        }
        if (c.outcome instanceof Outcome.Released) {
            // Released at shutdown after the grace period and told to stop: a result arriving after that must not
            // race the release write, so the row goes back to pending whichever thread gets here first.
            notifyAll();
            return;
        }
        c.outcome = outcome;
        c.phase = Claim.Phase.FINISHING;
        ready.remove(c);
        if (outcome instanceof Outcome.Done) {
            event(TaskEvent.Type.PROCESSED, c, cfg.clock().instant(), "");
            breaker.recordSuccess();
        } else if (outcome instanceof Outcome.Failed f && f.failureClass() == FailureClass.HOST_BLOCKED) {
            breaker.recordBlock(f.message());
            LOG.warn("host blocked ({}); pausing claims until {}", f.message(), breaker.state().openUntil());
        }
        notifyAll();
    }

    /** Stops claiming (SIGTERM); held tasks keep their leases until they finish or are released. */
    public synchronized void stopClaiming() {
        claiming = false;
        notifyAll();
    }

    /** Marks everything held for release (back to pending, no retry counted) and cancels running tasks. */
    synchronized void releaseAll(String reason) {
        claiming = false;
        ready.clear();
        for (Claim c : List.copyOf(claims.values())) {
            if (c.phase == Claim.Phase.FINISHING) {
                continue; // its result is known: write that, not a release
            }
            if (c.isRecovery()) {
                // A stalled row stays on the retry path even when we stop.
                c.outcome = new Outcome.Failed(FailureClass.TRANSIENT, c.recoveryError);
                c.phase = Claim.Phase.FINISHING;
                continue;
            }
            c.context.cancel();
            if (c.started) {
                c.started = false;
                running--;
            }
            c.outcome = new Outcome.Released(reason);
            c.decision = null;
            c.phase = Claim.Phase.FINISHING;
        }
        notifyAll();
    }

    /** Waits until no task is running or {@code deadline} passes; true if none runs. */
    synchronized boolean awaitNoneRunning(Instant deadline) throws InterruptedException {
        while (running > 0) {
            long ms = Duration.between(cfg.clock().instant(), deadline).toMillis();
            if (ms <= 0) {
                return false;
            }
            wait(ms);
        }
        return true;
    }

    /** Wakes the engine thread (or a waiter) early. */
    synchronized void wake() {
        notifyAll();
    }

    /** Waits on the engine's monitor up to {@code d}, returning early when woken. */
    synchronized void awaitWake(Duration d) throws InterruptedException {
        long ms = d.toMillis();
        if (ms > 0) {
            wait(ms);
        }
    }

    /**
     * How long until the next tick is worth running: the earliest of a claim's settle deadline, a pending result, a
     * waiting thread, and the next lease renewal.
     */
    public synchronized Duration nextTickDelay() {
        Instant now = cfg.clock().instant();
        Instant next = now.plus(cfg.sweepInterval());
        boolean holds = false;
        for (Claim c : claims.values()) {
            if (c.phase == Claim.Phase.VERIFYING && c.writtenAt != null) {
                next = min(next, c.writtenAt.plus(cfg.settleDelay()));
            } else if (c.phase == Claim.Phase.FINISHING) {
                next = min(next, lastTickAt.plus(cfg.minTickInterval()));
            }
            holds |= c.phase == Claim.Phase.HELD;
        }
        if (holds) {
            next = min(next, lastHeartbeat.plus(cfg.heartbeat()));
        }
        if (demandFromWaiters && waiting > 0 && claiming && demand() > 0 && !breaker.isOpen()) {
            long jitter = cfg.claimJitter().toMillis();
            Instant soon = lastTickAt.plus(cfg.minTickInterval())
                    .plusMillis(jitter == 0 ? 0 : cfg.random().nextLong(jitter + 1));
            next = min(next, soon);
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------- status

    /** What this agent holds now. */
    public synchronized List<HeldTask> held() {
        return claims.values().stream().filter(c -> !c.isRecovery()).map(Claim::view).toList();
    }

    public synchronized long doneCount() {
        return done;
    }

    /** Failed attempts recorded by this agent (retries and dead-letters; host blocks excluded). */
    public synchronized long failedCount() {
        return failed;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /** True when the last read showed no pending (even backing off) or in-progress row and nothing is held. */
    public synchronized boolean isIdle() {
        return idle && claims.isEmpty();
    }

    synchronized boolean holdsNothing() {
        return claims.isEmpty();
    }

    synchronized int running() {
        return running;
    }

    synchronized boolean isClaiming() {
        return claiming;
    }

    CoordinatorConfig config() {
        return cfg;
    }

    private void event(TaskEvent.Type type, Claim c, Instant at, String error) {
        int attempt = type == TaskEvent.Type.LOST_CLAIM || type == TaskEvent.Type.CLAIMED
                || type == TaskEvent.Type.PROCESSED || type == TaskEvent.Type.DONE ? c.retryCountAtClaim + 1 : 0;
        record(new TaskEvent(at, worker, type, c.kind, c.id, attempt, error));
    }

    private void record(TaskEvent e) {
        LOG.info("{} {} {}{}", e.type().label(), e.kind().label(), e.id(), e.error().isEmpty() ? "" : ": " + e.error());
        if (journal != null) {
            try {
                journal.record(e);
            } catch (RuntimeException ioFailure) {
                LOG.error("journal: {}", ioFailure.getMessage());
            }
        }
        try {
            listener.onTaskEvent(e);
        } catch (RuntimeException listenerBug) {
            LOG.warn("listener failed on {}: {}", e.type().label(), listenerBug.toString());
        }
    }

    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    /** For expansion: the tab names and the headers last read. */
    TabNames tabs() {
        return tabs;
    }

    Map<String, Header> headersSnapshot() {
        synchronized (tickLock) {
            return Map.copyOf(headers);
        }
    }
}
