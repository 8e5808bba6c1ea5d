package io.github.ytdc.bench;

import io.github.ytdc.coord.Coordinator;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real {@link Coordinator}s run the way the agent runs them: each with as many threads as its concurrency, every
 * thread looping {@code processNextTask} and backing off a little when nothing was available.
 */
final class AgentFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentFleet.class);
    private static final Duration IDLE_BACKOFF = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);

    private final List<Coordinator> coordinators = new ArrayList<>();
    private final ExecutorService threads;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile boolean stopping;

    /** Starts one coordinator per config, each with {@code config.concurrency()} threads running {@code processor}. */
    AgentFleet(List<CoordinatorConfig> configs, TaskProcessor processor, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        int total = configs.stream().mapToInt(CoordinatorConfig::concurrency).sum();
        this.threads = Executors.newFixedThreadPool(total, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
        for (CoordinatorConfig cfg : configs) {
            // Each coordinator keeps its Workers row and paces to its share of the project's quota from what that tab
            // shows, as agents do.
            Coordinator c = new Coordinator(cfg);
            coordinators.add(c);
            for (int i = 0; i < cfg.concurrency(); i++) {
                threads.submit(() -> work(c, processor));
            }
        }
    }

    private void work(Coordinator c, TaskProcessor processor) {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            boolean did;
            try {
                did = c.processNextTask(processor);
            } catch (RuntimeException e) {
                LOG.warn("{}: processNextTask failed: {}", c.workerName(), e.getMessage());
                did = false;
            }
            if (!did && !pause(IDLE_BACKOFF)) {
                return;
            }
        }
    }

    private boolean pause(Duration d) {
        try {
            sleeper.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Tasks the coordinators have marked done so far (their completions are in the sheet). */
    long done() {
        return coordinators.stream().mapToLong(Coordinator::doneCount).sum();
    }

    /** Waits until {@code condition} holds or {@code deadline} passes; true if it holds. */
    boolean await(BooleanSupplier condition, Instant deadline) {
        while (!condition.getAsBoolean()) {
            if (!clock.instant().isBefore(deadline) || !pause(POLL)) {
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** Stops the workers, then closes every coordinator (which releases whatever it still holds). */
    @Override
    public void close() {
        stopping = true;
        coordinators.forEach(Coordinator::stopClaiming);
        coordinators.parallelStream().forEach(Coordinator::close);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("some bench worker threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
