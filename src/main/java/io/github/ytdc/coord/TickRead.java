package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.TabSnapshot;

/**
 * What one tick read of the two work tabs.
 *
 * @param videos  Video Tasks: a window past the finished prefix, or the whole tab on a sweep
 * @param sources Sources: always the whole tab (one row per channel or playlist)
 */
record TickRead(TabSnapshot videos, TabSnapshot sources) {
    /** True when every data row of both tabs was read. */
    boolean complete() {
        return videos.complete() && sources.complete();
    }

    TabSnapshot of(TaskKind kind) {
        return kind == TaskKind.VIDEO ? videos : sources;
    }
}
