package io.github.ytdc.sheets;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A port that passes every request to another one through {@link #send}, the single place a decorator counts, times
 * or meters requests. Subclasses override {@code send} (and, in tests, any request method).
 */
public abstract class ForwardingSpreadsheetPort implements SpreadsheetPort {
    /**
     * One request on its way.
     *
     * @param method the port method, e.g. {@code batchGet}, {@code batchUpdateValues}, {@code batchGetByDataFilter}
     * @param write  whether Google counts it against the write quota
     * @param ranges the A1 ranges it names (empty for {@code getInfo}, {@code searchTags} and structural requests;
     *               a data-filter request names only its A1 ranges, not its tags)
     */
    public record Request(String method, boolean write, List<String> ranges) {
        public Request {
            Objects.requireNonNull(method, "method");
            ranges = List.copyOf(ranges);
        }
    }

    protected final SpreadsheetPort delegate;

    protected ForwardingSpreadsheetPort(SpreadsheetPort delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Sends {@code request} by running {@code call}; the default just runs it. */
    protected <T> T send(Request request, Supplier<T> call) {
        return call.get();
    }

    private void sendVoid(Request request, Runnable call) {
        send(request, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public String spreadsheetId() {
        return delegate.spreadsheetId();
    }

    @Override
    public Duration writeDelay() {
        return delegate.writeDelay(); // the engine waits for the write slot before reading (G1)
    }

    @Override
    public Duration readDelay() {
        return delegate.readDelay(); // the engine takes a claim's decision time once the read may go out (G1)
    }

    @Override
    public SpreadsheetInfo getInfo() {
        return send(new Request("getInfo", false, List.of()), delegate::getInfo);
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        return send(new Request("batchGet", false, ranges), () -> delegate.batchGet(ranges));
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        sendVoid(new Request("batchUpdateValues", true, writes.stream().map(RangeWrite::range).toList()),
                () -> delegate.batchUpdateValues(writes));
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        return send(new Request("append", true, List.of(range)), () -> delegate.append(range, rows));
    }

    @Override
    public void batchClear(List<String> ranges) {
        sendVoid(new Request("batchClear", true, ranges), () -> delegate.batchClear(ranges));
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        sendVoid(new Request("batchUpdate", true, List.of()), () -> delegate.batchUpdate(requests));
    }

    @Override
    public FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds) {
        return send(new Request("batchGetByDataFilter", false, a1Ranges),
                () -> delegate.batchGetByDataFilter(a1Ranges, tagIds));
    }

    @Override
    public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
        return send(new Request("batchUpdateByDataFilter", true, a1Writes.stream().map(RangeWrite::range).toList()),
                () -> delegate.batchUpdateByDataFilter(a1Writes, tagWrites));
    }

    @Override
    public List<RowTagLocation> searchTags(String key) {
        return send(new Request("searchTags", false, List.of()), () -> delegate.searchTags(key));
    }

    @Override
    public void shareQuotaAmong(int agents) {
        delegate.shareQuotaAmong(agents);
    }

    @Override
    public void finishWithin(Duration timeLeft) {
        delegate.finishWithin(timeLeft);
    }

    @Override
    public boolean supportsCompareAndSet() {
        return delegate.supportsCompareAndSet();
    }

    @Override
    public List<Boolean> compareAndSet(List<GuardedWrite> writes) {
        return send(new Request("compareAndSet", true, writes.stream().map(w -> w.tab() + "!" + w.rowNumber()).toList()),
                () -> delegate.compareAndSet(writes));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
