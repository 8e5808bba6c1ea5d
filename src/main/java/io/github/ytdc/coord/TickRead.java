package io.github.ytdc.coord;

import io.github.ytdc.sheets.TaggedRow;
import java.util.Map;
import java.util.Optional;

/**
 * What one tick read of the two work tabs.
 *
 * @param videos  Video Tasks: a window past the finished prefix, or the whole tab on a sweep
 * @param sources Sources: always the whole tab (one row per channel or playlist)
 * @param tagged  the rows carrying this agent's row tags, by tag id, wherever they are now
 */
record TickRead(TabSnapshot videos, TabSnapshot sources, Map<Integer, TaggedRow> tagged) {
    /** True when every data row of both tabs was read. */
    boolean complete() {
        return videos.complete() && sources.complete();
    }

    TabSnapshot of(TaskKind kind) {
        return kind == TaskKind.VIDEO ? videos : sources;
    }

    /** The row carrying {@code tagId} in {@code kind}'s tab, or empty when no row there carries it (deleted). */
    Optional<WorkRow> tagged(int tagId, TaskKind kind) {
        TaggedRow t = tagged.get(tagId);
        TabSnapshot snap = of(kind);
        if (t == null || !t.tab().equals(snap.tab())) {
            return Optional.empty();
        }
        return Optional.of(new WorkRow(t.rowNumber(), snap.header(), t.values()));
    }
}
