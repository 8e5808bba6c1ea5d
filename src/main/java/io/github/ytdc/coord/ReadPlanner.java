package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.coord.sheet.TabSnapshot;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans and sends a tick's one {@code batchGet} (G7): both work tabs' header rows, the Sources tab whole, and Video
 * Tasks either whole (a sweep) or as a window of rows starting just above the finished prefix (the rows from the top
 * that are all done or error), plus the ranges the runtime piggybacks. Remembers per tab where that prefix ends and
 * the last row seen. Used by the ticking thread only.
 */
final class ReadPlanner {
    /** Rows re-read above the finished prefix, so rows deleted above it cannot hide unfinished rows. */
    private static final int WINDOW_MARGIN = 20;

    private final SpreadsheetPort port;
    private final TabNames tabs;
    private final int windowRows;
    private final ResyncSchedule resync;
    private final CoordinatorListener listener;
    private final Map<String, Integer> firstUnfinished = new HashMap<>();
    private final Map<String, Integer> lastRow = new HashMap<>();

    ReadPlanner(CoordinatorConfig cfg, ResyncSchedule resync) {
        this.port = cfg.port();
        this.tabs = cfg.tabs();
        this.windowRows = cfg.windowRows();
        this.resync = resync;
        this.listener = cfg.listener();
    }

    /** Reads both work tabs (Video Tasks whole when {@code wholeVideos}, else windowed) in one request. */
    TickRead read(boolean wholeVideos, Instant now) {
        List<String> ranges = new ArrayList<>();
        int[] starts = new int[2];
        String[] work = {tabs.videos(), tabs.sources()};
        // Sources hold one row per channel or playlist: always read whole; Video Tasks are windowed.
        boolean[] whole = {wholeVideos, true};
        for (int i = 0; i < 2; i++) {
            ranges.add(A1.rows(work[i], 1, 1));
            if (whole[i]) {
                starts[i] = 1;
                ranges.add(A1.tab(work[i]));
            } else {
                starts[i] = windowStart(work[i]);
                ranges.add(A1.rows(work[i], starts[i], starts[i] + windowRows - 1));
            }
        }
        List<String> extra = listener.piggybackReads(now);
        ranges.addAll(extra);
        List<CellRange> got = port.batchGet(ranges);
        if (!extra.isEmpty()) {
            listener.onPiggybackRead(got.subList(4, got.size()));
        }
        TabSnapshot[] snaps = new TabSnapshot[2];
        for (int i = 0; i < 2; i++) {
            snaps[i] = TabSnapshot.parse(work[i], got.get(2 * i), got.get(2 * i + 1), starts[i],
                    whole[i] ? 0 : windowRows);
            remember(snaps[i]);
        }
        return new TickRead(snaps[0], snaps[1]);
    }

    private int windowStart(String tab) {
        int first = firstUnfinished.getOrDefault(tab, 2);
        int last = lastRow.getOrDefault(tab, 1);
        // A read may not start past the grid: never start below the last data row seen.
        return Math.max(1, Math.min(Math.max(2, first - WINDOW_MARGIN), last));
    }

    private void remember(TabSnapshot snap) {
        int first = snap.lastRow() + 1;
        for (WorkRow r : snap.rows()) {
            if (!isFinished(r, snap)) {
                first = r.rowNumber();
                break;
            }
        }
        firstUnfinished.put(snap.tab(), Math.max(first, snap.firstRow()));
        if (snap.complete() || snap.lastRow() > lastRow.getOrDefault(snap.tab(), 1)) {
            lastRow.put(snap.tab(), snap.lastRow());
        }
    }

    private boolean isFinished(WorkRow r, TabSnapshot snap) {
        Optional<Status> s = r.status();
        if (s.isEmpty()) {
            return true;
        }
        // A done source that re-syncs comes back: it must stay inside the window.
        if (snap.tab().equals(tabs.sources()) && s.get() == Status.DONE && resync.interval(r).isPresent()) {
            return false;
        }
        return s.get().finished();
    }
}
