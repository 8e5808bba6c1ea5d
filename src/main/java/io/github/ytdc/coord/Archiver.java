package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.StructuralRequest.AddTab;
import io.github.ytdc.sheets.StructuralRequest.AppendRows;
import io.github.ytdc.sheets.StructuralRequest.CopyRows;
import io.github.ytdc.sheets.StructuralRequest.DeleteDimension;
import io.github.ytdc.sheets.StructuralRequest.DeleteTab;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import io.github.ytdc.sheets.TabInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished rows out of Video Tasks into the compact {@code Archive} tab without ever addressing a row by a
 * number that may have changed since it was read.
 *
 * <p><b>Move.</b> One {@code spreadsheets.batchUpdate} copies rows 1..n (header included) to a staging tab private to
 * this agent and deletes data rows 2..n+1. Google applies a batch atomically, so whatever rows hold those numbers when
 * it is applied (a person may have sorted since our read) are both copied and deleted: nothing is lost. Row tags die
 * with the rows, so a late write through one lands nowhere (PROTOCOL.md).
 *
 * <p><b>Compact.</b> The staging tab is read back; finished rows become archive rows, rows that are not finished
 * (moved in by a sort) are appended back to Video Tasks as they were, and the staging tab is deleted, all in one more
 * batch. Because that batch deletes the staging tab, two agents compacting the same leftover tab cannot both succeed:
 * the second batch fails whole, so nothing is archived or returned twice. A staging tab left by a crashed archiver
 * (its title carries its creation time) is compacted by whoever finds it after the stall timeout.
 */
final class Archiver {
    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
    static final String STAGING_PREFIX = "ytdc-staging-";

    /** What one run did. */
    record Result(int archived, int returned) {
        static final Result NONE = new Result(0, 0);

        Result plus(Result o) {
            return new Result(archived + o.archived, returned + o.returned);
        }
    }

    private final SpreadsheetPort port;
    private final TabNames tabs;
    private final String worker;
    private final Clock clock;
    private final Duration stallTimeout;
    private final long cellCap;

    /** An archiver for a workbook under Google's cap of {@link CoordinatorConfig#DEFAULT_CELL_CAP} cells. */
    Archiver(SpreadsheetPort port, TabNames tabs, String worker, Clock clock, Duration stallTimeout) {
        this(port, tabs, worker, clock, stallTimeout, CoordinatorConfig.DEFAULT_CELL_CAP);
    }

    /** @param cellCap the workbook's cell cap, which a staging tab must fit under too */
    Archiver(SpreadsheetPort port, TabNames tabs, String worker, Clock clock, Duration stallTimeout, long cellCap) {
        this.port = port;
        this.tabs = tabs;
        this.worker = worker.replaceAll("[^A-Za-z0-9_.-]", "_");
        this.clock = clock;
        this.stallTimeout = stallTimeout;
        this.cellCap = cellCap;
    }

    /**
     * Counts the rows of the longest archivable block among the first {@code maxRows} of Video Tasks (one read).
     *
     * @param cutoff rows finished at or after this stay
     */
    int archivable(int maxRows, Instant cutoff) {
        CellRange read = port.batchGet(List.of(A1.rows(tabs.videos(), 1, maxRows + 1))).get(0);
        return FinishedBlock.longest(dataRows(read), cutoff).length();
    }

    /**
     * Moves the longest block of archivable rows among the first {@code maxRows} (only if at least {@code minRows}) to a
     * staging tab and compacts it into the archive.
     */
    Result archive(int minRows, int maxRows, Instant cutoff) {
        SpreadsheetInfo info = port.getInfo();
        TabInfo videos = info.tab(tabs.videos()).orElseThrow(() -> new IllegalStateException("no tab "
                + tabs.videos()));
        CellRange read = port.batchGet(List.of(A1.rows(tabs.videos(), 1, maxRows + 1))).get(0);
        FinishedBlock.Block block = FinishedBlock.longest(dataRows(read), cutoff);
        // Google refuses to delete every non-frozen row; keep one.
        int movable = Math.min(block.length(), videos.rowCount() - 2);
        int first = block.offset() + 1; // its first row's index in the tab (0 is the header)
        // why: the staging tab is new cells too; near the cap a full block's tab is refused, and every move with it,
        // so the archiver could never make room. A smaller block fits, and each one moved leaves room for a bigger.
        int n = Math.min(movable, stagingRowsThatFit(info, cellCap, videos.columnCount()));
        if (n < Math.max(1, minRows)) {
            if (n < movable && movable >= Math.max(1, minRows)) {
                LOG.warn("no room under the workbook's cell cap ({}) even for a staging tab of {} rows; cannot "
                        + "archive until cells are freed", CellBudget.of(info, cellCap), Math.max(1, minRows));
            }
            return Result.NONE;
        }
        String title = STAGING_PREFIX + worker + "-" + clock.instant().getEpochSecond();
        port.batchUpdate(List.of(new AddTab(title, n + 1, videos.columnCount())));
        SpreadsheetInfo after = port.getInfo();
        TabInfo staging = after.tab(title).orElseThrow();
        try {
            // One batch, applied atomically: whatever rows hold those numbers when it is applied are copied and
            // deleted together (the header first, so the staging tab reads like Video Tasks).
            port.batchUpdate(List.of(new CopyRows(videos.sheetId(), 0, 1, staging.sheetId(), 0),
                    new CopyRows(videos.sheetId(), first, first + n, staging.sheetId(), 1),
                    new DeleteDimension(videos.sheetId(), Dimension.ROWS, first, first + n)));
        } catch (SheetsException e) {
            // Applied or not, compacting is safe: an empty staging tab is just deleted.
            LOG.warn("moving {} finished rows out of {} failed ({}); tidying up", n, tabs.videos(), e.getMessage());
            compact(staging, after);
            throw e;
        }
        return compact(staging, after);
    }

    /**
     * The most data rows a staging tab of {@code columns} columns may take (it holds the header row too) without the
     * workbook passing {@code cap}; 0 when not even one fits.
     */
    static int stagingRowsThatFit(SpreadsheetInfo info, long cap, int columns) {
        long room = cap - CellBudget.of(info, cap).used();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, room / Math.max(1, columns) - 1));
    }

    /** Compacts staging tabs left by crashed archivers (or by this one) older than the stall timeout. */
    Result compactLeftovers() {
        Instant stale = clock.instant().minus(stallTimeout);
        Result total = Result.NONE;
        SpreadsheetInfo info = port.getInfo();
        for (TabInfo t : info.tabs()) {
            Optional<Instant> created = createdAt(t.title());
            if (created.isPresent() && created.get().isBefore(stale)) {
                LOG.info("compacting staging tab {} left by an archiver that did not finish", t.title());
                total = total.plus(compact(t, info));
            }
        }
        return total;
    }

    static Optional<Instant> createdAt(String title) {
        if (!title.startsWith(STAGING_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(title.substring(title.lastIndexOf('-') + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Compacts one staging tab; {@code info} (read after it was created) gives the other tabs' ids. */
    private Result compact(TabInfo staging, SpreadsheetInfo info) {
        List<CellRange> got = port.batchGet(List.of(A1.tab(staging.title()), A1.rows(tabs.videos(), 1, 1)));
        List<WorkRow> rows = dataRows(got.get(0));
        Header videosHeader = Header.of(got.get(1));
        List<ArchiveEntry> archived = new ArrayList<>();
        List<List<String>> returned = new ArrayList<>();
        for (WorkRow row : rows) {
            if (FinishedBlock.finished(row)) {
                archived.add(ArchiveEntry.of(row));
            } else if (!row.isBlank()) {
                returned.add(asIn(videosHeader, row));
            }
        }
        List<StructuralRequest> batch = new ArrayList<>();
        if (!archived.isEmpty()) {
            batch.add(new AppendRows(archiveTab(info).sheetId(), ArchiveTab.rows(archived, clock.instant())));
        }
        if (!returned.isEmpty()) {
            int videosId = info.tab(tabs.videos()).orElseThrow().sheetId();
            batch.add(new AppendRows(videosId, returned));
        }
        batch.add(new DeleteTab(staging.sheetId()));
        port.batchUpdate(batch);
        if (!returned.isEmpty()) {
            LOG.info("{} unfinished row(s) were moved with finished ones (rows were sorted meanwhile); put back at the"
                    + " end of {}", returned.size(), tabs.videos());
        }
        LOG.info("archived {} finished video row(s) from {} into {}", archived.size(), tabs.videos(), tabs.archive());
        return new Result(archived.size(), returned.size());
    }

    /** A staged row laid out for Video Tasks as it is now (a person may have reordered its columns). */
    private static List<String> asIn(Header videos, WorkRow row) {
        List<String> out = new ArrayList<>();
        for (String name : videos.names()) {
            var c = row.header().column(name);
            out.add(c.isPresent() && c.getAsInt() < row.cells().size() ? row.cells().get(c.getAsInt()) : "");
        }
        return out;
    }

    /** The Archive tab, created with its header when missing (a concurrent creation by another agent is fine). */
    private TabInfo archiveTab(SpreadsheetInfo info) {
        Optional<TabInfo> tab = info.tab(tabs.archive());
        if (tab.isPresent()) {
            return tab.get();
        }
        try {
            port.batchUpdate(List.of(new AddTab(tabs.archive(), 1, ArchiveTab.COLUMNS.size())));
            port.batchUpdateValues(List.of(new RangeWrite(A1.rows(tabs.archive(), 1, 1),
                    List.of(ArchiveTab.COLUMNS))));
        } catch (SheetsException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.debug("{} tab not created ({}); another agent probably did", tabs.archive(), e.getMessage());
        }
        return port.getInfo().tab(tabs.archive()).orElseThrow();
    }

    /** Data rows of a read whose first row is the header. */
    private static List<WorkRow> dataRows(CellRange read) {
        List<List<String>> all = read.rows();
        if (all.isEmpty()) {
            return List.of();
        }
        Header header = Header.of(all.get(0));
        List<WorkRow> rows = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            rows.add(new WorkRow(i + 1, header, all.get(i)));
        }
        return rows;
    }
}
