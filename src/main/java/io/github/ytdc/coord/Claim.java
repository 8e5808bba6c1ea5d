package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.TabSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row this agent has written a claim on. It starts {@link Phase#VERIFYING}; once the read-back confirms it, it
 * is handed to a worker as a {@link #task()} with a {@link #context()}, and ends when its result was written or the
 * claim was lost. State is guarded by the engine's lock.
 */
public final class Claim {
    /** Where a claim is in its life. */
    enum Phase { VERIFYING, HELD, FINISHING }

    final TaskKind kind;
    final String id;
    final String token;
    /** A claim taken only to route a stalled row through the retry policy; it never runs. */
    final String recoveryError;
    final boolean fillsBlankId;
    /** When this agent chose the row: the start of the claim's latency. */
    final Instant chosenAt;
    Phase phase = Phase.VERIFYING;
    /** Once verified, put the row back to done instead of running it: a late claim write overwrote a completion. */
    boolean restoresDone;
    /** The claim's row at the last read: read in full on every tick, even outside the window. */
    int row;
    Instant writtenAt;
    /** When the worker handed in the result. */
    Instant completedAt;
    boolean won;
    boolean started;
    int retryCountAtClaim;
    Task task;
    Outcome outcome;
    RetryPolicy.Decision decision;
    boolean writeAttempted;
    /** The read the result write was planned from, and when: what a misplaced result write overwrote. */
    TabSnapshot resultReadFrom;
    Instant resultWrittenAt;
    /** The first read after the result write has looked at the row. */
    boolean confirmedOnce;
    final Context context = new Context();

    Claim(TaskKind kind, String id, String token, String recoveryError, boolean fillsBlankId, Instant chosenAt) {
        this.chosenAt = chosenAt;
        this.kind = kind;
        this.id = id;
        this.token = token;
        this.recoveryError = recoveryError;
        this.fillsBlankId = fillsBlankId;
    }

    public TaskKind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    /** The task; set once the claim is verified. */
    public Task task() {
        return task;
    }

    /** Cancelled when the claim is lost or the agent stops. */
    public TaskContext context() {
        return context;
    }

    /** Time from choosing the row until {@code at}. */
    Duration since(Instant at) {
        return Duration.between(chosenAt, at);
    }

    boolean isRecovery() {
        return recoveryError != null;
    }

    String key() {
        return key(kind, id);
    }

    static String key(TaskKind kind, String id) {
        return kind.label() + ":" + id;
    }

    HeldTask view() {
        String phaseName = switch (phase) {
            case VERIFYING -> "verifying";
            case HELD -> started ? "running" : "ready";
            case FINISHING -> "finishing";
        };
        return new HeldTask(kind, id, task == null ? "" : task.url(), task == null ? "" : task.title(), phaseName,
                writtenAt, context.progress);
    }

    /** The task's context: cancellation and progress. */
    static final class Context implements TaskContext {
        private final List<Runnable> onCancel = new ArrayList<>();
        private boolean cancelled;
        private volatile Progress progress;

        void cancel() {
            List<Runnable> actions;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                actions = List.copyOf(onCancel);
                onCancel.clear();
            }
            actions.forEach(Context::runQuietly);
        }

        @Override
        public synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            synchronized (this) {
                if (!cancelled) {
                    onCancel.add(action);
                    return;
                }
            }
            runQuietly(action);
        }

        @Override
        public void progress(Progress p) {
            this.progress = p;
        }

        private static void runQuietly(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Claim.class).warn("cancel action failed: {}", e.toString());
            }
        }
    }
}
