package io.github.ytdc.sheets;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The one way ytdc reads and writes a spreadsheet: values-level batch reads and writes, append, and the
 * structural requests {@code ytdc init} needs. Every method is exactly one Sheets API request, so callers
 * can count and budget them (Google allows 60 reads and 60 writes per minute per user).
 *
 * <p>Three implementations behave the same, checked by one contract test suite:
 * {@code InMemorySpreadsheetPort} (the model in memory), {@code LocalSpreadsheetPort} (the same model in a
 * folder, shared by processes on one host) and {@code GoogleSpreadsheetPort} (the real API or the emulator).
 *
 * <p>Values are strings: reads use {@code FORMATTED_VALUE}; writes use {@code RAW}, so nothing ytdc writes can
 * become a formula, a number or a date. Reads follow Google's trimming: trailing empty cells and rows are
 * left out, interior blanks read as {@code ""}. Ranges are A1 notation (see {@link A1}).
 *
 * <p>Failures surface as {@link SheetsException}, whose {@link SheetsException#retryable()} says whether
 * trying again can help. Implementations are thread-safe.
 */
public interface SpreadsheetPort extends AutoCloseable {

    /** The spreadsheet's id as given to the Google API (or {@code local} / the emulator's id). */
    String spreadsheetId();

    /** Tab titles, ids and grid sizes ({@code spreadsheets.get}, one read). */
    SpreadsheetInfo getInfo();

    /** Reads several ranges in one request ({@code values.batchGet}, one read); results in request order. */
    List<CellRange> batchGet(List<String> ranges);

    /** Writes several ranges in one request, all or nothing ({@code values.batchUpdate}, RAW, one write). */
    void batchUpdateValues(List<RangeWrite> writes);

    /**
     * Appends rows after the table found in {@code range} ({@code values.append}, RAW, INSERT_ROWS, one write).
     * Anchor the range at column A (e.g. {@code 'Video Tasks'!A1}) so table detection cannot shift columns.
     */
    AppendResult append(String range, List<List<String>> rows);

    /** Clears the values of several ranges ({@code values.batchClear}, one write). */
    void batchClear(List<String> ranges);

    /** Applies structural requests in order, all or nothing ({@code spreadsheets.batchUpdate}, one write). */
    void batchUpdate(List<StructuralRequest> requests);

    /**
     * How long a write sent now would wait in this port's client-side rate limiter before it goes out; zero for
     * ports without one. Lets a caller wait <em>before</em> reading when the write that follows must go out promptly.
     */
    default Duration writeDelay() {
        return Duration.ZERO;
    }

    /**
     * How long a read sent now would wait in this port's client-side rate limiter before it goes out; zero for ports
     * without one. Lets a caller take the time of a read when it is really sent, not when it started queueing.
     */
    default Duration readDelay() {
        return Duration.ZERO;
    }

    /**
     * Reads A1 ranges and tagged rows in one request ({@code values.batchGetByDataFilter}: one {@code a1Range} filter
     * per range and one {@code developerMetadataLookup{metadataId}} filter per tag, FORMATTED_VALUE, ROWS; one read).
     * The ranges come back exactly as {@link #batchGet} returns them (range echo included); each tag comes back as
     * the row carrying it now, wherever sorts, inserts and deletes moved it. A tag no row carries (its row was
     * deleted, or it was never created) is absent from {@link FilteredRead#tags()}.
     */
    FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds);

    /**
     * Writes A1 ranges and tagged rows in one request, all or nothing ({@code values.batchUpdateByDataFilter}, RAW,
     * one write). An A1 write behaves as in {@link #batchUpdateValues}; a tag write fills the row carrying the tag from
     * column A, a {@code null} value leaving its cell untouched. Values wider than the row fail the whole request.
     *
     * @return the ids of the tags that matched a row and were written; a tag no row carries matches nothing, writes
     *         nothing and is absent (Google documents no answer for that case: we assume no response entry)
     */
    Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites);

    /**
     * Every row tag with this metadata key and where its row is now ({@code developerMetadata.search} with a
     * {@code developerMetadataLookup{metadataKey}}, one read), ordered by metadata id.
     */
    List<RowTagLocation> searchTags(String key);

    /**
     * Tells the port how many agents share the quota of its Google Cloud project, so that it paces its requests to its
     * share (Google counts 300 reads and 300 writes a minute per project, whoever sends them). No-op where there is no
     * such quota.
     */
    default void shareQuotaAmong(int agents) {}

    /**
     * Bounds every request from now on to end within {@code timeLeft}: for a stop that must be over on time (SIGTERM
     * with systemd's stop timeout waiting). Past the deadline a request fails with a retryable
     * {@link SheetsException} instead of waiting; what it would have written is left to the leases. Replaces an
     * earlier deadline. Ports that never wait long (local files, memory) ignore it.
     */
    default void finishWithin(Duration timeLeft) {}

    /**
     * True when this port offers {@link #compareAndSet}: requests are applied one at a time, at once, under a lock
     * (the in-memory model, local mode), so a claim can be decided by the write itself instead of a settle delay.
     */
    default boolean supportsCompareAndSet() {
        return false;
    }

    /**
     * Applies each write whose expected cells hold what it expects, all under one lock (one write request); returns,
     * in order, whether each was applied.
     *
     * @throws UnsupportedOperationException when {@link #supportsCompareAndSet()} is false (Google Sheets)
     */
    default List<Boolean> compareAndSet(List<GuardedWrite> writes) {
        throw new UnsupportedOperationException("compare-and-set is not offered by " + getClass().getSimpleName());
    }

    /** Releases connections or locks; the port is unusable afterwards. */
    @Override
    default void close() {}
}
