package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.StructuralRequest.DeleteDimension;
import io.github.ytdc.sheets.StructuralRequest.DeleteTab;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import io.github.ytdc.sheets.TabInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives back cells ytdc tabs hold but never use, since Google counts every grid cell against the workbook's
 * 10,000,000-cell cap: columns past a tab's header (keeping {@link #SPARE_COLUMNS} for people's own columns) when
 * they hold nothing, and the default {@code Sheet1} when it is empty. Run by {@code ytdc init}: one read, at most one
 * write; columns or a tab holding anything are left alone.
 */
final class GridTrimmer {
    /** Empty columns kept after the header, room for a person's own column or two. */
    static final int SPARE_COLUMNS = 2;
    static final String DEFAULT_TAB = "Sheet1";

    private final SpreadsheetPort port;

    GridTrimmer(SpreadsheetPort port) {
        this.port = port;
    }

    /** Trims the tabs whose headers are given (as {@link SheetInitializer.Report#headers()} holds them). */
    SheetInitializer.Trimmed trim(Map<String, Header> headers) {
        SpreadsheetInfo info = port.getInfo();
        List<String> ranges = new ArrayList<>();
        List<TabInfo> wide = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        headers.forEach((title, header) -> info.tab(title).ifPresent(t -> {
            int k = header.width() + SPARE_COLUMNS;
            if (t.columnCount() > k) {
                wide.add(t);
                keep.add(k);
                ranges.add(A1.range(t.title(), k, 1, t.columnCount() - 1, Math.max(1, t.rowCount())));
            }
        }));
        Optional<TabInfo> sheet1 = info.tab(DEFAULT_TAB).filter(t -> !headers.containsKey(t.title()));
        sheet1.ifPresent(t -> ranges.add(A1.tab(t.title())));
        if (ranges.isEmpty()) {
            return new SheetInitializer.Trimmed(List.of(), false);
        }
        List<CellRange> got = port.batchGet(ranges);
        List<StructuralRequest> requests = new ArrayList<>();
        List<String> trimmed = new ArrayList<>();
        for (int i = 0; i < wide.size(); i++) {
            if (got.get(i).rows().isEmpty()) {
                TabInfo t = wide.get(i);
                requests.add(new DeleteDimension(t.sheetId(), Dimension.COLUMNS, keep.get(i), t.columnCount()));
                trimmed.add(t.title());
            }
        }
        boolean deleteSheet1 = sheet1.isPresent() && got.get(got.size() - 1).rows().isEmpty();
        if (deleteSheet1) {
            requests.add(new DeleteTab(sheet1.get().sheetId()));
        }
        if (!requests.isEmpty()) {
            port.batchUpdate(requests);
        }
        return new SheetInitializer.Trimmed(trimmed, deleteSheet1);
    }
}
