package io.github.ytdc.coord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row this agent is claiming or holds, and the life of that claim as a state machine. Every change of state is one
 * method here; nothing else changes a claim's fields. See {@code PROTOCOL.md} for why each state exists.
 *
 * <pre>
 *   TAGGING ──claimWritten──▶ CLAIMING ──win──▶ HELD ──complete──▶ FINISHING ──end──▶ ENDED
 *      │                         │   └─probation─▶ PROBATION ─win─┘                 ▲
 *      └──────────────── end (row gone, taken, or no longer claimable) ────────────┘
 * </pre>
 *
 * <ul>
 *   <li>{@link State#TAGGING}: a row tag (developer metadata) was sent for the chosen row number. Invisible to people;
 *       if rows moved first it sits on another row, which the next read shows, and nothing else was written.</li>
 *   <li>{@link State#CLAIMING}: the claim cells were written through the tag, so onto the chosen task's row wherever
 *       people moved it; verified at least a settle delay after the write was answered.</li>
 *   <li>{@link State#PROBATION}: the claim write was answered later than a settle delay after the read it was decided
 *       from, so it may have landed over another agent's verified claim. It never runs before that owner had the
 *       chance to re-assert (one lease interval).</li>
 *   <li>{@link State#HELD}: won; ready for a worker, then running. Its lease is renewed through the tag.</li>
 *   <li>{@link State#FINISHING}: the outcome is known and waits for its write (fenced by the token).</li>
 * </ul>
 *
 * Guarded by the engine's monitor.
 */
final class Claim {
    /** Where a claim is in its life. */
    enum State { TAGGING, CLAIMING, PROBATION, HELD, FINISHING, ENDED }

    final TaskKind kind;
    final String id;
    final String token;
    /** The row as read when it was chosen: who it is (ID or, for a URL-only row, URL) and what it held then. */
    final WorkRow chosenFrom;
    /** A claim taken only to route a stalled row through the retry policy; it never runs. */
    final String recoveryError;
    /** When this agent chose the row: the start of the claim's latency. */
    final Instant chosenAt;
    final Context context = new Context();

    private State state = State.TAGGING;
    private int tagId;
    /** When the read the claim write was decided from started. */
    private Instant decidedAt;
    /** When the claim write was answered (success or failure: either way it may have landed by then). */
    private Instant answeredAt;
    private Instant probationEnds;
    private Instant verifiedAt;
    private boolean started;
    private int retryCountAtClaim;
    private Task task;
    private Outcome outcome;
    private RetryPolicy.Decision decision;
    private boolean resultSent;
    private Instant completedAt;

    Claim(TaskKind kind, WorkRow chosenFrom, String id, String token, int tagId, String recoveryError,
          Instant chosenAt) {
        this.kind = kind;
        this.chosenFrom = chosenFrom;
        this.id = id;
        this.token = token;
        this.tagId = tagId;
        this.recoveryError = recoveryError;
        this.chosenAt = chosenAt;
    }

    // ------------------------------------------------------------------ transitions

    /** TAGGING → CLAIMING: the claim cells go out through the tag, decided from a read started at {@code readAt}. */
    void claimWritten(Instant readAt) {
        require(State.TAGGING);
        state = State.CLAIMING;
        decidedAt = readAt;
    }

    /** The claim write came back (answered or failed) at {@code at}: the settle delay runs from here. */
    void claimAnswered(Instant at) {
        if (state == State.CLAIMING && answeredAt == null) {
            answeredAt = at;
        }
    }

    /** CLAIMING → PROBATION: the write was late; it waits until {@code until} before it may win. */
    void probation(Instant until) {
        require(State.CLAIMING);
        state = State.PROBATION;
        probationEnds = until;
    }

    /** CLAIMING or PROBATION → HELD (or FINISHING for a stall recovery, which never runs). */
    void win(WorkRow row, Instant at) {
        if (state != State.CLAIMING && state != State.PROBATION) {
            throw new IllegalStateException(this + " cannot win");
        }
        verifiedAt = at;
        retryCountAtClaim = row.retryCount();
        if (isRecovery()) {
            state = State.FINISHING;
            outcome = new Outcome.Failed(FailureClass.TRANSIENT, recoveryError);
            completedAt = at;
            return;
        }
        task = new Task(kind, id, row.url(), row.get(io.github.ytdc.coord.Columns.TITLE),
                row.get(io.github.ytdc.coord.Columns.SOURCE_ID), row.fields(), retryCountAtClaim + 1);
        state = State.HELD;
    }

    /** A worker took the task. */
    void start() {
        require(State.HELD);
        started = true;
    }

    /**
     * HELD → FINISHING with the worker's outcome (or a release at shutdown). Returns whether it was running, so the
     * engine's count of running tasks is decremented exactly once.
     */
    boolean finish(Outcome result, Instant at) {
        require(State.HELD);
        boolean wasRunning = started;
        started = false;
        outcome = result;
        decision = null;
        completedAt = at;
        state = State.FINISHING;
        return wasRunning;
    }

    /** The result write went out (it may have landed even if it failed). */
    void resultSent() {
        require(State.FINISHING);
        resultSent = true;
    }

    /** Any state → ENDED. Returns whether it was running (to be counted down once) and cancels a running task. */
    boolean end() {
        boolean wasRunning = started;
        started = false;
        if (state == State.HELD) {
            context.cancel();
        }
        state = State.ENDED;
        return wasRunning;
    }

    /** A lost tag was replaced (the row was found by ID and token and tagged again). */
    void retagged(int newTagId) {
        tagId = newTagId;
    }

    /** The retry decision for a failure, taken once per claim so a re-sent write carries the same values. */
    RetryPolicy.Decision decide(RetryPolicy policy, FailureClass failure, Instant now,
                                java.util.random.RandomGenerator random) {
        if (decision == null) {
            decision = policy.decide(failure, retryCountAtClaim, now, random);
        }
        return decision;
    }

    // ------------------------------------------------------------------ queries

    State state() {
        return state;
    }

    int tagId() {
        return tagId;
    }

    boolean isRecovery() {
        return recoveryError != null;
    }

    boolean fillsBlankId() {
        return chosenFrom.id().isEmpty();
    }

    boolean started() {
        return started;
    }

    boolean resultWasSent() {
        return resultSent;
    }

    Outcome outcome() {
        return outcome;
    }

    Optional<RetryPolicy.Decision> decision() {
        return Optional.ofNullable(decision);
    }

    int retryCountAtClaim() {
        return retryCountAtClaim;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    Optional<Instant> answeredAt() {
        return Optional.ofNullable(answeredAt);
    }

    Instant probationEnds() {
        return probationEnds;
    }

    Optional<Instant> verifiedAt() {
        return Optional.ofNullable(verifiedAt);
    }

    Instant completedAt() {
        return completedAt;
    }

    /** True when {@code row} is this claim's task: same ID, or for a URL-only row, blank ID and same URL. */
    boolean isTaskOf(WorkRow row) {
        if (fillsBlankId()) {
            return (row.id().isEmpty() && row.url().equals(chosenFrom.url())) || row.id().equals(id);
        }
        return row.id().equals(id);
    }

    /** The task; set once the claim is won. */
    Task task() {
        return task;
    }

    /** Cancelled when the claim is lost or the agent stops. */
    TaskContext context() {
        return context;
    }

    TaskKind kind() {
        return kind;
    }

    String id() {
        return id;
    }

    /** Time from choosing the row until {@code at}. */
    Duration since(Instant at) {
        return Duration.between(chosenAt, at);
    }

    String key() {
        return key(kind, id);
    }

    static String key(TaskKind kind, String id) {
        return kind.label() + ":" + id;
    }

    HeldTask view() {
        String phase = switch (state) {
            case TAGGING, CLAIMING, PROBATION -> "verifying";
            case HELD -> started ? "running" : "ready";
            case FINISHING, ENDED -> "finishing";
        };
        return new HeldTask(kind, id, task == null ? chosenFrom.url() : task.url(),
                task == null ? "" : task.title(), phase, chosenAt, context.progress);
    }

    private void require(State expected) {
        if (state != expected) {
            throw new IllegalStateException(this + ": expected " + expected);
        }
    }

    @Override
    public String toString() {
        return kind.label() + " " + id + " [" + state + "]";
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
