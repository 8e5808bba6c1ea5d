package io.github.ytdc.ops;

import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TabSnapshot;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.coord.ArchiveTab;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tabs of a ytdc spreadsheet as one read saw them.
 *
 * @param tabs        the tab titles in use
 * @param snapshots   each tab that was read, by title (the Workers tab too: its rows are read with the same parser)
 * @param missingTabs tabs that were asked for but do not exist
 */
record SheetState(TabNames tabs, Map<String, TabSnapshot> snapshots, List<String> missingTabs) {
    public SheetState {
        snapshots = Map.copyOf(snapshots);
        missingTabs = List.copyOf(missingTabs);
    }

    /** The tab as read, empty when it is missing or was not asked for. */
    public Optional<TabSnapshot> tab(String title) {
        return Optional.ofNullable(snapshots.get(title));
    }

    /**
     * Done videos moved to the Archive tab, per source ID, summed over its {@code Sources} cells; empty when nothing
     * was archived.
     */
    public Map<String, Integer> archivedBySource() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (WorkRow r : rows(tabs.archive())) {
            ArchiveTab.sourceCounts(r.get(ArchiveTab.SOURCES)).forEach((id, n) -> out.merge(id, n, Integer::sum));
        }
        return out;
    }

    /** The non-blank data rows of a tab, none when the tab is missing. */
    public List<WorkRow> rows(String title) {
        return tab(title).map(TabSnapshot::rows).orElse(List.of());
    }
}
