package io.github.ytdc.coord;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the requests sent through a port, by method, so protocol steps can be budgeted. */
class CountingPort implements SpreadsheetPort {
    final SpreadsheetPort delegate;
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Every range read, in order, so tests can check how much a step reads. */
    final List<String> readRanges = new CopyOnWriteArrayList<>();
    /** Every values.batchUpdate sent, each as its list of ranges. */
    final List<List<String>> writeBatches = new CopyOnWriteArrayList<>();

    CountingPort(SpreadsheetPort delegate) {
        this.delegate = delegate;
    }

    int count(String method) {
        return counts.getOrDefault(method, new AtomicInteger()).get();
    }

    int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void reset() {
        counts.clear();
        readRanges.clear();
        writeBatches.clear();
    }

    private void hit(String method) {
        counts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public String spreadsheetId() {
        return delegate.spreadsheetId();
    }

    @Override
    public SpreadsheetInfo getInfo() {
        hit("get");
        return delegate.getInfo();
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        hit("batchGet");
        readRanges.addAll(ranges);
        return delegate.batchGet(ranges);
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        hit("batchUpdateValues");
        writeBatches.add(writes.stream().map(RangeWrite::range).toList());
        delegate.batchUpdateValues(writes);
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        hit("append");
        return delegate.append(range, rows);
    }

    @Override
    public void batchClear(List<String> ranges) {
        hit("batchClear");
        delegate.batchClear(ranges);
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        hit("batchUpdate");
        delegate.batchUpdate(requests);
    }
}
