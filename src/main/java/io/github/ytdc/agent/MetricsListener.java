package io.github.ytdc.agent;

import io.github.ytdc.agent.AgentMetrics.Outcome;
import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.TaskEvent;

/** Counts how claimed tasks end, from the coordinator's events. */
final class MetricsListener implements CoordinatorListener {
    private final AgentMetrics metrics;

    MetricsListener(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onTaskEvent(TaskEvent e) {
        Outcome outcome = switch (e.type()) {
            case DONE -> Outcome.DONE;
            case RETRY -> Outcome.RETRY;
            case DEAD_LETTER -> Outcome.DEAD_LETTER;
            case RELEASED -> Outcome.RELEASED;
            case LOST_CLAIM -> Outcome.LOST_CLAIM;
            case RESTORED -> Outcome.RESTORED;
            case CLAIMED, PROCESSED -> null;
        };
        if (outcome != null) {
            metrics.taskEnded(e.kind(), outcome);
        }
    }
}
