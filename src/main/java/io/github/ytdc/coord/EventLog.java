package io.github.ytdc.coord;

import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends each task event to the log, the journal (if configured) and the runtime's listener. A full disk or a
 * listener bug is logged, never thrown: the protocol must go on whatever happens to its observers.
 *
 * <p>The log gets one line per event a person follows a task by: claimed (and started), done, retry, dead-letter,
 * released, lost-claim; each says what, which task, after how long, at which attempt, and why. The steps between
 * (processed, restored) are DEBUG: the journal has them all.
 */
final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final String worker;
    private final Journal journal;
    private final CoordinatorListener listener;
    /** Attempts a task gets before it is dead-lettered (the first plus the retries), for "attempt 2 of 4". */
    private final int maxAttempts;

    EventLog(String worker, Journal journal, CoordinatorListener listener, int maxAttempts) {
        this.worker = worker;
        this.journal = journal;
        this.listener = listener;
        this.maxAttempts = maxAttempts;
    }

    /** An event about claim {@code c}, with the attempt number where it applies. */
    void claimEvent(TaskEvent.Type type, Claim c, Instant at, String error) {
        int attempt = type == TaskEvent.Type.LOST_CLAIM || type == TaskEvent.Type.CLAIMED
                || type == TaskEvent.Type.PROCESSED || type == TaskEvent.Type.DONE ? c.retryCountAtClaim() + 1 : 0;
        record(new TaskEvent(at, worker, type, c.kind, c.id, attempt, error, c.since(at)), c);
    }

    /** Records {@code e}, an event about claim {@code c}. */
    void record(TaskEvent e, Claim c) {
        Level level = level(e.type());
        if (LOG.isEnabledForLevel(level)) {
            LOG.atLevel(level).log(line(e, c));
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

    static Level level(TaskEvent.Type type) {
        return switch (type) {
            case CLAIMED, DONE, RETRY, DEAD_LETTER, RELEASED -> Level.INFO;
            // why: a result thrown away is worth a look (a person's edit, another agent's late claim, a clock).
            case LOST_CLAIM -> Level.WARN;
            // why: PROCESSED is the first half of DONE; a RESTORED row was warned about by the claim review itself.
            case PROCESSED, RESTORED -> Level.DEBUG;
        };
    }

    /**
     * The line for {@code e}: {@code claimed video abc (attempt 1): URL}, {@code done video abc after 2m5s
     * (attempt 1): FILE}, {@code retry video abc after 12s (attempt 1 of 4): ERROR; next attempt in 1m}, ...
     */
    private String line(TaskEvent e, Claim c) {
        StringBuilder s = new StringBuilder(e.type().label()).append(' ').append(e.kind().label()).append(' ')
                .append(e.id());
        // A takeover of a stalled claim finishes at once: its own time says nothing about the task.
        boolean timed = e.type() != TaskEvent.Type.CLAIMED && !e.elapsed().isZero() && !c.isRecovery();
        if (timed) {
            s.append(" after ").append(Durations.brief(e.elapsed()));
        }
        // The claim's attempt, also for events the journal records without one (released).
        s.append(" (attempt ").append(c.retryCountAtClaim() + 1);
        if (e.type() == TaskEvent.Type.RETRY) {
            s.append(" of ").append(maxAttempts);
        }
        s.append(')');
        String detail = detail(e, c);
        if (!detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    private static String detail(TaskEvent e, Claim c) {
        return switch (e.type()) {
            case CLAIMED -> c.task() == null ? "" : c.task().url();
            case DONE, PROCESSED -> c.outcome() instanceof Outcome.Done d
                    ? (d.note().isEmpty() ? d.output() : d.note()) : "";
            case RETRY -> e.error() + (c.decision().orElse(null) instanceof RetryPolicy.Decision.Retry r
                    ? nextAttempt(Duration.between(e.at(), r.notBefore())) : "");
            case LOST_CLAIM -> e.error() + "; its result will not be recorded";
            default -> e.error();
        };
    }

    private static String nextAttempt(Duration wait) {
        return wait.isNegative() || wait.isZero() ? "; next attempt now" : "; next attempt in " + Durations.brief(wait);
    }

    void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
