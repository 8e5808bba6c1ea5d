package io.github.ytdc.agent;

import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.util.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;

/**
 * {@code ytdc agent --simulate}: "processes" a video by waiting a random time up to a maximum, downloading nothing,
 * so a fleet can be tried against a real sheet. A cancelled task (lost claim, shutdown past the grace period) stops
 * waiting at once.
 */
public final class SimulatedProcessor implements TaskProcessor {
    /** The longest wait when {@code --simulate} is given without a value. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(2);

    private final Duration max;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public SimulatedProcessor(Duration max, Sleeper sleeper, RandomGenerator random) {
        if (max.isNegative()) {
            throw new IllegalArgumentException("--simulate wait must not be negative, was " + max);
        }
        this.max = max;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String process(Task task, TaskContext context) throws InterruptedException {
        Duration wait = Duration.ofMillis(max.toMillis() <= 0 ? 0 : random.nextLong(max.toMillis() + 1));
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
            sleeper.sleep(wait);
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
}
