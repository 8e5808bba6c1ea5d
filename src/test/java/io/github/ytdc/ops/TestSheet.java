package io.github.ytdc.ops;

import io.github.ytdc.coord.sheet.Header;
import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.SheetInitializer;
import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spreadsheet for ops tests: prepared like {@code ytdc init} would, rows added and read by header name, and every
 * request counted (reads, writes, appends) through {@link #port}.
 */
final class TestSheet {
    static final TabNames TABS = TabNames.DEFAULT;

    final SpreadsheetPort raw;
    final Counting port;

    TestSheet() {
        this(InMemorySpreadsheetPort.create("test-sheet"), true);
    }

    TestSheet(SpreadsheetPort raw, boolean prepare) {
        this.raw = raw;
        if (prepare) {
            new SheetInitializer(raw, TABS).ensureColumns();
        }
        this.port = new Counting(raw);
    }

    Header header(String tab) {
        return new Header(raw.batchGet(List.of(A1.rows(tab, 1, 1))).get(0).rows().get(0));
    }

    TestSheet add(String tab, Map<String, String> values) {
        raw.append(A1.cell(tab, 0, 1), List.of(RowWrite.newRow(header(tab), values)));
        return this;
    }

    /** Non-blank data rows, in sheet order. */
    List<WorkRow> rows(String tab) {
        CellRange r = raw.batchGet(List.of(A1.tab(tab))).get(0);
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

    Optional<WorkRow> find(String tab, String id) {
        return rows(tab).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    WorkRow row(String tab, String id) {
        return find(tab, id).orElseThrow(() -> new AssertionError("no row " + id + " in " + tab));
    }

    /** Whole raw cell rows of a tab including blank ones, header first. */
    List<List<String>> cells(String tab) {
        return raw.batchGet(List.of(A1.tab(tab))).get(0).rows();
    }

    /** Inserts {@code count} rows above data row {@code beforeRow} (one-based), as a person would. */
    void insertRows(String tab, int beforeRow, int count) {
        int sheetId = raw.getInfo().tab(tab).orElseThrow().sheetId();
        raw.batchUpdate(List.of(new StructuralRequest.InsertDimension(sheetId, StructuralRequest.Dimension.ROWS,
                beforeRow - 1, beforeRow - 1 + count)));
    }

    /** Counts requests by kind. */
    static final class Counting implements SpreadsheetPort {
        private final SpreadsheetPort delegate;
        int reads;
        int writes;
        int appends;

        Counting(SpreadsheetPort delegate) {
            this.delegate = delegate;
        }

        int total() {
            return reads + writes + appends;
        }

        @Override
        public String spreadsheetId() {
            return delegate.spreadsheetId();
        }

        @Override
        public SpreadsheetInfo getInfo() {
            reads++;
            return delegate.getInfo();
        }

        @Override
        public List<CellRange> batchGet(List<String> ranges) {
            reads++;
            return delegate.batchGet(ranges);
        }

        @Override
        public void batchUpdateValues(List<RangeWrite> writes) {
            this.writes++;
            delegate.batchUpdateValues(writes);
        }

        @Override
        public AppendResult append(String range, List<List<String>> rows) {
            appends++;
            return delegate.append(range, rows);
        }

        @Override
        public void batchClear(List<String> ranges) {
            writes++;
            delegate.batchClear(ranges);
        }

        @Override
        public void batchUpdate(List<StructuralRequest> requests) {
            writes++;
            delegate.batchUpdate(requests);
        }
    }
}
