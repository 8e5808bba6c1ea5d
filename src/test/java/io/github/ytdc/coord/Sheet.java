package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.Header;
import io.github.ytdc.coord.sheet.SheetInitializer;
import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test access to a spreadsheet prepared for ytdc: add rows, read rows by ID, edit cells like a person. */
final class Sheet {
    final SpreadsheetPort port;
    final TabNames tabs = TabNames.DEFAULT;

    Sheet() {
        this(InMemorySpreadsheetPort.create("test-sheet"));
    }

    Sheet(SpreadsheetPort port) {
        this.port = port;
        new SheetInitializer(port, tabs).ensureColumns();
    }

    Header header(String tab) {
        CellRange r = port.batchGet(List.of(A1.rows(tab, 1, 1))).get(0);
        return new Header(r.rows().get(0));
    }

    void addVideo(String id, String url) {
        add(tabs.videos(), Map.of("ID", id, "URL", url, "Status", "pending"));
    }

    void add(String tab, Map<String, String> values) {
        Header h = header(tab);
        port.append(A1.cell(tab, 0, 1), List.of(io.github.ytdc.coord.sheet.RowWrite.newRow(h, values)));
    }

    List<WorkRow> rows(String tab) {
        CellRange r = port.batchGet(List.of(A1.tab(tab))).get(0);
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

    WorkRow video(String id) {
        return find(tabs.videos(), id).orElseThrow(() -> new AssertionError("no video row " + id));
    }

    Optional<WorkRow> find(String tab, String id) {
        return rows(tab).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** A person edits one cell of the row holding {@code id}. */
    void edit(String tab, String id, String column, String value) {
        WorkRow row = find(tab, id).orElseThrow();
        int c = row.header().column(column).orElseThrow();
        port.batchUpdateValues(List.of(RangeWrite.cell(A1.cell(tab, c, row.rowNumber()), value)));
    }

    /** A person adds a column at the end of a tab's header (the tab has spare grid columns). */
    void addColumn(String tab, String name) {
        int width = header(tab).width();
        port.batchUpdateValues(List.of(RangeWrite.cell(A1.cell(tab, width, 1), name)));
    }
}
