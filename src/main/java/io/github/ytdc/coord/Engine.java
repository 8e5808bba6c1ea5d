package io.github.ytdc.coord;

import io.github.ytdc.sheets.GuardedWrite;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.TabInfo;
import io.github.ytdc.sheets.TagWrite;
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
 * The coordination protocol over the spreadsheet, one {@link #tick()} at a time (see {@code PROTOCOL.md}). A tick is
 * one read (both work tabs: header plus a window past the finished prefix, or a sweep; and every row carrying one of
 * this agent's row tags, wherever it is now), then at most one {@code spreadsheets.batchUpdate} placing and removing
 * row tags and one {@code values.batchUpdateByDataFilter} carrying every claim, lease renewal and result through its
 * row's tag (plus the runtime's piggybacked writes), and an append only when dead-lettering.
 *
 * <p>Row tags are why no write of this agent can land on another task's row: a value write goes to the row that
 * carries the tag, wherever people sorted it, or nowhere if they deleted it. The only write addressed by row number
 * is the tag itself, which is invisible, and is checked before anything is written through it.
 *
 * <p>This class owns the claims, the tick's I/O and the hand-off to worker threads; the life of each claim is
 * {@link Claim} (the states) and {@link ClaimReview} (the transitions each read calls for); what to read is
 * {@link ReadPlanner}, what to claim {@link Candidates} and {@link StallDetector}, what to write {@link RowUpdates}
 * and {@link DeadLetterWriter}, who hears about it {@link EventLog}.
 *
 * <p>Ticks are serialised; {@link #complete} and {@link #pollClaim} may be called from any thread. Tests drive
 * {@code tick()} directly with a mutable clock (step-driven mode); {@link Coordinator} runs it on its own thread.
 */
final class Engine implements ClaimReview.Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The developer-metadata key of ytdc's row tags: one character, as the 30,000-character budget counts keys. */
    static final String TAG_KEY = "y";
    /** Shortest time between ticks on a backend that offers compare-and-set. */
    private static final Duration LOCAL_TICK_INTERVAL = Duration.ofMillis(20);
    /** Rows tagged ahead of need, at most (fewer at lower concurrency). */
    private static final int MAX_TAGGED_AHEAD = 16;
    /** Tag writes refused in a row (rows deleted since they were read) before the refusal counts as fatal. */
    private static final int TAG_REFUSALS_TOLERATED = 5;
    /** Ended claims' tags are removed with the next tag write, or on their own once this many wait. */
    private static final int UNTAG_BATCH = 500;

    private final CoordinatorConfig cfg;
    private final SpreadsheetPort port;
    private final String worker;
    private final CircuitBreaker breaker;
    private final CoordinatorListener listener;
    private final KnownIds knownIds;
    private final ReadPlanner reads;
    private final Candidates candidates;
    private final StallDetector stalls;
    private final RowUpdates updates;
    private final ClaimReview review;
    private final DeadLetterWriter deadLetters;
    private final EventLog events;
    private final Object tickLock = new Object();
    /** The backend decides claims by compare-and-set (local mode, the in-memory model): no settle delay to wait. */
    private final boolean compareAndSet;
    /** Shortest time between ticks: results are held this long so that several share one write. */
    private final Duration tickInterval;

    // Guarded by `this`.
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private final ArrayDeque<Claim> ready = new ArrayDeque<>();
    /** Tags of ended claims, removed by a later tick (never the tick that still writes through them). */
    private final List<Integer> untagQueue = new ArrayList<>();
    private boolean claiming = true;
    private boolean demandFromWaiters;
    private volatile Fleet fleet;
    private int waiting;
    /** Threads whose result is queued and who wait for its write; they usually come back for more at once. */
    private int awaitingWrite;
    private int running;
    private long ticksStarted;
    private long ticksCompleted;
    private long tickSeq;
    private boolean nothingAvailable;
    private boolean idle;
    private RuntimeException fatalError;
    private long done;
    private long failed;
    private boolean terminated;
    private Instant lastTickAt = Instant.MIN;
    private boolean sweepSoon;
    /** Tag writes refused in a row (engine thread only). */
    private int tagRefusals;

    // Used by the ticking thread only.
    private boolean schemaChecked;
    private final Map<String, Integer> sheetIds = new HashMap<>();
    private Instant lastSweep = Instant.MIN;
    private Instant lastHeartbeat = Instant.MIN;

    /** An engine claiming for every free slot on each tick (step-driven mode). */
    Engine(CoordinatorConfig cfg) {
        this(cfg, cfg.listener());
    }

    /** An engine telling {@code listener} (instead of the config's) about its events and piggybacking its I/O. */
    Engine(CoordinatorConfig cfg, CoordinatorListener listener) {
        this(cfg, cfg.journal() == null ? null : Journal.open(cfg.journal()), listener);
    }

    private Engine(CoordinatorConfig cfg, Journal journal, CoordinatorListener listener) {
        this.cfg = cfg;
        this.port = cfg.port();
        this.worker = cfg.workerName();
        this.fleet = Fleet.alone(worker);
        this.breaker = new CircuitBreaker(cfg.clock(), cfg.breakerCooldown(), cfg.maxBreakerCooldown());
        this.listener = listener;
        this.knownIds = new KnownIds(port, cfg.clock(), KnownIds.FULL_READ_EVERY);
        ResyncSchedule resync = new ResyncSchedule(cfg.resyncInterval());
        this.reads = new ReadPlanner(cfg, resync, listener);
        this.candidates = new Candidates(resync, cfg.random());
        this.stalls = new StallDetector(cfg.stallTimeout());
        this.updates = new RowUpdates(cfg);
        this.review = new ClaimReview(cfg, updates, candidates, stalls, knownIds, this);
        this.deadLetters = new DeadLetterWriter(port, knownIds);
        this.events = new EventLog(worker, journal, listener, cfg.retryPolicy().maxRetries() + 1);
        this.compareAndSet = port.supportsCompareAndSet();
        // why: without Google's quotas to spare, holding results to batch them only adds latency on one host.
        this.tickInterval = compareAndSet && cfg.minTickInterval().compareTo(LOCAL_TICK_INTERVAL) > 0
                ? LOCAL_TICK_INTERVAL : cfg.minTickInterval();
    }

    /** Row IDs of Video Tasks and the dead-letter tabs, shared with this agent's source expansions. */
    KnownIds knownIds() {
        return knownIds;
    }

    /** The live agents as the Workers tab shows them: which rows this agent prefers to pick (see Candidates). */
    void fleet(Fleet seen) {
        fleet = seen;
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
    void tick() {
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

    /**
     * Runs {@code request} between two ticks, never between a tick's read and its claim write: a request of the
     * runtime's own sent there would make the claim write answer late, and the claim wait a lease interval.
     */
    void betweenTicks(Runnable request) {
        synchronized (tickLock) {
            request.run();
        }
    }

    private void doTick() {
        awaitSlots();
        // why: taken once the read may go out at once. A claim counts as late when its write is answered more than a
        // settle delay after this instant; taken before a read that queued in the rate limiter, every paced claim
        // would look late and wait a lease interval on probation (PROTOCOL.md, rule 1).
        Instant now = cfg.clock().instant();
        synchronized (this) {
            tickSeq = ++ticksStarted;
        }
        ensureSchema();
        boolean sweep;
        List<Integer> tagIds = new ArrayList<>();
        synchronized (this) {
            sweep = sweepSoon || !now.isBefore(lastSweep.plus(cfg.sweepInterval()));
            sweepSoon = false;
            claims.values().forEach(c -> tagIds.add(c.tagId()));
        }
        reads.windowAtLeast(windowForFleet());
        TickRead read = reads.read(sweep, now, tagIds);
        if (sweep) {
            lastSweep = now;
        }
        TickPlan plan;
        synchronized (this) {
            if (!sweep && wantsWork() && !read.complete() && !hasCandidates(read, now)) {
                plan = null; // nothing claimable in the window: look past it
            } else {
                plan = decide(read, now);
            }
        }
        if (plan == null) {
            awaitSlots();
            now = cfg.clock().instant();
            read = reads.read(true, now, tagIds);
            lastSweep = now;
            synchronized (this) {
                plan = decide(read, now);
            }
        }
        write(plan, now);
    }

    private void ensureSchema() {
        if (!schemaChecked) {
            SheetInitializer.Report report = new SheetInitializer(port, cfg.tabs()).ensureColumns();
            reads.knowHeaders(report.headers());
            knownIds.knowHeaders(report.headers());
            if (report.changed()) {
                LOG.info("prepared the spreadsheet: {}", report);
            }
            // The schema check has just read the tabs (unless it created some): their ids come from that read.
            SpreadsheetInfo info = report.info() != null ? report.info() : port.getInfo();
            for (TabInfo t : info.tabs()) {
                sheetIds.put(t.title(), t.sheetId());
            }
            knownIds.workbookSeen(info, cfg.clock().instant());
            schemaChecked = true;
        }
    }

    private boolean hasCandidates(TickRead read, Instant now) {
        return !candidates.of(read.videos(), TaskKind.VIDEO, now, claims::containsKey).isEmpty()
                || (cfg.mediaPort() != null
                && !candidates.of(read.sources(), TaskKind.SOURCE, now, claims::containsKey).isEmpty());
    }

    private boolean wantsWork() {
        return demand() > 0 && !breaker.isOpen() && claiming;
    }

    // ---------------------------------------------------------------- decisions (under the lock, no I/O)

    private TickPlan decide(TickRead read, Instant now) {
        TickPlan plan = new TickPlan();

        // Only tags of claims that ended in earlier ticks: this tick may still write through the others.
        List<Integer> untags = List.copyOf(untagQueue);
        boolean heartbeatDue = !now.isBefore(lastHeartbeat.plus(cfg.heartbeat()));
        plan.claimSlots = claiming && !breaker.isOpen() ? demand() : 0;
        for (Claim c : List.copyOf(claims.values())) {
            review.review(c, read, plan, now, claiming, heartbeatDue);
        }
        plan.heartbeat = heartbeatDue;
        if (claiming) {
            planRecoveries(plan, read, now);
        }
        planClaims(plan, read, now);
        if (!plan.tags.isEmpty() || untags.size() >= UNTAG_BATCH) {
            untags.forEach(id -> plan.tags.add(new StructuralRequest.UntagRow(id)));
            plan.untagged.addAll(untags);
        }
        idle = read.complete() && claims.isEmpty() && !candidates.anyOpen(read.videos(), TaskKind.VIDEO, now)
                && !candidates.anyOpen(read.sources(), TaskKind.SOURCE, now);
        return plan;
    }

    /** Takes over stalled rows with ordinary claims; once won they go through the retry policy. */
    private void planRecoveries(TickPlan plan, TickRead read, Instant now) {
        Set<String> tokens = new HashSet<>();
        claims.values().forEach(c -> tokens.add(c.token));
        for (StallDetector.Stall s : stalls.find(read, tokens::contains, claims::containsKey, now)) {
            planClaim(plan, s.snap(), s.row(), s.kind(), s.why(), now);
        }
    }

    /**
     * Rows to read past the finished prefix: enough for every live agent to find a turnover of its slots and its rows
     * tagged ahead among the rows it prefers, twice over (rows in progress and finished rows share the window).
     */
    private int windowForFleet() {
        return 2 * fleet.size() * (turnover() + taggedAhead());
    }

    /** A whole turnover of slots: every claim in flight may end by the next tick and want a tagged row. */
    private int turnover() {
        return cfg.concurrency() + (compareAndSet ? 0 : cfg.claimAhead());
    }

    /** Rows to keep tagged ahead of need: none where a claim is decided by its own write. */
    private int taggedAhead() {
        return compareAndSet ? 0 : Math.min(2 * turnover(), MAX_TAGGED_AHEAD);
    }

    /**
     * Tags rows to claim: enough for the free slots, plus (against Sheets) a few ahead, so that a slot freed later is
     * claimed in the very tick its result is written instead of waiting a tick for its tag (claim ahead).
     */
    private void planClaims(TickPlan plan, TickRead read, Instant now) {
        int want = demand();
        if (!claiming || breaker.isOpen()) {
            return;
        }
        int buffered = (int) claims.values().stream()
                .filter(c -> c.state() == Claim.State.TAGGING && !c.isRecovery()).count();
        int turnover = turnover();
        int ahead = taggedAhead();
        // why: refill before the next tick could use the buffer up, with enough for a few ticks: one tag write
        // serves several claims, and a freed slot never waits a tick for its tag.
        if (want <= 0 && buffered >= Math.min(turnover, ahead)) {
            return;
        }
        int toTag = Math.max(0, want) + ahead - buffered;
        if (toTag <= 0) {
            return;
        }
        // Rows for free slots now may be any agent's; rows tagged ahead only this agent's own (see Candidates).
        int needed = Math.min(toTag, Math.max(0, want - buffered));
        List<WorkRow> chosen = candidates.pick(candidates.of(read.videos(), TaskKind.VIDEO, now, claims::containsKey),
                needed, toTag - needed, fleet);
        chosen.forEach(r -> planClaim(plan, read.videos(), r, TaskKind.VIDEO, null, now));
        if (chosen.isEmpty() && want > 0 && cfg.mediaPort() != null) {
            // One source per tick: expansion is long, and other agents should get the other sources.
            candidates.pick(candidates.of(read.sources(), TaskKind.SOURCE, now, claims::containsKey), 1, 0, fleet)
                    .forEach(r -> planClaim(plan, read.sources(), r, TaskKind.SOURCE, null, now));
        }
    }

    /**
     * How many more claims to write: free slots, or waiting threads not yet served. Rows tagged ahead (TAGGING) do not
     * hold a slot: they are candidates until a slot is free.
     */
    private int demand() {
        int active = 0;
        int verifying = 0;
        for (Claim c : claims.values()) {
            if (c.isRecovery() || c.state() == Claim.State.TAGGING) {
                continue;
            }
            if (c.state() != Claim.State.FINISHING) {
                active++;
            }
            if (c.state() == Claim.State.CLAIMING || c.state() == Claim.State.PROBATION) {
                verifying++;
            }
        }
        // why: claims won ahead wait in `ready` for the next free worker; where a claim is decided by its own write
        // there is no claim round to hide, so none are held ahead.
        int ahead = compareAndSet ? 0 : cfg.claimAhead();
        int free = cfg.concurrency() + ahead - active;
        if (!demandFromWaiters) {
            return free;
        }
        // A thread waiting for its result's write is counted: it usually asks again at once, and claiming for it in
        // that same write saves a tick per task. If it never asks, close() releases the claim (no retry counted).
        return Math.min(free, waiting + awaitingWrite + ahead - verifying - ready.size());
    }

    /** Chooses {@code r}: its tag goes out in this tick, its claim cells in the next (see {@link ClaimReview}). */
    private void planClaim(TickPlan plan, TabSnapshot snap, WorkRow r, TaskKind kind, String recoveryError,
                           Instant now) {
        String id = r.id().isEmpty() ? RowIds.fromUrl(r.url()) : r.id();
        Claim c = new Claim(kind, r, id, newToken(), newTagId(), recoveryError, now);
        plan.tags.add(tag(snap.tab(), r.rowNumber(), c.tagId()));
        claims.put(c.key(), c);
        if (compareAndSet && !(recoveryError != null && r.completedAfterClaim())) {
            // The backend applies one request at a time under a lock: the claim is decided by the write itself, on
            // condition that the row at that number is still the chosen task in the state it was read in.
            c.claimWritten(now);
            plan.guardedClaims.add(c);
            plan.guardedWrites.add(new GuardedWrite(snap.tab(), r.rowNumber(), expected(snap, r),
                    updates.claim(snap.tab(), snap.header(), c).cells()));
        }
    }

    /** The cells that identify {@code r} and its claim state, by column: what a compare-and-set claim expects. */
    private static Map<Integer, String> expected(TabSnapshot snap, WorkRow r) {
        Map<Integer, String> out = new HashMap<>();
        for (String column : List.of(Columns.ID, Columns.URL, Columns.STATUS, Columns.CLAIM_TOKEN)) {
            snap.header().column(column).ifPresent(i -> out.put(i, r.get(column)));
        }
        return out;
    }

    private StructuralRequest tag(String tab, int rowNumber, int tagId) {
        Integer sheetId = sheetIds.get(tab);
        if (sheetId == null) {
            throw new IllegalStateException("no tab named " + tab + " in the spreadsheet");
        }
        return new StructuralRequest.TagRow(sheetId, rowNumber - 1, tagId, TAG_KEY);
    }

    private String newToken() {
        return Long.toHexString(cfg.random().nextLong() | Long.MIN_VALUE);
    }

    private int newTagId() {
        return cfg.random().nextInt(1, Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- the claim's life, as the review reports it

    @Override
    public void won(Claim c, Instant at) {
        ready.add(c);
        events.claimEvent(TaskEvent.Type.CLAIMED, c, at, "");
        notifyAll();
    }

    @Override
    public void lost(Claim c, Instant at, String why) {
        boolean wasWon = c.verifiedAt().isPresent();
        end(c);
        if (!wasWon) {
            return;
        }
        events.claimEvent(TaskEvent.Type.LOST_CLAIM, c, at, why);
    }

    @Override
    public void dropped(Claim c) {
        end(c);
    }

    @Override
    public void restored(Claim c, Instant at) {
        end(c);
        events.claimEvent(TaskEvent.Type.RESTORED, c, at, "");
    }

    @Override
    public void recorded(Claim c, Instant at) {
        end(c);
        Outcome outcome = c.outcome();
        if (outcome instanceof Outcome.Done) {
            done++;
            events.claimEvent(TaskEvent.Type.DONE, c, at, "");
        } else if (outcome instanceof Outcome.Released r) {
            events.claimEvent(TaskEvent.Type.RELEASED, c, at, r.reason());
        } else if (outcome instanceof Outcome.Failed f) {
            if (!c.isRecovery() && !f.failureClass().notTheTasksFault()) {
                failed++;
            }
            RetryPolicy.Decision d = c.decision().orElse(null);
            TaskEvent.Type type = d instanceof RetryPolicy.Decision.Retry ? TaskEvent.Type.RETRY
                    : d instanceof RetryPolicy.Decision.DeadLetter ? TaskEvent.Type.DEAD_LETTER
                    : TaskEvent.Type.RELEASED;
            events.record(new TaskEvent(at, worker, type, c.kind, c.id, c.retryCountAtClaim() + 1, f.message(),
                    c.since(at)), c);
        }
    }

    @Override
    public void retag(Claim c, WorkRow row, TickPlan plan) {
        untagQueue.add(c.tagId());
        c.retagged(newTagId());
        plan.tags.add(tag(tabOf(c), row.rowNumber(), c.tagId()));
    }

    @Override
    public void sweepSoon() {
        sweepSoon = true;
    }

    private String tabOf(Claim c) {
        return c.kind == TaskKind.VIDEO ? cfg.tabs().videos() : cfg.tabs().sources();
    }

    /** Forgets {@code c} (its running count goes down exactly once) and queues its tag for removal. */
    private void end(Claim c) {
        if (c.end()) {
            running--;
        }
        claims.remove(c.key());
        ready.remove(c);
        untagQueue.add(c.tagId());
        notifyAll();
    }

    // ---------------------------------------------------------------- the write

    /**
     * Sends the tick's writes: dead-letter copies, then every claim, lease renewal and result through its row tag (the
     * claim writes first, so that their answer time, which decides whether a claim was late, includes no other
     * request), then compare-and-set claims and the tag changes.
     */
    private void write(TickPlan plan, Instant now) {
        boolean valuesSent = false;
        Set<Integer> matched;
        try {
            if (!plan.deadLetters.isEmpty()) {
                deadLetters.append(plan.deadLetters);
            }
            List<TagWrite> writes = new ArrayList<>();
            plan.rows.forEach((tagId, w) -> {
                if (!w.isEmpty()) {
                    writes.add(new TagWrite(tagId, w.toRowValues()));
                }
            });
            List<RangeWrite> extra = listener instanceof CompositeListener all
                    ? all.piggybackWrites(now, writes.isEmpty()) : listener.piggybackWrites(now);
            if (!writes.isEmpty() || !extra.isEmpty()) {
                valuesSent = true;
                matched = port.batchUpdateByDataFilter(extra, writes);
            } else {
                matched = Set.of();
            }
        } catch (RuntimeException e) {
            boolean attempted = valuesSent;
            synchronized (this) {
                // The write may have been applied even though it failed (a 5xx after the fact): claims stay where
                // they are and the next read tells what landed.
                Instant after = cfg.clock().instant();
                plan.claimWrites.forEach(c -> c.claimAnswered(after));
                if (attempted) {
                    plan.results.stream().filter(c -> c.state() == Claim.State.FINISHING).forEach(Claim::resultSent);
                }
                endTick(now, false);
            }
            throw e;
        }
        synchronized (this) {
            Instant after = cfg.clock().instant();
            plan.claimWrites.forEach(c -> c.claimAnswered(after));
            for (Claim c : plan.results) {
                if (c.state() != Claim.State.FINISHING) {
                    continue;
                }
                if (matched.contains(c.tagId())) {
                    recorded(c, now);
                } else {
                    LOG.debug("{} {}: its row was deleted before the result was written", c.kind.label(), c.id);
                    lost(c, now, "row deleted");
                }
            }
            if (plan.heartbeat) {
                lastHeartbeat = now;
            }
        }
        try {
            if (!plan.guardedWrites.isEmpty()) {
                List<Boolean> applied = port.compareAndSet(plan.guardedWrites);
                synchronized (this) {
                    Instant after = cfg.clock().instant();
                    for (int i = 0; i < applied.size(); i++) {
                        decideByCompareAndSet(plan.guardedClaims.get(i), applied.get(i), after);
                    }
                }
            }
            if (!plan.tags.isEmpty()) {
                sendTags(plan);
                synchronized (this) {
                    untagQueue.removeAll(plan.untagged);
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                // A tag that may or may not have been placed is checked by the next read; a guarded claim that may
                // have been applied is verified like any other claim, after the settle delay.
                Instant after = cfg.clock().instant();
                plan.guardedClaims.forEach(c -> c.claimAnswered(after));
                endTick(now, false);
            }
            throw e;
        }
        synchronized (this) {
            endTick(now, true);
        }
    }

    /**
     * Places and removes this tick's row tags. why: a tag goes to a row number from what the tick read (or, past the
     * window, from the last sweep); when rows were deleted since (archiving, a person), a number past the end of the
     * grid is refused with a 400, and the whole batch with it (Google applies a batch atomically). Nothing was placed
     * then, which is harmless: the claims behind those tags end at the next read, which finds no tag on their rows,
     * tags still to remove stay queued, and the next tick sweeps for fresh row numbers. A refusal that repeats for
     * {@link #TAG_REFUSALS_TOLERATED} ticks in a row is not that, and stops the agent as any other refusal does.
     */
    private void sendTags(TickPlan plan) {
        try {
            port.batchUpdate(plan.tags);
            tagRefusals = 0;
        } catch (SheetsException e) {
            boolean placesTags = plan.tags.stream().anyMatch(r -> r instanceof StructuralRequest.TagRow);
            if (e.reason() != SheetsException.Reason.INVALID_REQUEST || !placesTags
                    || ++tagRefusals > TAG_REFUSALS_TOLERATED) {
                throw e;
            }
            LOG.info("row tags refused, rows were probably deleted since they were read ({}); reading the whole tab "
                    + "again", e.getMessage());
            synchronized (this) {
                plan.untagged.clear(); // still queued: removed with a later tag write
                sweepSoon = true;
            }
        }
    }

    /** A compare-and-set claim is won or lost by its write alone: no settle delay, no read-back. */
    private void decideByCompareAndSet(Claim c, boolean applied, Instant at) {
        c.claimAnswered(at);
        if (!applied) {
            dropped(c);
            return;
        }
        c.win(c.chosenFrom, at);
        if (c.state() == Claim.State.HELD) {
            won(c, at);
        } else {
            // why: DEBUG, as the retry or dead-letter line that follows says why
            LOG.debug("took over stalled {} {}: {}", c.kind.label(), c.id, c.recoveryError);
        }
    }

    private void endTick(Instant now, boolean ok) {
        lastTickAt = now;
        if (ok) {
            boolean verifying = claims.values().stream().anyMatch(c -> !c.isRecovery()
                    && (c.state() == Claim.State.TAGGING || c.state() == Claim.State.CLAIMING
                    || c.state() == Claim.State.PROBATION));
            nothingAvailable = !verifying && ready.isEmpty();
            ticksCompleted = tickSeq;
        }
        notifyAll();
    }

    // ---------------------------------------------------------------- worker-facing API

    /** Takes a won claim, if one is ready (step-driven mode; {@link #awaitClaim} for threads). */
    synchronized Optional<Claim> pollClaim() {
        Claim c = ready.poll();
        if (c != null) {
            c.start();
            running++;
        }
        return Optional.ofNullable(c);
    }

    /**
     * Waits for a won claim. Returns {@code null} when a tick ran and found nothing to claim, or claiming stopped.
     * Throws when the spreadsheet cannot be used at all (not shared, no such spreadsheet).
     */
    synchronized Claim awaitClaim() throws InterruptedException {
        if (!claiming) {
            return null;
        }
        waiting++;
        if (lastTickAt.equals(Instant.MIN)) {
            // The first ask counts as a tick just run: slots started together get their claims in one write.
            lastTickAt = cfg.clock().instant();
        }
        notifyAll();
        try {
            long seen = ticksStarted;
            while (true) {
                if (breaker.isOpen()) {
                    // Nothing is claimable until the cooldown ends, and no tick is scheduled for claims meanwhile:
                    // answer now instead of waiting out the cooldown.
                    releaseReady("host blocked: claims paused"); // won after the breaker opened
                    return null;
                }
                Claim c = ready.poll();
                if (c != null) {
                    c.start();
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
    synchronized void complete(Claim c, Outcome outcome) {
        if (claims.get(c.key()) != c || c.state() != Claim.State.HELD) {
            // Lost meanwhile (already journaled, nothing to write), or released at shutdown after the grace period:
            // a result arriving after that must not race the release write.
            notifyAll();
            return;
        }
        Instant now = cfg.clock().instant();
        if (c.finish(outcome, now)) {
            running--;
        }
        ready.remove(c);
        if (outcome instanceof Outcome.Done) {
            events.claimEvent(TaskEvent.Type.PROCESSED, c, now, "");
            breaker.recordSuccess();
        } else if (outcome instanceof Outcome.Failed f && f.failureClass().notTheTasksFault()) {
            breaker.recordBlock(f.message());
            CircuitBreaker.State paused = breaker.state();
            LOG.warn("host {} ({}); pausing claims for {} (until {})",
                    f.failureClass() == FailureClass.HOST_FAULT ? "fault" : "blocked", f.message(),
                    Durations.format(paused.cooldown()), Timestamps.format(paused.openUntil()));
            // why: claims won ahead for waiting threads would otherwise be started while the breaker is open.
            releaseReady("host blocked: claims paused");
        }
        notifyAll();
    }

    /** Gives back claims won but not yet handed to a thread (back to pending, no retry counted). */
    private void releaseReady(String reason) {
        Instant now = cfg.clock().instant();
        for (Claim c : List.copyOf(ready)) {
            ready.remove(c);
            c.finish(new Outcome.Released(reason), now);
        }
    }

    /**
     * Waits until the result queued for {@code c} by {@link #complete} was written, or found fenced (the claim was
     * lost, so nothing was written), or the engine can no longer write it (stopped, or the spreadsheet is unusable).
     *
     * @return true when the result was written or the claim was lost; false when it may still be unwritten
     */
    synchronized boolean awaitRecorded(Claim c) throws InterruptedException {
        awaitingWrite++;
        notifyAll();
        try {
            while (claims.get(c.key()) == c) {
                if (terminated || fatalError != null) {
                    return false;
                }
                wait();
            }
            return true;
        } finally {
            awaitingWrite--;
        }
    }

    /** The engine stops ticking for good: wake whoever still waits for a write. */
    synchronized void terminate() {
        terminated = true;
        notifyAll();
    }

    /** Stops claiming (SIGTERM); held tasks keep their leases until they finish or are released. */
    synchronized void stopClaiming() {
        claiming = false;
        notifyAll();
    }

    /** Marks everything held for release (back to pending, no retry counted) and cancels running tasks. */
    synchronized void releaseAll(String reason) {
        claiming = false;
        Instant now = cfg.clock().instant();
        for (Claim c : List.copyOf(claims.values())) {
            if (c.state() != Claim.State.HELD) {
                continue; // a result is written as it is; claims not yet won are released when they would win
            }
            c.context.cancel();
            ready.remove(c);
            if (c.finish(new Outcome.Released(reason), now)) {
                running--;
            }
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

    /**
     * Waits until the next tick is due ({@link #nextTickDelay}) or something wakes the engine.
     *
     * @return false when a tick is due now (nothing was waited for)
     */
    synchronized boolean awaitTickDue() throws InterruptedException {
        // Computed and waited for under one hold of the monitor: a result or a waiting thread arriving in between
        // would otherwise notify nobody, and the engine would sleep until the next lease renewal.
        Duration d = nextTickDelay();
        if (d.isZero()) {
            return false;
        }
        awaitWake(d);
        return true;
    }

    /** Waits on the engine's monitor up to {@code d}, returning early when woken. */
    synchronized void awaitWake(Duration d) throws InterruptedException {
        // Round up: waking a fraction of a millisecond early would tick before a settle delay is over.
        long ms = (d.toNanos() + 999_999) / 1_000_000;
        if (ms > 0) {
            wait(ms);
        }
    }

    /**
     * How long until the next tick is worth running: the earliest of a tagged row to claim, a claim's settle deadline
     * or probation end, a pending result, a waiting thread, and the next lease renewal.
     */
    synchronized Duration nextTickDelay() {
        Instant now = cfg.clock().instant();
        Instant next = now.plus(cfg.sweepInterval());
        Instant soon = lastTickAt.plus(tickInterval);
        // Ticks that only write (a result, a claim for a tagged row) may wait for the next claim to settle: then one
        // read both verifies that claim and fences the results, and one write carries them (requests per task).
        Instant flexible = null;
        Instant settles = null;
        boolean holds = false;
        for (Claim c : claims.values()) {
            switch (c.state()) {
                case TAGGING -> {
                    if (claiming && demand() > 0) {
                        flexible = min(flexible, soon); // a free slot waits for this tagged row
                    }
                }
                case CLAIMING -> {
                    Instant settled = c.answeredAt().map(a -> a.plus(cfg.settleDelay())).orElse(soon);
                    settles = min(settles, settled);
                    next = min(next, settled);
                }
                case PROBATION -> next = min(next, c.probationEnds());
                case FINISHING -> {
                    // Hold a fresh result for one tick interval, so results that come in together share one write.
                    Instant queued = c.completedAt() == null || c.completedAt().isBefore(lastTickAt) ? lastTickAt
                            : c.completedAt();
                    flexible = min(flexible, queued.plus(tickInterval));
                }
                case HELD -> holds = true;
                case ENDED -> { }
            }
        }
        if (holds) {
            next = min(next, lastHeartbeat.plus(cfg.heartbeat()));
        }
        if (demandFromWaiters && waiting > 0 && claiming && demand() > 0 && !breaker.isOpen()) {
            long jitter = cfg.claimJitter().toMillis();
            flexible = min(flexible, soon.plusMillis(jitter == 0 ? 0 : cfg.random().nextLong(jitter + 1)));
        }
        if (flexible != null && (settles == null || settles.isAfter(flexible.plus(cfg.settleDelay())))) {
            next = min(next, flexible);
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Waits until the port could send a read and a write at once. why: a claim write decided from a read must go out
     * promptly; one that queued in the client's rate limiter (60 writes a minute per user, a few a minute for each
     * agent of a big fleet) after the read would be answered late and sent to probation. Waiting for both slots
     * before reading keeps the read-to-write gap to two requests' latency.
     */
    private void awaitSlots() {
        Duration read = port.readDelay();
        Duration write = port.writeDelay();
        Duration wait = read.compareTo(write) > 0 ? read : write;
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            cfg.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------- status

    /** What this agent holds now. */
    synchronized List<HeldTask> held() {
        return claims.values().stream().filter(c -> !c.isRecovery() && c.state() != Claim.State.TAGGING)
                .map(Claim::view).toList();
    }

    /** Tasks this agent marked done. */
    synchronized long doneCount() {
        return done;
    }

    /** Failed attempts recorded by this agent (retries and dead-letters; host blocks excluded). */
    synchronized long failedCount() {
        return failed;
    }

    /** The host-blocked circuit breaker. */
    CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /** True when the last read showed no pending (even backing off) or in-progress row and nothing is held. */
    synchronized boolean isIdle() {
        return idle && claims.isEmpty();
    }

    synchronized boolean holdsNothing() {
        return claims.isEmpty();
    }

    /** Tags of ended claims not yet removed from the sheet. */
    synchronized int tagsToRemove() {
        return untagQueue.size();
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

    void closeJournal() {
        events.close();
    }
}
