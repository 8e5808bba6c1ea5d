package io.github.ytdc.coord;

/**
 * What a processor may ask of the coordinator while it works on a task. The coordinator renews the task's
 * lease meanwhile; if the claim is lost (another agent took it over) or the agent is stopping, the task is
 * cancelled and the processor should stop as soon as it can.
 */
public interface TaskContext {

    /** True once the claim is lost or the agent is shutting down; the result will not be recorded. */
    boolean isCancelled();

    /**
     * Runs {@code action} once when the task is cancelled (at once if it already is), e.g. to kill a
     * download process.
     */
    void onCancel(Runnable action);

    /** Reports progress for logs, status and metrics; may be called often. */
    default void progress(Progress progress) {}

    /**
     * Progress of a task.
     *
     * @param percent       0 to 100, or negative when unknown
     * @param bytesPerSecond current speed, or negative when unknown
     * @param etaSeconds    estimated seconds left, or negative when unknown
     * @param bytesDone     bytes transferred so far, or negative when unknown
     */
    record Progress(double percent, double bytesPerSecond, long etaSeconds, long bytesDone) {}

    /** A context that is never cancelled, for running a processor outside an agent. */
    static TaskContext detached() {
        return new TaskContext() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {}
        };
    }
}
