package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.TaggedRow;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and sends a tick's one read (G7): both work tabs' header rows, the Sources tab whole, Video Tasks as a window
 * of full rows starting just above the finished prefix (the rows from the top that are all done or error), the rows
 * carrying this agent's row tags wherever people moved them, and the ranges the runtime piggybacks.
 *
 * <p>A sweep adds the whole tab's Status column to that same request, and nothing more: on a tab of 100,000 finished
 * rows that column is a thirtieth of the full rows. From it the sweep finds where the finished prefix ends and which
 * rows outside the window may need action (not finished, or cells below the last Status that may be a row without
 * one). Those rows, and only those, are then read in full by a second {@code batchGet}, so every decision is still
 * taken on full rows read just before the write. Remembers per tab where the prefix ends and the last row seen. Used
 * by the ticking thread only.
 */
final class ReadPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(ReadPlanner.class);
    /** Rows re-read above the finished prefix, so rows deleted above it cannot hide unfinished rows. */
    private static final int WINDOW_MARGIN = 20;
    /** Rows this close together are read as one range: fewer ranges in the request URL, few extra bytes. */
    private static final int COALESCE_GAP = 8;
    /** Ranges of full rows per request beyond the window, to keep the request URL short. */
    private static final int MAX_ROW_RANGES = 40;
    /** The end row of a range as the API echoes it, e.g. {@code 'Video Tasks'!A1:A101001}. */
    private static final Pattern ECHO_END_ROW = Pattern.compile(":[A-Z]+(\\d+)$");

    private final SpreadsheetPort port;
    private final TabNames tabs;
    private final int configuredWindowRows;
    /** The window's height: the configured one, or more for a fleet (see {@link #windowAtLeast}). */
    private int windowRows;
    private final ResyncSchedule resync;
    private final CoordinatorListener listener;
    private final Map<String, Integer> firstUnfinished = new HashMap<>();
    private final Map<String, Integer> lastRow = new HashMap<>();
    /** The Video Tasks header of the last read: where a sweep finds the ID and Status columns. */
    private Header videosHeader;

    ReadPlanner(CoordinatorConfig cfg, ResyncSchedule resync, CoordinatorListener listener) {
        this.port = cfg.port();
        this.tabs = cfg.tabs();
        this.configuredWindowRows = cfg.windowRows();
        this.windowRows = configuredWindowRows;
        this.resync = resync;
        this.listener = listener;
    }

    /**
     * Reads a window of at least {@code rows} rows from the next read on (never fewer than configured). why: each
     * agent of a fleet claims the rows it prefers first (see {@link Fleet}), about one in fleet-size of the window's
     * pending rows; a window sized for one agent leaves each agent of a big fleet too few of its own to tag ahead, and
     * it takes others' rows, which their owners are about to claim.
     */
    void windowAtLeast(int rows) {
        windowRows = Math.max(configuredWindowRows, rows);
    }

    /** Headers as the schema check left them, so the first sweep already reads only two columns. */
    void knowHeaders(Map<String, Header> headers) {
        Header h = headers.get(tabs.videos());
        if (h != null) {
            videosHeader = h;
        }
    }

    /**
     * Reads both work tabs, and the rows carrying {@code tagIds} wherever they are now, in one request (two when a
     * sweep finds rows outside the window to read in full).
     *
     * @param sweep  also read the whole Video Tasks tab's Status column
     * @param tagIds row tags of the claims this agent holds
     */
    TickRead read(boolean sweep, Instant now, Collection<Integer> tagIds) {
        try {
            return plannedRead(sweep, now, tagIds);
        } catch (SheetsException e) {
            if (e.retryable()) {
                throw e;
            }
            // A row range starting past the grid (rows deleted at the end since the last read) is refused: read the
            // whole tab once, which always exists, and start over from what it shows.
            LOG.debug("row-addressed read refused ({}); reading the whole tab", e.getMessage());
            return wholeRead(now, tagIds);
        }
    }

    private TickRead plannedRead(boolean sweep, Instant now, Collection<Integer> tagIds) {
        String videos = tabs.videos();
        String sources = tabs.sources();
        int start = windowStart(videos);
        int windowEnd = start + windowRows - 1;
        Header planned = sweep ? videosHeader : null;
        OptionalInt statusCol = planned == null ? OptionalInt.empty() : planned.column(Columns.STATUS);
        if (sweep && statusCol.isEmpty()) {
            return wholeRead(now, tagIds); // no known header yet: the one read that cannot be narrowed
        }
        List<String> ranges = new ArrayList<>(List.of(A1.rows(videos, 1, 1), A1.rows(videos, start, windowEnd),
                A1.rows(sources, 1, 1), A1.tab(sources)));
        if (sweep) {
            ranges.add(A1.columnFrom(videos, statusCol.getAsInt(), 1));
        }
        List<String> extra = listener.piggybackReads(now);
        int extraAt = ranges.size();
        ranges.addAll(extra);
        Fetched got = fetch(ranges, tagIds);
        if (!extra.isEmpty()) {
            listener.onPiggybackRead(got.ranges().subList(extraAt, got.ranges().size()));
        }
        Header header = Header.of(got.ranges().get(0));
        videosHeader = header;
        TabSnapshot window = TabSnapshot.parse(videos, got.ranges().get(0), got.ranges().get(1), start, windowRows);
        TabSnapshot sourceSnap = TabSnapshot.parse(sources, got.ranges().get(2), got.ranges().get(3), 1, 0);
        remember(sourceSnap);
        if (!sweep) {
            remember(window, window);
            return new TickRead(window, sourceSnap, got.tags());
        }
        if (header.column(Columns.STATUS).equals(statusCol)) {
            TreeMap<Integer, WorkRow> full = new TreeMap<>();
            window.rows().forEach(r -> full.put(r.rowNumber(), r));
            return new TickRead(sweepVideos(header, full, window, got.ranges().get(4)), sourceSnap, got.tags());
        }
        LOG.info("the columns of {} moved since the last read; reading the whole tab", videos);
        return wholeRead(now, tagIds);
    }

    /** The ranges of one read and the tagged rows it found. */
    private record Fetched(List<CellRange> ranges, Map<Integer, TaggedRow> tags) {}

    /** One read request: plain when no rows are tagged, else through data filters (tags find rows that moved). */
    private Fetched fetch(List<String> ranges, Collection<Integer> tagIds) {
        if (tagIds.isEmpty()) {
            return new Fetched(port.batchGet(ranges), Map.of());
        }
        FilteredRead r = port.batchGetByDataFilter(ranges, List.copyOf(tagIds));
        return new Fetched(r.ranges(), r.tags());
    }

    /**
     * Completes a sweep: from the Status column, reads in full the rows outside the window that may need action, and
     * places the window for the ticks that follow.
     */
    private TabSnapshot sweepVideos(Header header, TreeMap<Integer, WorkRow> full, TabSnapshot window,
                                    CellRange statuses) {
        String videos = tabs.videos();
        int start = window.firstRow();
        int extent = statuses.rows().size();
        int first = extent + 1;
        TreeSet<Integer> open = new TreeSet<>();
        for (int i = 1; i < extent; i++) {
            int row = i + 1;
            String status = statuses.cell(i, 0);
            boolean finished = !status.isBlank() && Status.read(status).map(Status::finished).orElse(true);
            if (!status.isBlank() && !finished && row < first) {
                first = row;
            }
            if (!full.containsKey(row) && !finished) {
                open.add(row); // pending, in progress, or a blank Status (a pending row, or a blank one)
            }
        }
        // Rows below the last Status (a URL pasted alone) exist only up to the grid's end, which the echo of the
        // column range tells.
        int gridRows = echoedEndRow(statuses).orElse(extent);
        int tailEnd = Math.min(gridRows, extent + windowRows);
        boolean tailInWindow = window.complete() || start + windowRows - 1 >= tailEnd;
        List<Integer> wanted = new ArrayList<>();
        for (int row : open) {
            if (wanted.size() >= windowRows) {
                break;
            }
            wanted.add(row);
        }
        boolean capped = wanted.size() < open.size();
        List<List<Integer>> runs = runs(wanted);
        if (runs.size() > MAX_ROW_RANGES) {
            runs = runs.subList(0, MAX_ROW_RANGES);
            capped = true;
        }
        List<String> ranges = new ArrayList<>();
        runs.forEach(run -> ranges.add(A1.rows(videos, run.get(0), run.get(run.size() - 1))));
        boolean readTail = !tailInWindow && tailEnd > extent;
        if (readTail) {
            ranges.add(A1.rows(videos, extent + 1, tailEnd));
        }
        boolean tailDone = tailInWindow || tailEnd >= gridRows;
        if (!ranges.isEmpty()) {
            List<CellRange> got = port.batchGet(ranges);
            for (int i = 0; i < runs.size(); i++) {
                addRows(full, header, got.get(i), runs.get(i).get(0));
            }
            if (readTail) {
                addRows(full, header, got.get(got.size() - 1), extent + 1);
            }
        }
        for (WorkRow r : full.values()) {
            if (!isFinished(r, videos) && r.rowNumber() < first) {
                first = r.rowNumber();
            }
        }
        TabSnapshot snap = new TabSnapshot(videos, header, List.copyOf(full.values()), 1, !capped && tailDone);
        firstUnfinished.put(videos, first);
        int last = full.isEmpty() ? extent : Math.max(extent, full.lastKey());
        lastRow.put(videos, Math.max(1, last));
        return snap;
    }

    /** Reads both work tabs whole, every column: the fallback when the narrow sweep cannot be planned. */
    private TickRead wholeRead(Instant now, Collection<Integer> tagIds) {
        String videos = tabs.videos();
        String sources = tabs.sources();
        List<String> ranges = new ArrayList<>(List.of(A1.rows(videos, 1, 1), A1.tab(videos), A1.rows(sources, 1, 1),
                A1.tab(sources)));
        List<String> extra = listener.piggybackReads(now);
        ranges.addAll(extra);
        Fetched fetched = fetch(ranges, tagIds);
        List<CellRange> got = fetched.ranges();
        if (!extra.isEmpty()) {
            listener.onPiggybackRead(got.subList(4, got.size()));
        }
        TabSnapshot videoSnap = TabSnapshot.parse(videos, got.get(0), got.get(1), 1, 0);
        videosHeader = videoSnap.header();
        TabSnapshot sourceSnap = TabSnapshot.parse(sources, got.get(2), got.get(3), 1, 0);
        remember(videoSnap);
        remember(sourceSnap);
        return new TickRead(videoSnap, sourceSnap, fetched.tags());
    }

    private static void addRows(TreeMap<Integer, WorkRow> into, Header header, CellRange body, int firstRow) {
        List<List<String>> values = body.rows();
        for (int i = 0; i < values.size(); i++) {
            WorkRow row = new WorkRow(firstRow + i, header, values.get(i));
            if (row.rowNumber() >= 2 && !row.isBlank()) {
                into.put(row.rowNumber(), row);
            }
        }
    }

    /** Sorted row numbers grouped into runs read as one range each (small gaps are read too). */
    private static List<List<Integer>> runs(Collection<Integer> rows) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> run = null;
        for (int row : new TreeSet<>(rows)) {
            if (row < 2) {
                continue;
            }
            if (run == null || row - run.get(run.size() - 1) > COALESCE_GAP) {
                run = new ArrayList<>();
                out.add(run);
            }
            run.add(row);
        }
        return out;
    }

    private static Optional<Integer> echoedEndRow(CellRange range) {
        Matcher m = ECHO_END_ROW.matcher(range.range() == null ? "" : range.range());
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private int windowStart(String tab) {
        int first = firstUnfinished.getOrDefault(tab, 2);
        int last = lastRow.getOrDefault(tab, 1);
        // A read may not start past the grid: never start below the last data row seen.
        return Math.max(1, Math.min(Math.max(2, first - WINDOW_MARGIN), last));
    }

    private void remember(TabSnapshot snap) {
        remember(snap, snap);
    }

    /** Places the window after a read of {@code snap}; {@code contiguous} is its gap-free part (the window). */
    private void remember(TabSnapshot snap, TabSnapshot contiguous) {
        int first = contiguous.lastRow() + 1;
        for (WorkRow r : contiguous.rows()) {
            if (!isFinished(r, snap.tab())) {
                first = r.rowNumber();
                break;
            }
        }
        firstUnfinished.put(snap.tab(), Math.max(first, contiguous.firstRow()));
        if (contiguous.complete() || snap.lastRow() > lastRow.getOrDefault(snap.tab(), 1)) {
            lastRow.put(snap.tab(), contiguous.complete() ? contiguous.lastRow() : snap.lastRow());
        }
    }

    private boolean isFinished(WorkRow r, String tab) {
        Optional<Status> s = r.status();
        if (s.isEmpty()) {
            return true;
        }
        // A done source that re-syncs comes back: it must stay inside the window.
        if (tab.equals(tabs.sources()) && s.get() == Status.DONE && resync.interval(r).isPresent()) {
            return false;
        }
        return s.get().finished();
    }
}
