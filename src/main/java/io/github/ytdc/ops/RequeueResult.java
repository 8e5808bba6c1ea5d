package io.github.ytdc.ops;

import io.github.ytdc.coord.TaskKind;
import java.util.List;

/**
 * What {@code ytdc requeue} moved (or, in a dry run, would move).
 *
 * @param dryRun       nothing was written
 * @param moves        one entry per requeued ID, in sheet order
 * @param unmatchedIds IDs the request named that matched nothing requeueable
 * @param notes        rows left alone and why (e.g. a stalled row without an ID cannot be confirmed)
 */
record RequeueResult(boolean dryRun, List<Move> moves, List<String> unmatchedIds, List<String> notes) {
    public RequeueResult {
        moves = List.copyOf(moves);
        unmatchedIds = List.copyOf(unmatchedIds);
        notes = List.copyOf(notes);
    }

    /**
     * One requeued row.
     *
     * @param kind   source or video
     * @param id     its ID
     * @param action exactly what was changed, with tabs and row numbers as read
     */
    public record Move(TaskKind kind, String id, String action) {}
}
