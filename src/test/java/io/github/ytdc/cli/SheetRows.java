package io.github.ytdc.cli;

import io.github.ytdc.coord.sheet.Header;
import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test access to a tab's rows by header name, as a person would see them. */
public final class SheetRows {
    private SheetRows() {}

    /** Every non-blank data row of {@code tab}; empty when the tab has no header yet. */
    public static List<WorkRow> rows(SpreadsheetPort port, String tab) {
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

    /** Appends rows given by header name (the header must exist). */
    public static void append(SpreadsheetPort port, String tab, List<Map<String, String>> rows) {
        Header h = new Header(port.batchGet(List.of(A1.rows(tab, 1, 1))).get(0).rows().get(0));
        port.append(A1.cell(tab, 0, 1), rows.stream().map(r -> RowWrite.newRow(h, r)).toList());
    }
}
