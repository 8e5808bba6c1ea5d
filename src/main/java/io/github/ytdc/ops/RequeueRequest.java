package io.github.ytdc.ops;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TaskKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code ytdc requeue} should put back to pending.
 *
 * @param mode         dead-lettered rows, or in-progress rows whose lease expired
 * @param kinds        which tabs: sources, videos, or both
 * @param sourceId     only this source (for videos: their SourceID), or {@code null} for all
 * @param ids          only rows with these IDs; empty for all
 * @param stallTimeout for {@link Mode#STALLED}: a lease (HeartbeatAt, else ClaimedAt) older than this has expired
 * @param dryRun       report what would move, write nothing
 */
public record RequeueRequest(Mode mode, Set<TaskKind> kinds, String sourceId, Set<String> ids, Duration stallTimeout,
                             boolean dryRun) {
    /** Which rows to requeue. */
    public enum Mode {
        /** Rows in the dead-letter tabs, and work-tab rows whose status is {@code error}. */
        DEAD_LETTERS,
        /** {@code in-progress} rows whose lease is older than the stall timeout (their agent died). */
        STALLED
    }

    public RequeueRequest {
        Objects.requireNonNull(mode, "mode");
        kinds = kinds == null || kinds.isEmpty() ? EnumSet.allOf(TaskKind.class) : Set.copyOf(kinds);
        sourceId = sourceId == null || sourceId.isBlank() ? null : sourceId.trim();
        ids = ids == null ? Set.of() : ids.stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        stallTimeout = stallTimeout == null ? CoordinatorConfig.DEFAULT_STALL_TIMEOUT : stallTimeout;
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stall timeout must be > 0, was " + stallTimeout);
        }
    }

    /** Every dead letter, sources and videos, for real. */
    public static RequeueRequest deadLetters() {
        return new RequeueRequest(Mode.DEAD_LETTERS, null, null, null, null, false);
    }

    /** Every stalled row under the coordinator's default stall timeout, for real. */
    public static RequeueRequest stalled() {
        return new RequeueRequest(Mode.STALLED, null, null, null, null, false);
    }

    public RequeueRequest onlyKind(TaskKind kind) {
        return new RequeueRequest(mode, EnumSet.of(kind), sourceId, ids, stallTimeout, dryRun);
    }

    public RequeueRequest onlySource(String id) {
        return new RequeueRequest(mode, kinds, id, ids, stallTimeout, dryRun);
    }

    public RequeueRequest onlyIds(Set<String> only) {
        return new RequeueRequest(mode, kinds, sourceId, only, stallTimeout, dryRun);
    }

    public RequeueRequest withStallTimeout(Duration timeout) {
        return new RequeueRequest(mode, kinds, sourceId, ids, timeout, dryRun);
    }

    public RequeueRequest asDryRun() {
        return new RequeueRequest(mode, kinds, sourceId, ids, stallTimeout, true);
    }
}
