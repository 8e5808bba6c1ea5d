package io.github.ytdc.ops;

import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Sheet} for ops tests with every request the code under test sends through {@link #port} counted by kind
 * (reads, writes, appends); the test itself prepares and inspects the sheet through {@link #raw} uncounted.
 */
final class TestSheet {
    static final TabNames TABS = TabNames.DEFAULT;

    final SpreadsheetPort raw;
    final Counting port;
    private final Sheet sheet;

    TestSheet() {
        this.sheet = new Sheet(InMemorySpreadsheetPort.create("test-sheet"));
        this.raw = sheet.port;
        this.port = new Counting(raw);
    }

    TestSheet add(String tab, Map<String, String> values) {
        sheet.add(tab, values);
        return this;
    }

    /** Non-blank data rows, in sheet order. */
    List<WorkRow> rows(String tab) {
        return sheet.rows(tab);
    }

    WorkRow row(String tab, String id) {
        return sheet.row(tab, id);
    }

    /** Whole raw cell rows of a tab including blank ones, header first. */
    List<List<String>> cells(String tab) {
        return sheet.cells(tab);
    }

    /** Inserts {@code count} rows above sheet row {@code beforeRow} (one-based), as a person would. */
    void insertRows(String tab, int beforeRow, int count) {
        sheet.insertRows(tab, beforeRow, count);
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

        @Override
        public FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds) {
            reads++;
            return delegate.batchGetByDataFilter(a1Ranges, tagIds);
        }

        @Override
        public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes,
                                                              List<TagWrite> tagWrites) {
            this.writes++;
            return delegate.batchUpdateByDataFilter(a1Writes, tagWrites);
        }

        @Override
        public List<RowTagLocation> searchTags(String key) {
            reads++;
            return delegate.searchTags(key);
        }
    }
}
