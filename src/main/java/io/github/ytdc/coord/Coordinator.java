package io.github.ytdc.coord;

import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Backoff;
import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A worker of the fleet: claims rows of the spreadsheet and runs them, one per call of {@link #processNextTask}.
 * Thread-safe: an agent with N slots calls {@code processNextTask} from N threads, and their claims are batched
 * into one write per tick. An engine thread (started on first use) renews leases and writes results meanwhile.
 *
 * <p>Once started, a coordinator keeps its own row in the Workers tab under its
 * {@linkplain CoordinatorConfig.Builder#workerName worker name} (what {@code ytdc status} lists as the fleet): the
 * row rides along with the engine's reads and writes, so it costs no requests of its own beyond adding the row once
 * and marking it {@code stopped} at {@link #close()}. A chores thread adds the row when missing and archives
 * finished rows when due, so that neither ever delays a claim.
 *
 * <pre>{@code
 * try (Coordinator c = new Coordinator(CoordinatorConfig.builder(port).build())) {
 *     while (c.processNextTask(url -> download(url))) { }
 * }
 * }</pre>
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final Duration MAX_ERROR_BACKOFF = Duration.ofMinutes(2);
    private static final int CLOSE_ATTEMPTS = 3;
    /** How long close() waits for a tick under way when no deadline bounds it. */
    private static final Duration ENGINE_JOIN = Duration.ofSeconds(30);
    /** How often the chores thread looks for something to do; a look that finds nothing due costs no request. */
    private static final Duration CHORES_INTERVAL = Duration.ofMillis(500);
    /** Least time between two Workers updates carrying only changed counts or held tasks. */
    private static final Duration ROW_MIN_INTERVAL = Duration.ofSeconds(5);

    private final CoordinatorConfig cfg;
    private final Engine engine;
    private final SourceExpansion expansion;
    private final VideoCounts videoCounts = new VideoCounts();
    private final WorkersRow workersRow;
    private final ArchiveJob archiveJob;
    /** Live workers sharing the project's quota, this one included, from the Workers tab's last read. */
    private final AtomicInteger fleet = new AtomicInteger(1);
    private Thread engineThread;
    private ScheduledExecutorService chores;
    private volatile boolean stopped;
    /** Used by the chores thread only. */
    private final PausedRowRefresh pausedRow;

    public Coordinator(CoordinatorConfig config) {
        this.cfg = Objects.requireNonNull(config, "config");
        Duration refresh = config.heartbeat();
        this.workersRow = new WorkersRow(config.tabs().workers(), config.workerName(), config.host(),
                refresh.compareTo(ROW_MIN_INTERVAL) < 0 ? refresh : ROW_MIN_INTERVAL, refresh, config.stallTimeout(),
                this::rowValues).withTools(config.tools()).withFleet(this::fleetSeen);
        // The row's own listeners first: the caller's listener sees the same events after them.
        this.engine = new Engine(config, CoordinatorListener.all(List.of(videoCounts, workersRow, config.listener())));
        this.engine.claimForWaitersOnly();
        this.pausedRow = new PausedRowRefresh(workersRow, this::pauseReason, () -> engine.breakerState().open(),
                this::isClaiming, config.heartbeat());
        this.archiveJob = ArchiveJob.of(config);
        this.expansion = config.mediaPort() == null ? null : new SourceExpansion(config, engine.knownIds());
        LOG.debug("coordinator ready: {}", config);
    }

    /**
     * Claims one task and passes its URL to {@code fn}. An exception from {@code fn} is a transient failure unless it
     * is a {@link TaskFailure}. When no video is claimable but a source is, expands the source instead.
     *
     * @return true when a task was processed, false when none was available
     */
    public boolean processNextTask(UrlProcessor fn) {
        Objects.requireNonNull(fn, "fn");
        return processNextTask((task, context) -> {
            fn.process(task.url());
            return null;
        });
    }

    /**
     * Claims one task and runs {@code processor} on it with a {@link TaskContext} that is cancelled if the claim is
     * lost. Returns once the result is in the spreadsheet (written on the engine's next tick, fenced by the claim
     * token) or the claim was found lost, so a process may exit right after this returns without losing the result.
     * That tick usually also claims this thread's next task; call {@link #close()} before exiting, which releases
     * such a claim without counting a retry.
     *
     * @return true when a task (or a source expansion) was processed, false when none was available
     */
    public boolean processNextTask(TaskProcessor processor) {
        Objects.requireNonNull(processor, "processor");
        startEngine();
        Claim claim;
        try {
            claim = engine.awaitClaim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (claim == null) {
            return false;
        }
        Outcome outcome;
        Error error = null;
        try {
            outcome = run(claim, processor);
        } catch (Error e) {
            // why: an Error (an assertion, a linkage or stack overflow) must still end the claim, or its row would stay
            // claimed, its lease renewed for ever; the row is retried, and the Error goes on to the caller.
            outcome = Outcome.of(e);
            error = e;
        }
        engine.complete(claim, outcome);
        engine.wake();
        try {
            if (!engine.awaitRecorded(claim)) {
                LOG.warn("the result of {} {} is not written yet; it stays queued", claim.kind().label(), claim.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (error != null) {
            throw error;
        }
        return true;
    }

    private Outcome run(Claim claim, TaskProcessor processor) {
        Task task = claim.task();
        try {
            if (claim.kind() == TaskKind.SOURCE) {
                return expansion.run(task, claim.context());
            }
            return Outcome.done(processor.process(task, claim.context()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Released("interrupted");
        } catch (Exception e) {
            if (claim.context().isCancelled()) {
                return new Outcome.Released("cancelled");
            }
            LOG.debug("{} {} failed", task.kind().label(), task.id(), e);
            return Outcome.of(e);
        }
    }

    /**
     * Starts keeping this worker's Workers row (and archiving finished rows when due) before the first
     * {@link #processNextTask} call, which otherwise starts it: a runtime whose own checks hold back the first claim
     * (see {@link CoordinatorConfig.Builder#pauseReason}) shows up as paused at once. Optional; idempotent.
     */
    public synchronized void start() {
        if (chores != null || stopped) {
            return;
        }
        // why: a thread of its own, so a Sheets outage or a long archive move never holds up a claim tick.
        chores = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ytdc-chores-" + cfg.workerName());
            t.setDaemon(true);
            return t;
        });
        chores.scheduleWithFixedDelay(this::sheetChores, CHORES_INTERVAL.toMillis(), CHORES_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void startEngine() {
        if (engineThread != null || stopped) {
            return;
        }
        engineThread = new Thread(this::runEngine, "ytdc-engine-" + cfg.workerName());
        engineThread.setDaemon(true);
        engineThread.start();
        start();
    }

    /**
     * What the coordinator asks of the sheet beyond its ticks: its Workers row when the last read did not find it,
     * the row once per heartbeat while claiming is paused (no tick may carry it then), and archiving when due. Never
     * throws: a scheduled task that throws is never run again.
     */
    private void sheetChores() {
        MDC.put("worker", cfg.workerName());
        Instant now = cfg.clock().instant();
        try {
            engine.betweenTicks(() -> workersRow.appendIfMissing(cfg.port(), now));
        } catch (RuntimeException e) {
            LOG.warn("could not add this worker to the Workers tab (will retry): {}", e.getMessage());
        }
        try {
            engine.betweenTicks(() -> pausedRow.run(cfg.port(), now));
        } catch (RuntimeException e) {
            LOG.warn("could not show the pause in the Workers tab (will retry): {}", e.getMessage());
        }
        try {
            archiveJob.runIfDue(fleetSize()); // rate-limited by the job itself
        } catch (RuntimeException e) {
            LOG.warn("archiving failed (will retry): {}", e.getMessage());
        }
    }

    /** The caller's pause reason; a failing supplier counts as no pause. */
    private Optional<String> pauseReason() {
        try {
            return Objects.requireNonNullElse(cfg.pauseReason().get(), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("pause reason failed: {}", e.toString());
            return Optional.empty();
        }
    }

    private void runEngine() {
        MDC.put("worker", cfg.workerName()); // every engine log line names its agent, as worker threads' lines do
        int failures = 0;
        Instant retryAt = Instant.MIN;
        while (!stopped) {
            // Workers wake this thread whenever something changes; tick only when the schedule says a tick is due,
            // so that a burst of wake-ups (results, waiting threads) shares one read and one write.
            try {
                if (failures > 0) {
                    Duration delay = Duration.between(cfg.clock().instant(), retryAt);
                    if (delay.compareTo(Duration.ZERO) > 0) {
                        engine.awaitWake(delay);
                        continue;
                    }
                } else if (engine.awaitTickDue()) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                engine.tick();
                failures = 0;
            } catch (RuntimeException | Error e) {
                // why: an Error escaping here would end this thread silently, and with it every lease renewal.
                failures++;
                boolean retryable = e instanceof SheetsException se && se.retryable();
                LOG.warn("tick failed{}: {}", retryable ? " (will retry)" : "", e.getMessage());
                retryAt = cfg.clock().instant().plus(backoff(failures));
            }
        }
    }

    private Duration backoff(int failures) {
        Duration first = cfg.minTickInterval().plusMillis(250);
        // A slow tick interval may start past the cap: then every wait is the cap.
        first = first.compareTo(MAX_ERROR_BACKOFF) > 0 ? MAX_ERROR_BACKOFF : first;
        return new Backoff(first, MAX_ERROR_BACKOFF, Backoff.Jitter.upTo(0.5)).delay(failures, cfg.random());
    }

    /** Stops claiming new tasks; running tasks go on and their results are written. */
    public void stopClaiming() {
        engine.stopClaiming();
    }

    /**
     * Graceful stop (SIGTERM): stop claiming, let running tasks finish for up to {@code grace}, then {@link #close()}
     * (which releases whatever is still held).
     *
     * @return true when every running task finished within the grace period
     */
    public boolean shutdown(Duration grace) {
        stopClaiming();
        boolean finished;
        try {
            finished = engine.awaitNoneRunning(cfg.clock().instant().plus(grace));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        close();
        return finished;
    }

    /**
     * Releases everything held (back to pending, no retry counted; running tasks are cancelled), writes the results
     * still queued, and stops the engine. Idempotent.
     */
    @Override
    public void close() {
        close(null);
    }

    /**
     * {@link #close()} that is over within {@code timeLeft} whatever the sheet is doing (refusing, silent, answering
     * 5xx or 429): every request it makes is bounded by what is left of it ({@link SpreadsheetPort#finishWithin}),
     * and what could not be written by then is left to the leases (another agent takes a claim over once it is
     * older than the stall timeout), said in one warning line. For SIGTERM under systemd's stop timeout.
     *
     * @param timeLeft how long releasing and the final Workers row write may take; {@code null} for no limit
     */
    public void close(Duration timeLeft) {
        Instant deadline = timeLeft == null ? null : cfg.clock().instant().plus(timeLeft);
        if (timeLeft != null) {
            cfg.port().finishWithin(timeLeft);
        }
        Thread t;
        boolean started;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            t = engineThread;
            started = chores != null;
        }
        if (started) {
            chores.shutdownNow();
        }
        engine.releaseAll("agent stopping");
        engine.wake();
        if (t != null) {
            try {
                // A tick under way finishes its request first, which the deadline bounds.
                t.join(Math.max(1, until(deadline, ENGINE_JOIN).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RuntimeException unwritten = flush(deadline);
        boolean leftToLeases = !engine.holdsNothing();
        if (leftToLeases) {
            String why = unwritten == null ? "" : ": " + unwritten.getMessage();
            LOG.warn("could not release {} claim(s){}{}; left to their leases (taken over once older than the stall "
                    + "timeout, {}): {}", engine.held().size(), deadline == null ? "" : " before the deadline for "
                    + "stopping", why, Durations.format(cfg.stallTimeout()), engine.held().stream()
                            .map(h -> h.kind().label() + " " + h.id()).collect(Collectors.joining(", ")));
        }
        // Against a deadline, a sheet that just failed the release gets no second request: its line said enough.
        if (started && (!leftToLeases || deadline == null)) {
            markStopped();
        }
        engine.terminate();
        engine.closeJournal();
    }

    /** The time left before {@code deadline}, at most {@code cap}; {@code cap} without a deadline. */
    private Duration until(Instant deadline, Duration cap) {
        if (deadline == null) {
            return cap;
        }
        Duration left = Duration.between(cfg.clock().instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left.compareTo(cap) < 0 ? left : cap;
    }

    /** The final write usually carries {@code stopped}; when no tick was left to carry it, two requests of its own. */
    private void markStopped() {
        try {
            if (!workersRow.shows("stopped")) {
                workersRow.writeNow(cfg.port(), cfg.clock().instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not mark this worker stopped in the Workers tab ({}): it shows as it was until it is seen "
                    + "as dead", e.getMessage());
        }
    }

    /** What the Workers row shows now; called on the engine thread, so it only looks at memory. */
    WorkerRowValues rowValues() {
        String status;
        CircuitBreaker.State b = engine.breakerState();
        Optional<String> paused = pauseReason();
        if (stopped) {
            status = "stopped";
        } else if (!engine.isClaiming()) {
            status = "stopping";
        } else if (b.open()) {
            status = "paused until " + Timestamps.format(b.openUntil()) + " (" + b.consecutiveBlocks()
                    + " host failure(s) in a row): " + b.reason();
        } else if (paused.isPresent()) {
            status = "paused: " + paused.get();
        } else {
            status = null;
        }
        // Once stopped, whatever is still held is being released by the very write that carries this row.
        List<HeldTask> held = stopped ? List.of() : engine.held();
        if (status == null) {
            // Running means holding work, whatever stage it is in: a claim being verified or a result being
            // written is work this worker owns.
            status = held.isEmpty() ? "idle" : "running";
        }
        List<WorkerRowValues.Holding> holding = held.stream()
                .map(h -> new WorkerRowValues.Holding(h.kind().label() + " " + h.id(), h.phase(),
                        h.phase().equals("running") ? h.progress() : null))
                .toList();
        return new WorkerRowValues(status, holding, videoCounts.done(), videoCounts.failed());
    }

    /**
     * Requests are paced to this worker's share of the project's quota, as the Workers tab shows the fleet, and claims
     * go first to the rows this worker prefers among the fleet's (see {@link Fleet}).
     */
    private void fleetSeen(List<String> live) {
        Fleet seen = new Fleet(cfg.workerName(), live);
        engine.fleet(seen);
        int workers = seen.size();
        if (fleet.getAndSet(workers) != workers) {
            cfg.port().shareQuotaAmong(workers);
            LOG.debug("{} worker(s) share the project's quota", workers);
        }
    }

    /**
     * Writes the releases and results still held, trying a few times while the deadline (if any) leaves time;
     * returns the last failure if something is still held, for the one line that says so.
     */
    private RuntimeException flush(Instant deadline) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= CLOSE_ATTEMPTS && !engine.holdsNothing(); attempt++) {
            try {
                engine.tick();
            } catch (RuntimeException e) {
                last = e;
                Duration wait = backoff(attempt);
                if (attempt == CLOSE_ATTEMPTS || until(deadline, wait).compareTo(wait) < 0) {
                    break; // no time for another attempt: the line after the loop says what is left
                }
                LOG.debug("could not write the release of held tasks (attempt {}): {}", attempt, e.getMessage());
                try {
                    cfg.sleeper().sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return last;
    }

    /** This agent's name (ClaimedBy). */
    public String workerName() {
        return cfg.workerName();
    }

    public CoordinatorConfig config() {
        return cfg;
    }

    /** What this agent holds now (claims being verified, ready, running, or waiting for their result's write). */
    public List<HeldTask> held() {
        return engine.held();
    }

    /** Tasks this agent marked done. */
    public long doneCount() {
        return engine.doneCount();
    }

    /** Failed attempts this agent recorded (retries and dead-letters). */
    public long failedCount() {
        return engine.failedCount();
    }

    /**
     * Live workers sharing the spreadsheet (and the project's quota), this one included, as the last read of the
     * Workers tab showed them; 1 until then. Idle callers should poll less often as the fleet grows.
     */
    public int fleetSize() {
        return fleet.get();
    }

    /**
     * Why this coordinator claims nothing for now, when a run of host failures (a missing JavaScript runtime, a
     * blocked address) opened its circuit breaker: {@code claims paused until <time> after <n> host failure(s) in a
     * row: <reason>}. Empty while it claims.
     */
    public Optional<String> claimsPausedBecause() {
        CircuitBreaker.State b = engine.breakerState();
        return b.open() ? Optional.of("claims paused until " + Timestamps.format(b.openUntil()) + " after "
                + b.consecutiveBlocks() + " host failure(s) in a row: " + b.reason()) : Optional.empty();
    }

    /** The host-blocked circuit breaker. */
    CircuitBreaker.State breakerState() {
        return engine.breakerState();
    }

    /** True when the last read showed nothing pending (even backing off) or in progress, and nothing is held. */
    public boolean isIdle() {
        return engine.isIdle();
    }

    /** True until {@link #stopClaiming()}, {@link #shutdown} or {@link #close()}. */
    public boolean isClaiming() {
        return engine.isClaiming() && !stopped;
    }

    /** Tasks running in processNextTask calls now. */
    public int runningCount() {
        return engine.running();
    }

    /** The protocol engine, for step-driven tests and diagnostics. */
    Engine engine() {
        return engine;
    }
}
