package io.github.ytdc.bench;

import io.github.ytdc.util.Sleeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples how many cells a workbook holds, on a thread of its own, and keeps the highest count: the figure a cap is
 * judged by. Reads the emulator's model directly, so sampling costs no request. A peak shorter than the sampling
 * interval (an archiver's staging tab lives a few requests long) can be missed; {@link #sample} also counts one at
 * the moments a scenario cares about.
 */
final class CellWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CellWatch.class);

    private final EmulatedSheet sheet;
    private final Runnable alsoEach;
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Starts sampling every {@code every}; {@code alsoEach} runs after each sample (e.g. sampling agents' memory).
     */
    CellWatch(EmulatedSheet sheet, Sleeper sleeper, Duration every, Runnable alsoEach) {
        this.sheet = sheet;
        this.alsoEach = alsoEach;
        sample();
        this.thread = new Thread(() -> {
            while (!stopping) {
                try {
                    sleeper.sleep(every);
                    sample();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("sampling the workbook failed: {}", e.toString());
                }
            }
        }, "bench-cell-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Counts the cells now (and runs the extra sampling); returns the count. */
    long sample() {
        long cells = sheet.cellsUsed();
        max.accumulateAndGet(cells, Math::max);
        samples.incrementAndGet();
        alsoEach.run();
        return cells;
    }

    /** The highest count sampled so far. */
    long max() {
        return max.get();
    }

    /** Samples taken so far. */
    long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
