package io.github.ytdc.coord;

import io.github.ytdc.util.Durations;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each task event to the log, the journal (if configured) and the runtime's listener. A full disk or a
 * listener bug is logged, never thrown: the protocol must go on whatever happens to its observers.
 */
final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final String worker;
    private final Journal journal;
    private final CoordinatorListener listener;

    EventLog(String worker, Journal journal, CoordinatorListener listener) {
        this.worker = worker;
        this.journal = journal;
        this.listener = listener;
    }

    /** An event about claim {@code c}, with the attempt number where it applies. */
    void claimEvent(TaskEvent.Type type, Claim c, Instant at, String error) {
        int attempt = type == TaskEvent.Type.LOST_CLAIM || type == TaskEvent.Type.CLAIMED
                || type == TaskEvent.Type.PROCESSED || type == TaskEvent.Type.DONE ? c.retryCountAtClaim() + 1 : 0;
        record(new TaskEvent(at, worker, type, c.kind, c.id, attempt, error, c.since(at)));
    }

    void record(TaskEvent e) {
        // One INFO line per task: how it ended. Claims and processing steps are DEBUG (the journal has them all).
        boolean step = e.type() == TaskEvent.Type.CLAIMED || e.type() == TaskEvent.Type.PROCESSED;
        if (step ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) {
            String line = e.type().label() + " " + e.kind().label() + " " + e.id()
                    + (e.elapsed().isZero() ? "" : " after " + Durations.format(rounded(e.elapsed())))
                    + (e.error().isEmpty() ? "" : ": " + e.error());
            if (step) {
                LOG.debug(line);
            } else {
                LOG.info(line);
            }
        }
        if (journal != null) {
            try {
                journal.record(e);
            } catch (RuntimeException ioFailure) {
                LOG.error("journal: {}", ioFailure.getMessage());
            }
        }
        try {
            listener.onTaskEvent(e);
        } catch (RuntimeException listenerBug) {
            LOG.warn("listener failed on {}: {}", e.type().label(), listenerBug.toString());
        }
    }

    /** Milliseconds under a second, tenths under a minute, seconds above: as precise as a person reads a log. */
    private static java.time.Duration rounded(java.time.Duration d) {
        long ms = d.toMillis();
        long unit = ms < 1000 ? 1 : ms < 60_000 ? 100 : 1000;
        return java.time.Duration.ofMillis(Math.round((double) ms / unit) * unit);
    }

    void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
