package io.github.ytdc.testing;

import io.github.ytdc.sheets.ForwardingSpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Counts the requests sent through a port, by method (each port method is one Sheets request), so protocol steps can
 * be budgeted. Thread-safe; shared by the coordination tests and the tests that cross into the yt-dlp adapter.
 */
public class CountingPort extends ForwardingSpreadsheetPort {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> readRanges = new CopyOnWriteArrayList<>();
    private final List<List<String>> writeBatches = new CopyOnWriteArrayList<>();

    public CountingPort(SpreadsheetPort delegate) {
        super(delegate);
    }

    /** Requests sent through {@code method} (e.g. {@code getInfo}, {@code batchGet}) since the last reset. */
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

    /** Every A1 range read (plain or through data filters), in order, so tests can check how much a step reads. */
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

    @Override
    protected <T> T send(Request request, Supplier<T> call) {
        counts.computeIfAbsent(request.method(), m -> new AtomicInteger()).incrementAndGet();
        if (request.method().equals("batchGet") || request.method().equals("batchGetByDataFilter")) {
            readRanges.addAll(request.ranges());
        } else if (request.method().equals("batchUpdateValues")) {
            writeBatches.add(request.ranges());
        }
        return call.get();
    }
}
