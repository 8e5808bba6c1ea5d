package io.github.ytdc.agent;

import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;

/**
 * {@code ytdc agent --simulate}: "processes" a video by waiting a random time within a {@link Range}, downloading
 * nothing, so a fleet can be tried against a real sheet (and {@code ytdc bench} can time its tasks). A cancelled task
 * (lost claim, shutdown past the grace period) stops waiting at once.
 */
public final class SimulatedProcessor implements TaskProcessor {
    /** The longest wait when {@code --simulate} is given without a value. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(2);

    /**
     * How long a simulated task takes: uniformly between {@code min} and {@code max}, both included.
     *
     * @param min the shortest wait, not negative
     * @param max the longest wait, at least {@code min}
     */
    public record Range(Duration min, Duration max) {
        public Range {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("a simulated task time needs 0 <= MIN <= MAX, was "
                        + Durations.format(min) + ".." + Durations.format(max));
            }
        }

        /** Exactly {@code d} per task. */
        public static Range exactly(Duration d) {
            return new Range(d, d);
        }

        /** Parses {@code MAX} (0 to MAX) or {@code MIN..MAX}, e.g. {@code 2s} or {@code 500ms..3s}. */
        public static Range parse(String text) {
            int dots = text.indexOf("..");
            if (dots < 0) {
                return new Range(Duration.ZERO, Durations.parse(text.trim()));
            }
            return new Range(Durations.parse(text.substring(0, dots).trim()), Durations.parse(text.substring(dots + 2).trim()));
        }

        /** For people: {@code no-op}, {@code 1s}, {@code up to 2s} or {@code 500ms to 2s}. */
        public String describe() {
            if (max.isZero()) {
                return "no-op";
            }
            return min.equals(max) ? Durations.format(max) : min.isZero() ? "up to " + Durations.format(max)
                    : Durations.format(min) + " to " + Durations.format(max);
        }

        /** The form {@link #parse} reads back. */
        @Override
        public String toString() {
            return min.equals(max) ? min.toMillis() + "ms.." + max.toMillis() + "ms"
                    : min.isZero() ? Durations.format(max) : Durations.format(min) + ".." + Durations.format(max);
        }
    }

    /** Simulated tasks this long or longer report progress every step. */
    static final Duration PROGRESS_STEP = Duration.ofSeconds(1);
    /** The speed simulated downloads report: 1 MiB/s. */
    private static final double SIMULATED_SPEED = 1 << 20;

    private final Range range;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public SimulatedProcessor(Range range, Sleeper sleeper, RandomGenerator random) {
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
