package io.github.ytdc.bench;

import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.util.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;

/**
 * {@code ytdc agent --simulate}: "processes" a video by waiting a random time within a {@link Bench.TaskTime}, downloading
 * nothing, so a fleet can be tried against a real sheet (and {@code ytdc bench} can time its tasks). A cancelled task
 * (lost claim, shutdown past the grace period) stops waiting at once.
 */
final class SimulatedProcessor implements TaskProcessor {
    /** Simulated tasks this long or longer report progress every step. */
    static final Duration PROGRESS_STEP = Duration.ofSeconds(1);
    /** The speed simulated downloads report: 1 MiB/s. */
    private static final double SIMULATED_SPEED = 1 << 20;

    private final Bench.TaskTime range;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    SimulatedProcessor(Bench.TaskTime range, Sleeper sleeper, RandomGenerator random) {
        this.range = Objects.requireNonNull(range, "range");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String process(Task task, TaskContext context) throws InterruptedException {
        long spread = range.max().toMillis() - range.min().toMillis();
        Duration wait = range.min().plusMillis(spread <= 0 ? 0 : random.nextLong(spread + 1));
        Thread worker = Thread.currentThread();
        Object lock = new Object();
        boolean[] sleeping = {true};
        // Cancellation arrives on the engine thread: interrupt the wait, but only while this task is still in it.
        context.onCancel(() -> {
            synchronized (lock) {
                if (sleeping[0]) {
                    worker.interrupt();
                }
            }
        });
        try {
            waitReportingProgress(wait, context);
        } catch (InterruptedException e) {
            if (!context.isCancelled()) {
                throw e;
            }
        } finally {
            synchronized (lock) {
                sleeping[0] = false;
            }
        }
        if (context.isCancelled()) {
            Thread.interrupted(); // our own interrupt may land just after the wait ended: do not leak it
            throw new CancellationException("simulated task " + task.id() + " cancelled");
        }
        return "simulated:" + wait.toMillis() + "ms";
    }

    /**
     * Waits {@code total}; a wait of {@link #PROGRESS_STEP} or more goes in steps of that length, each reporting
     * progress as a download would (percent, a nominal speed, time left), so the Workers tab and {@code ytdc status}
     * show simulated downloads moving.
     */
    private void waitReportingProgress(Duration total, TaskContext context) throws InterruptedException {
        if (total.compareTo(PROGRESS_STEP.multipliedBy(2)) < 0) {
            sleeper.sleep(total);
            return;
        }
        Duration left = total;
        while (!left.isZero()) {
            Duration done = total.minus(left);
            context.progress(new TaskContext.Progress(100.0 * done.toMillis() / total.toMillis(), SIMULATED_SPEED,
                    (left.toMillis() + 999) / 1000, Math.round(SIMULATED_SPEED * done.toMillis() / 1000.0)));
            Duration step = left.compareTo(PROGRESS_STEP) < 0 ? left : PROGRESS_STEP;
            sleeper.sleep(step);
            left = left.minus(step);
        }
    }
}
