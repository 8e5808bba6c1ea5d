package io.github.ytdc.sheets.google;

import java.util.concurrent.atomic.LongAdder;

/** What a port sent, for metrics: every attempt counts, so retries show up as extra reads or writes. */
final class RequestCounters {
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder quotaErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /**
     * A point-in-time copy.
     *
     * @param reads       read requests sent
     * @param writes      write requests sent
     * @param quotaErrors 429 answers received
     * @param retries     requests sent again after a backoff
     * @param failures    calls that surfaced an exception to the caller
     */
    public record Snapshot(long reads, long writes, long quotaErrors, long retries, long failures) {}

    void sent(boolean write) {
        (write ? writes : reads).increment();
    }

    void quotaError() {
        quotaErrors.increment();
    }

    void retry() {
        retries.increment();
    }

    void failure() {
        failures.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(reads.sum(), writes.sum(), quotaErrors.sum(), retries.sum(), failures.sum());
    }
}
