package io.github.ytdc.testing;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests sent through a port, by method (each port method is one Sheets request), so protocol steps can
 * be budgeted. Thread-safe; shared by the coordination tests and the tests that cross into the yt-dlp adapter.
 */
public class CountingPort implements SpreadsheetPort {
    protected final SpreadsheetPort delegate;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> readRanges = new CopyOnWriteArrayList<>();
    private final List<List<String>> writeBatches = new CopyOnWriteArrayList<>();

    public CountingPort(SpreadsheetPort delegate) {
        this.delegate = delegate;
    }

    /** Requests sent through {@code method} (e.g. {@code batchGet}, {@code append}) since the last reset. */
    public int count(String method) {
        return counts.getOrDefault(method, new AtomicInteger()).get();
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Counts by method, sorted, for assertion messages. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Every range read, in order, so tests can check how much a step reads. */
    public List<String> readRanges() {
        return readRanges;
    }

    /** Every values.batchUpdate sent, each as its list of ranges. */
    public List<List<String>> writeBatches() {
        return writeBatches;
    }

    public void reset() {
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
    public java.time.Duration writeDelay() {
        return delegate.writeDelay();
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
