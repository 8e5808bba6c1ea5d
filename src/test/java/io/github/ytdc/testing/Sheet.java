package io.github.ytdc.testing;

import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test access to a spreadsheet prepared for ytdc: add rows, read rows by ID, edit cells like a person. */
public final class Sheet {
    public final SpreadsheetPort port;
    public final TabNames tabs = TabNames.DEFAULT;

    public Sheet() {
        this(InMemorySpreadsheetPort.create("test-sheet"));
    }

    /** Prepares {@code port} (tabs and columns) and gives test access to it. */
    public Sheet(SpreadsheetPort port) {
        this.port = port;
        new SheetInitializer(port, tabs).ensureColumns();
    }

    /** Every non-blank data row of {@code tab} in sheet order, read by header name; empty when the tab has no header. */
    public static List<WorkRow> rowsOf(SpreadsheetPort port, String tab) {
        CellRange r = port.batchGet(List.of(A1.tab(tab))).get(0);
        if (r.rows().isEmpty()) {
            return List.of();
        }
        Header h = new Header(r.rows().get(0));
        List<WorkRow> out = new ArrayList<>();
        for (int i = 1; i < r.rows().size(); i++) {
            WorkRow row = new WorkRow(i + 1, h, r.rows().get(i));
            if (!row.isBlank()) {
                out.add(row);
            }
        }
        return out;
    }

    /** Appends rows given by header name, in one request (the tab's header must exist). */
    public static void appendTo(SpreadsheetPort port, String tab, List<Map<String, String>> rows) {
        Header h = headerOf(port, tab);
        port.append(A1.cell(tab, 0, 1), rows.stream().map(r -> RowWrite.newRow(h, r)).toList());
    }

    private static Header headerOf(SpreadsheetPort port, String tab) {
        return new Header(port.batchGet(List.of(A1.rows(tab, 1, 1))).get(0).rows().get(0));
    }

    public Header header(String tab) {
        return headerOf(port, tab);
    }

    public void addVideo(String id, String url) {
        add(tabs.videos(), Map.of("ID", id, "URL", url, "Status", "pending"));
    }

    public void add(String tab, Map<String, String> values) {
        appendTo(port, tab, List.of(values));
    }

    /** Non-blank data rows, in sheet order. */
    public List<WorkRow> rows(String tab) {
        return rowsOf(port, tab);
    }

    /** Whole raw cell rows of a tab including blank ones, header first. */
    public List<List<String>> cells(String tab) {
        return port.batchGet(List.of(A1.tab(tab))).get(0).rows();
    }

    public WorkRow video(String id) {
        return find(tabs.videos(), id).orElseThrow(() -> new AssertionError("no video row " + id));
    }

    public Optional<WorkRow> find(String tab, String id) {
        return rows(tab).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public WorkRow row(String tab, String id) {
        return find(tab, id).orElseThrow(() -> new AssertionError("no row " + id + " in " + tab));
    }

    /** A person inserts {@code count} blank rows above sheet row {@code beforeRow} (one-based). */
    public void insertRows(String tab, int beforeRow, int count) {
        int sheetId = port.getInfo().tab(tab).orElseThrow().sheetId();
        port.batchUpdate(List.of(new StructuralRequest.InsertDimension(sheetId, StructuralRequest.Dimension.ROWS,
                beforeRow - 1, beforeRow - 1 + count)));
    }

    /** A person edits one cell of the row holding {@code id}. */
    public void edit(String tab, String id, String column, String value) {
        WorkRow row = find(tab, id).orElseThrow();
        int c = row.header().column(column).orElseThrow();
        port.batchUpdateValues(List.of(RangeWrite.cell(A1.cell(tab, c, row.rowNumber()), value)));
    }

    /** A person fills one column of every data row of {@code tab} with {@code value} (one write). */
    public void fill(String tab, String column, String value) {
        List<WorkRow> all = rows(tab);
        if (all.isEmpty()) {
            return;
        }
        int c = header(tab).column(column).orElseThrow();
        int last = all.get(all.size() - 1).rowNumber();
        List<List<String>> cells = new ArrayList<>();
        for (int r = 2; r <= last; r++) {
            cells.add(List.of(value));
        }
        port.batchUpdateValues(List.of(new RangeWrite(A1.range(tab, c, 2, c, last), cells)));
    }

    /** A person adds a column at the end of a tab's header (the tab has spare grid columns). */
    public void addColumn(String tab, String name) {
        int width = header(tab).width();
        port.batchUpdateValues(List.of(RangeWrite.cell(A1.cell(tab, width, 1), name)));
    }
}
