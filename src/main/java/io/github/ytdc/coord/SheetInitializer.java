package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.StructuralRequest.Color;
import io.github.ytdc.sheets.TabInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares a spreadsheet for ytdc ({@code ytdc init}): creates missing tabs with their headers, adds missing columns
 * at the end of existing tabs (a Python-era sheet keeps its data and layout), and on a full run freezes the header,
 * puts a status dropdown on Status columns and colours rows by status. Idempotent: on a prepared sheet it only
 * reads (two requests) and writes nothing.
 */
public final class SheetInitializer {
    private static final int NEW_TAB_ROWS = 1000;
    private static final Map<Status, Color> COLOURS = Map.of(
            Status.PENDING, new Color(1.0, 1.0, 1.0),
            Status.IN_PROGRESS, new Color(1.0, 0.95, 0.8),
            Status.DONE, new Color(0.85, 0.94, 0.83),
            Status.ERROR, new Color(0.96, 0.8, 0.8));

    private final SpreadsheetPort port;
    private final TabNames tabs;

    public SheetInitializer(SpreadsheetPort port, TabNames tabs) {
        this.port = port;
        this.tabs = tabs;
    }

    /**
     * What a run did.
     *
     * @param createdTabs   tabs added
     * @param addedColumns  per tab, the columns appended to its header
     * @param formattedTabs tabs that got a frozen header, dropdown and colours
     * @param headers       every tab's header after the run
     * @param info          the spreadsheet's tabs as read at the start, when no tab was created (else {@code null})
     */
    public record Report(List<String> createdTabs, Map<String, List<String>> addedColumns, List<String> formattedTabs,
                         Map<String, Header> headers, SpreadsheetInfo info) {
        /** True when anything was written. */
        public boolean changed() {
            return !createdTabs.isEmpty() || !addedColumns.isEmpty() || !formattedTabs.isEmpty();
        }

        @Override
        public String toString() {
            return "created tabs " + createdTabs + ", added columns " + addedColumns + ", formatted " + formattedTabs;
        }
    }

    /**
     * What {@link #trimGrid} gave back.
     *
     * @param trimmedTabs   tabs whose unused columns were deleted
     * @param deletedSheet1 whether the empty default {@code Sheet1} was deleted
     */
    public record Trimmed(List<String> trimmedTabs, boolean deletedSheet1) {
        public Trimmed {
            trimmedTabs = List.copyOf(trimmedTabs);
        }
    }

    /**
     * Gives back the cells ytdc tabs hold but never use, since Google counts every grid cell against the workbook's
     * 10,000,000-cell cap: empty columns past a tab's header (keeping two spare) and the empty default
     * {@code Sheet1}. What {@code ytdc init} runs after {@link #initialize()}, with its report's headers: one read, at
     * most one write; columns or a tab holding anything are left alone.
     */
    public Trimmed trimGrid(Map<String, Header> headers) {
        return new GridTrimmer(port).trim(headers);
    }

    /** The columns each tab must have, by title. */
    public Map<String, List<String>> requiredColumns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(tabs.sources(), Columns.SOURCES);
        m.put(tabs.videos(), Columns.VIDEOS_TAB);
        m.put(tabs.deadSources(), Columns.SOURCES);
        m.put(tabs.deadVideos(), Columns.VIDEOS_TAB);
        m.put(tabs.workers(), Columns.WORKERS);
        // Created up front (not by the first archiver) so that status and expansion read it in their one batchGet.
        m.put(tabs.archive(), Columns.ARCHIVE);
        return m;
    }

    /** The cheap part the coordinator runs on first use: missing tabs, headers and columns. */
    public Report ensureColumns() {
        return run(false);
    }

    /** Everything {@code ytdc init} does: {@link #ensureColumns()} plus frozen header, dropdowns and colours. */
    public Report initialize() {
        return run(true);
    }

    private Report run(boolean format) {
        Map<String, List<String>> required = requiredColumns();
        SpreadsheetInfo info = port.getInfo();
        List<StructuralRequest> structural = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        required.forEach((tab, columns) -> {
            if (info.tab(tab).isPresent()) {
                existing.add(tab);
            } else {
                created.add(tab);
                structural.add(new StructuralRequest.AddTab(tab, NEW_TAB_ROWS, Math.max(26, columns.size())));
            }
        });
        List<CellRange> headerRows = existing.isEmpty() ? List.of()
                : port.batchGet(existing.stream().map(t -> A1.rows(t, 1, 1)).toList());
        List<RangeWrite> writes = new ArrayList<>();
        Map<String, List<String>> added = new LinkedHashMap<>();
        Map<String, Header> headers = new LinkedHashMap<>();
        for (int i = 0; i < existing.size(); i++) {
            String tab = existing.get(i);
            Header header = Header.of(headerRows.get(i));
            List<String> missing = header.missing(required.get(tab));
            if (!missing.isEmpty()) {
                TabInfo t = info.tab(tab).orElseThrow();
                int width = header.width() + missing.size();
                if (width > t.columnCount()) {
                    structural.add(new StructuralRequest.AppendDimension(t.sheetId(),
                            StructuralRequest.Dimension.COLUMNS, width - t.columnCount()));
                }
                writes.add(new RangeWrite(A1.range(tab, header.width(), 1, width - 1, 1), List.of(missing)));
                added.put(tab, missing);
                header = header.plus(missing);
            }
            headers.put(tab, header);
        }
        for (String tab : created) {
            List<String> columns = required.get(tab);
            writes.add(new RangeWrite(A1.range(tab, 0, 1, columns.size() - 1, 1), List.of(columns)));
            headers.put(tab, Header.of(columns));
        }
        if (!structural.isEmpty()) {
            port.batchUpdate(structural);
        }
        if (!writes.isEmpty()) {
            port.batchUpdateValues(writes);
        }
        List<String> formatted = format ? format(created.isEmpty() ? info : port.getInfo(), headers) : List.of();
        return new Report(List.copyOf(created), added, formatted, headers, created.isEmpty() ? info : null);
    }

    /** Formats tabs whose header is not frozen yet; the freeze is applied atomically with the rest, so it marks them. */
    private List<String> format(SpreadsheetInfo info, Map<String, Header> headers) {
        List<StructuralRequest> requests = new ArrayList<>();
        List<String> formatted = new ArrayList<>();
        for (Map.Entry<String, Header> e : headers.entrySet()) {
            TabInfo t = info.tab(e.getKey()).orElseThrow();
            if (t.frozenRowCount() > 0) {
                continue;
            }
            formatted.add(e.getKey());
            requests.add(new StructuralRequest.FreezeRows(t.sheetId(), 1));
            if (e.getKey().equals(tabs.workers()) || e.getKey().equals(tabs.archive())) {
                continue; // no Status column to colour by
            }
            int status = e.getValue().column(Columns.STATUS).orElseThrow();
            requests.add(new StructuralRequest.Dropdown(t.sheetId(), status,
                    List.of(Status.PENDING.label(), Status.IN_PROGRESS.label(), Status.DONE.label(),
                            Status.ERROR.label())));
            int width = Math.max(e.getValue().width(), 1);
            COLOURS.forEach((s, colour) -> {
                if (s != Status.PENDING) {
                    requests.add(new StructuralRequest.ColorRowsWhen(t.sheetId(), status, width, s.label(), colour));
                }
            });
        }
        if (!requests.isEmpty()) {
            port.batchUpdate(requests);
        }
        return formatted;
    }
}
