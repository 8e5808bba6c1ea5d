package io.github.ytdc.ops;

import io.github.ytdc.coord.TaskKind;
import java.util.List;

/**
 * Dead-lettered rows: the work tabs' {@code error} rows and the dead-letter tabs' copies, counted once per ID.
 *
 * @param total   dead-lettered sources and videos
 * @param byError how many share each error, most frequent first
 * @param latest  the most recently dead-lettered rows (the dead-letter tabs' last rows), newest first
 */
record DeadLetterSummary(int total, List<ErrorCount> byError, List<DeadLetter> latest) {
    public DeadLetterSummary {
        byError = List.copyOf(byError);
        latest = List.copyOf(latest);
    }

    /** Rows failing with one error text (its first line, shortened). */
    public record ErrorCount(String error, int count) {}

    /**
     * One dead-lettered row.
     *
     * @param kind       source or video
     * @param id         its ID
     * @param sourceId   for a video, its SourceID
     * @param error      LastError
     * @param retryCount RetryCount
     */
    public record DeadLetter(TaskKind kind, String id, String sourceId, String error, int retryCount) {}
}
