package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.Columns;
import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.SheetInitializer;
import io.github.ytdc.coord.sheet.TabSnapshot;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>This class owns the life of each {@link Claim} and the hand-off to worker threads; what to read
 * ({@link ReadPlanner}), what to claim ({@link Candidates}, {@link StallDetector}), what to write
 * ({@link RowUpdates}, {@link DeadLetterWriter}) and who hears about it ({@link EventLog}) live in their own classes.
 *
 * <p>Ticks are serialised; {@link #complete} and {@link #pollClaim} may be called from any thread. Tests drive
 * {@code tick()} directly with a mutable clock (step-driven mode); {@link Coordinator} runs it on its own thread.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

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
    private final DeadLetterWriter deadLetters;
    private final EventLog events;
    private final Object tickLock = new Object();

    // Guarded by `this`.
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    /** Claims whose result was written recently: the next reads confirm it landed on their row (G5). */
    private final List<Claim> unconfirmed = new ArrayList<>();
    private final ArrayDeque<Claim> ready = new ArrayDeque<>();
    private boolean claiming = true;
    private boolean demandFromWaiters;
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

    // Used by the ticking thread only.
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
        this.worker = cfg.workerName();
        this.breaker = new CircuitBreaker(cfg.clock(), cfg.breakerCooldown(), cfg.maxBreakerCooldown());
        this.listener = cfg.listener();
        this.knownIds = new KnownIds(port, cfg.clock(), KnownIds.FULL_READ_EVERY);
        ResyncSchedule resync = new ResyncSchedule(cfg.resyncInterval());
        this.reads = new ReadPlanner(cfg, resync);
        this.candidates = new Candidates(resync, cfg.random());
        this.stalls = new StallDetector(cfg.stallTimeout());
        this.updates = new RowUpdates(cfg);
        this.deadLetters = new DeadLetterWriter(port, knownIds);
        this.events = new EventLog(worker, journal, listener);
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
        awaitWriteSlot();
        Instant now = cfg.clock().instant();
        synchronized (this) {
            tickSeq = ++ticksStarted;
        }
        ensureSchema();
        boolean sweep = !now.isBefore(lastSweep.plus(cfg.sweepInterval()));
        List<Integer> heldRows = new ArrayList<>();
        Set<String> heldIds = new HashSet<>();
        synchronized (this) {
            for (Claim c : claims.values()) {
                if (c.kind == TaskKind.VIDEO) {
                    heldRows.add(c.row);
                    heldIds.add(c.id);
                }
            }
            for (Claim c : unconfirmed) {
                if (c.kind == TaskKind.VIDEO && !c.confirmedOnce) {
                    heldRows.add(c.row); // read in full once; later checks use whatever the reads cover
                }
            }
        }
        TickRead read = reads.read(sweep, now, heldRows, Set.of());
        if (sweep) {
            lastSweep = now;
        }
        TickPlan plan;
        boolean moved;
        synchronized (this) {
            moved = holdsRowsMissingFrom(read);
            if (moved || (!sweep && wantsWork() && !read.complete() && !hasCandidates(read, now))) {
                // The read missed something we need: find moved rows by ID, or look past the window for work.
                plan = null;
            } else {
                plan = decide(read, now);
            }
        }
        if (plan == null) {
            read = reads.read(true, now, heldRows, moved ? heldIds : Set.of());
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
            if (report.changed()) {
                LOG.info("prepared the spreadsheet: {}", report);
            }
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

    private boolean holdsRowsMissingFrom(TickRead read) {
        for (Claim c : claims.values()) {
            if (read.of(c.kind).find(c.id, c.token).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- decisions (under the lock, no I/O)

    private TickPlan decide(TickRead read, Instant now) {
        TickPlan plan = new TickPlan();
        confirmResults(plan, read, now);
        boolean heartbeatDue = !now.isBefore(lastHeartbeat.plus(cfg.heartbeat()));
        for (Claim c : List.copyOf(claims.values())) {
            TabSnapshot snap = read.of(c.kind);
            Optional<WorkRow> row = snap.find(c.id, c.token);
            row.ifPresent(r -> c.row = r.rowNumber());
            boolean ours = row.isPresent() && row.get().claimToken().equals(c.token)
                    && row.get().claimedBy().equals(worker);
            boolean live = ours && row.get().hasStatus(Status.IN_PROGRESS);
            switch (c.phase) {
                case VERIFYING -> {
                    if (!live) {
                        LOG.debug("lost the race for {} {}", c.kind.label(), c.id);
                        undoMisplacedClaim(plan, snap, c);
                        drop(c);
                    } else if (!now.isBefore(c.writtenAt.plus(cfg.settleDelay()))) {
                        // Our claim landed after someone completed the row (held up past the settle delay).
                        c.restoresDone |= row.get().completedAfterClaim();
                        win(c, row.get(), now);
                        if (c.phase == Claim.Phase.FINISHING) {
                            plan.result(c, updates.result(c, snap, row.get(), now), snap, now);
                        }
                    }
                }
                case HELD -> {
                    if (!live) {
                        lose(c, now, row.isEmpty() ? "row is gone" : "row changed by another agent or a person");
                    } else if (heartbeatDue) {
                        plan.rows.add(updates.heartbeat(snap, row.get(), now));
                    }
                }
                case FINISHING -> {
                    if (live && !c.won) {
                        c.retryCountAtClaim = row.get().retryCount(); // released before its verification
                    }
                    if (live) {
                        plan.result(c, updates.result(c, snap, row.get(), now), snap, now);
                    } else if (ours && c.writeAttempted && RowUpdates.alreadyApplied(c, row.get())) {
                        finish(c, now);
                    } else {
                        lose(c, now, "row changed before the result was written");
                    }
                }
            }
        }
        plan.heartbeat = heartbeatDue;
        if (claiming) {
            planRecoveries(plan, read, now);
        }
        planClaims(plan, read, now);
        idle = read.complete() && claims.isEmpty() && !candidates.anyOpen(read.videos(), TaskKind.VIDEO, now)
                && !candidates.anyOpen(read.sources(), TaskKind.SOURCE, now);
        return plan;
    }

    /**
     * A result write goes to the row number of the tick's read; if a person sorted or moved rows before it was
     * applied, it landed on another row and the claim's row still shows the claim. Write it once more where the row
     * is now, rather than leave the row to stall and the task to run a second time. Results stay under watch until a
     * sweep has surely seen their row after the stall timeout: another agent undoing a misplaced write may put this
     * row back to the claim after this agent's first check, and no one else can tell that the task was done.
     */
    private void confirmResults(TickPlan plan, TickRead read, Instant now) {
        // Rows carrying any of this agent's tokens hold its own results of the same batch: never someone's victim.
        Set<String> ours = new HashSet<>();
        unconfirmed.forEach(c -> ours.add(c.token));
        claims.values().forEach(c -> ours.add(c.token));
        for (Claim c : unconfirmed) {
            TabSnapshot snap = read.of(c.kind);
            Optional<WorkRow> row = snap.find(c.id, c.token);
            if (row.isPresent() && row.get().claimToken().equals(c.token) && row.get().claimedBy().equals(worker)
                    && row.get().hasStatus(Status.IN_PROGRESS) && !claims.containsKey(c.key())) {
                LOG.warn("the result for {} {} landed on another row (rows moved while it was written): writing it "
                        + "again on row {}", c.kind.label(), c.id, row.get().rowNumber());
                plan.rows.add(updates.result(c, snap, row.get(), now).row());
                for (WorkRow victim : updates.overwrittenByResult(c, snap, ours)) {
                    Optional<RowWrite> restore = updates.restoreFrom(c.resultReadFrom, snap, victim, now);
                    LOG.warn("the result for {} was written on the row of {}: {}", c.id, victim.id(),
                            restore.isPresent() ? "putting it back" : "its earlier state is unknown, left as it is");
                    restore.ifPresent(plan.rows::add);
                }
            }
            c.confirmedOnce = true;
            c.resultReadFrom = null; // a whole read per tick: not kept in memory for the watch
        }
        Instant horizon = now.minus(cfg.stallTimeout().plus(cfg.sweepInterval()));
        unconfirmed.removeIf(c -> c.resultWrittenAt == null || c.resultWrittenAt.isBefore(horizon));
    }

    /**
     * A claim write goes to the row number of the tick's read; if a person sorted or inserted rows before it was
     * applied, it landed on another task's row, which now shows this agent's token. Put that row back (done if it had
     * been completed, else pending) so it neither stalls nor runs again.
     */
    private void undoMisplacedClaim(TickPlan plan, TabSnapshot snap, Claim c) {
        for (WorkRow r : snap.rows()) {
            if (r.claimToken().equals(c.token) && !r.id().equals(c.id) && r.hasStatus(Status.IN_PROGRESS)) {
                LOG.warn("the claim on {} {} landed on the row of {} (rows moved while it was written): undoing it",
                        c.kind.label(), c.id, r.id());
                plan.rows.add(updates.undoClaim(snap, r));
            }
        }
    }

    private void win(Claim c, WorkRow row, Instant now) {
        c.won = true;
        c.retryCountAtClaim = row.retryCount();
        if (c.restoresDone) {
            LOG.warn("{} {} was done before a late claim write overwrote it: putting done back, not running it again",
                    c.kind.label(), c.id);
            c.outcome = new Outcome.Done(row.get(Columns.OUTPUT), Map.of());
            c.phase = Claim.Phase.FINISHING;
            return;
        }
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
        events.claimEvent(TaskEvent.Type.CLAIMED, c, now, "");
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
        events.claimEvent(TaskEvent.Type.LOST_CLAIM, c, now, why);
        notifyAll();
    }

    /** The completion of {@code c} is in the sheet: record it and forget the claim. */
    private void finish(Claim c, Instant now) {
        drop(c);
        if (c.restoresDone) {
            events.claimEvent(TaskEvent.Type.RESTORED, c, now, "");
        } else if (c.outcome instanceof Outcome.Done) {
            done++;
            events.claimEvent(TaskEvent.Type.DONE, c, now, "");
        } else if (c.outcome instanceof Outcome.Released r) {
            events.claimEvent(TaskEvent.Type.RELEASED, c, now, r.reason());
        } else if (c.outcome instanceof Outcome.Failed f) {
            if (!c.isRecovery() && !f.failureClass().notTheTasksFault()) {
                failed++;
            }
            TaskEvent.Type type = c.decision instanceof RetryPolicy.Decision.Retry ? TaskEvent.Type.RETRY
                    : c.decision instanceof RetryPolicy.Decision.DeadLetter ? TaskEvent.Type.DEAD_LETTER
                    : TaskEvent.Type.RELEASED;
            events.record(new TaskEvent(now, worker, type, c.kind, c.id, c.retryCountAtClaim + 1, f.message(),
                    c.since(now)));
        }
        notifyAll();
    }

    /** Takes over stalled rows with ordinary claims; once verified they go through the retry policy (see win). */
    private void planRecoveries(TickPlan plan, TickRead read, Instant now) {
        Set<String> tokens = new HashSet<>();
        claims.values().forEach(c -> tokens.add(c.token));
        unconfirmed.forEach(c -> tokens.add(c.token)); // a result under watch is rewritten, not retried
        for (StallDetector.Stall s : stalls.find(read, tokens::contains, claims::containsKey, now)) {
            planClaim(plan, s.snap(), s.row(), s.kind(), s.why(), now).restoresDone = s.completed();
        }
    }

    private void planClaims(TickPlan plan, TickRead read, Instant now) {
        int want = demand();
        if (want <= 0 || !claiming || breaker.isOpen()) {
            return;
        }
        List<WorkRow> chosen = candidates.pick(candidates.of(read.videos(), TaskKind.VIDEO, now, claims::containsKey),
                want);
        chosen.forEach(r -> planClaim(plan, read.videos(), r, TaskKind.VIDEO, null, now));
        if (chosen.isEmpty() && cfg.mediaPort() != null) {
            // One source per tick: expansion is long, and other agents should get the other sources.
            candidates.pick(candidates.of(read.sources(), TaskKind.SOURCE, now, claims::containsKey), 1)
                    .forEach(r -> planClaim(plan, read.sources(), r, TaskKind.SOURCE, null, now));
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
        // A thread waiting for its result's write is counted: it usually asks again at once, and claiming for it in
        // that same write saves a tick per task. If it never asks, close() releases the claim (no retry counted).
        return Math.min(free, waiting + awaitingWrite - verifying - ready.size());
    }

    private Claim planClaim(TickPlan plan, TabSnapshot snap, WorkRow r, TaskKind kind, String recoveryError,
                            Instant now) {
        boolean blankId = r.id().isEmpty();
        String id = blankId ? RowIds.fromUrl(r.url()) : r.id();
        Claim c = new Claim(kind, id, newToken(), recoveryError, blankId, now);
        c.row = r.rowNumber();
        plan.rows.add(updates.claim(snap, r, c, now));
        plan.newClaims.add(c);
        claims.put(c.key(), c);
        return c;
    }

    private String newToken() {
        return Long.toHexString(cfg.random().nextLong() | Long.MIN_VALUE);
    }

    // ---------------------------------------------------------------- the write

    private void write(TickPlan plan, Instant now) {
        boolean wrote = false;
        try {
            if (!plan.deadLetters.isEmpty()) {
                deadLetters.append(plan.deadLetters);
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
            unconfirmed.addAll(plan.completions);
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
        c.completedAt = cfg.clock().instant();
        ready.remove(c);
        if (outcome instanceof Outcome.Done) {
            events.claimEvent(TaskEvent.Type.PROCESSED, c, cfg.clock().instant(), "");
            breaker.recordSuccess();
        } else if (outcome instanceof Outcome.Failed f && f.failureClass().notTheTasksFault()) {
            breaker.recordBlock(f.message());
            LOG.warn("host {} ({}); pausing claims until {}", f.failureClass() == FailureClass.HOST_FAULT ? "fault" : "blocked",
                    f.message(), breaker.state().openUntil());
            // why: claims won ahead for waiting threads would otherwise be started while the breaker is open.
            releaseReady("host blocked: claims paused");
        }
        notifyAll();
    }

    /** Gives back claims won but not yet handed to a thread (back to pending, no retry counted). */
    private void releaseReady(String reason) {
        for (Claim c : List.copyOf(ready)) {
            if (c.isRecovery()) {
                continue; // a stalled row's takeover stays on the retry path
            }
            ready.remove(c);
            c.outcome = new Outcome.Released(reason);
            c.decision = null;
            c.phase = Claim.Phase.FINISHING;
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
                // Hold a fresh result for one tick interval, so results that come in together share one write.
                Instant queued = c.completedAt == null || c.completedAt.isBefore(lastTickAt) ? lastTickAt : c.completedAt;
                next = min(next, queued.plus(cfg.minTickInterval()));
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

    /**
     * Waits until the port could send a write at once. why: G1 needs a claim write to land within the settle delay
     * of the read it was decided on; a write that queued in the client's rate limiter (60 writes a minute per user)
     * after the read could overwrite a competitor's claim after the competitor had already verified it. Waiting for
     * the write slot before reading keeps the read-to-write gap to one request's latency.
     */
    private void awaitWriteSlot() {
        Duration wait = port.writeDelay();
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
        return a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------- status

    /** What this agent holds now. */
    public synchronized List<HeldTask> held() {
        return claims.values().stream().filter(c -> !c.isRecovery()).map(Claim::view).toList();
    }

    /** Tasks this agent marked done. */
    public synchronized long doneCount() {
        return done;
    }

    /** Failed attempts recorded by this agent (retries and dead-letters; host blocks excluded). */
    public synchronized long failedCount() {
        return failed;
    }

    /** The host-blocked circuit breaker. */
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

    void closeJournal() {
        events.close();
    }
}
