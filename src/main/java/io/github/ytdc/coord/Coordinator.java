package io.github.ytdc.coord;

import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.util.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A worker of the fleet: claims rows of the spreadsheet and runs them, one per call of {@link #processNextTask}.
 * Thread-safe: an agent with N slots calls {@code processNextTask} from N threads, and their claims are batched
 * into one write per tick. An engine thread (started on first use) renews leases and writes results meanwhile.
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

    private final CoordinatorConfig cfg;
    private final Engine engine;
    private final SourceExpansion expansion;
    private Thread engineThread;
    private volatile boolean stopped;

    public Coordinator(CoordinatorConfig config) {
        this.cfg = Objects.requireNonNull(config, "config");
        this.engine = new Engine(config);
        this.engine.claimForWaitersOnly();
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

    private synchronized void startEngine() {
        if (engineThread != null || stopped) {
            return;
        }
        engineThread = new Thread(this::runEngine, "ytdc-engine-" + cfg.workerName());
        engineThread.setDaemon(true);
        engineThread.start();
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
        Thread t;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            t = engineThread;
        }
        engine.releaseAll("agent stopping");
        engine.wake();
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        engine.terminate();
        engine.closeJournal();
    }

    private void flush() {
        for (int attempt = 1; attempt <= CLOSE_ATTEMPTS && !engine.holdsNothing(); attempt++) {
            try {
                engine.tick();
            } catch (RuntimeException e) {
                LOG.warn("could not write the release of held tasks (attempt {}): {}", attempt, e.getMessage());
                try {
                    cfg.sleeper().sleep(backoff(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!engine.holdsNothing()) {
            LOG.warn("some claims could not be released; they will be requeued when their lease expires: {}",
                    engine.held());
        }
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

    /** The host-blocked circuit breaker. */
    public CircuitBreaker.State breakerState() {
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
