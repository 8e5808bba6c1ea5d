package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeteredPortTest {

    /** A clock that moves 10 ms on every reading, so each call takes exactly 10 ms. */
    private static Clock ticking() {
        AtomicLong ms = new AtomicLong();
        return new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(ms.getAndAdd(10)); }
        };
    }

    @Test
    void reads_to_the_end_of_the_swept_tab_are_totalled_apart_from_every_other_call() {
        AtomicLong served = new AtomicLong();
        InMemorySpreadsheetPort sheet = InMemorySpreadsheetPort.create("m");
        // Stands in for the emulator's byte counter: each call "answers" 100 bytes, a whole-tab read 5000.
        // Stands in for the emulator's byte counter: each call "answers" 100 bytes, a whole-tab read 5000.
        SpreadsheetPort answering = new SpreadsheetPort() {
            @Override public String spreadsheetId() { return sheet.spreadsheetId(); }
            @Override public SpreadsheetInfo getInfo() { return sheet.getInfo(); }
            @Override public AppendResult append(String range, List<List<String>> rows) { return sheet.append(range, rows); }
            @Override public void batchClear(List<String> ranges) { sheet.batchClear(ranges); }
            @Override public void batchUpdate(List<StructuralRequest> requests) { sheet.batchUpdate(requests); }
            @Override public FilteredRead batchGetByDataFilter(List<String> r, List<Integer> t) {
                return sheet.batchGetByDataFilter(r, t);
            }
            @Override public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> w,
                                                                             List<TagWrite> t) {
                return sheet.batchUpdateByDataFilter(w, t);
            }
            @Override public List<RowTagLocation> searchTags(String key) {
                return sheet.searchTags(key);
            }

            @Override
            public List<CellRange> batchGet(List<String> ranges) {
                served.addAndGet(ranges.contains("Sheet1") || ranges.contains("Sheet1!A1:A") ? 5000 : 100);
                return sheet.batchGet(ranges);
            }

            @Override
            public void batchUpdateValues(List<RangeWrite> writes) {
                served.addAndGet(100);
                sheet.batchUpdateValues(writes);
            }
        };
        MeteredPort port = new MeteredPort(answering, served::get, ticking(),
                r -> r.equals("Sheet1") || r.equals("Sheet1!A1:A"));
        port.batchGet(List.of("Sheet1!1:1", "Sheet1"));
        port.batchGet(List.of("Sheet1!1:1", "Sheet1!2:301"));
        port.batchGet(List.of("Sheet1!1:1", "Sheet1!A1:A"));
        port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "x")));
        assertEquals(2, port.sweeps().calls());
        assertEquals(10000, port.sweeps().bytes());
        assertEquals(2, port.others().calls());
        assertEquals(200, port.others().bytes());
        assertEquals(Duration.ofMillis(20), port.others().time());
    }
}
