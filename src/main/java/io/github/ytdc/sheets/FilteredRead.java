package io.github.ytdc.sheets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@code values.batchGetByDataFilter} read returned.
 *
 * <p>{@link #assemble} is the one mapping from Google's answer every {@link SpreadsheetPort} shares: each port first
 * reduces Google's {@code MatchedValueRange}s to {@link Match}es. The answer is matched to the request through each
 * entry's {@code dataFilters}, not by position: Google documents neither the order of {@code valueRanges} nor whether
 * filters matching the same range share one entry.
 *
 * @param ranges the A1 ranges asked for, in request order, each as {@link SpreadsheetPort#batchGet} reads it
 * @param tags   the rows found through their tags, by metadataId; a tag that no row carries (its row was deleted,
 *               or it was never created) is absent
 */
public record FilteredRead(List<CellRange> ranges, Map<Integer, TaggedRow> tags) {
    public FilteredRead {
        ranges = List.copyOf(ranges);
        tags = Map.copyOf(tags);
    }

    /**
     * One {@code MatchedValueRange}, reduced.
     *
     * @param range       the {@code valueRange.range} echo
     * @param rows        its values, as strings
     * @param a1Filters   the {@code a1Range} of each of its {@code dataFilters} that has one
     * @param metadataIds the {@code developerMetadataLookup.metadataId} of each of its filters that has one
     */
    public record Match(String range, List<List<String>> rows, List<String> a1Filters, List<Integer> metadataIds) {
        public Match {
            Objects.requireNonNull(range, "range");
            rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
            a1Filters = List.copyOf(a1Filters);
            metadataIds = List.copyOf(metadataIds);
        }
    }

    /**
     * The read: one {@link CellRange} per requested A1 range in request order, and the tagged rows.
     *
     * @throws SheetsException ({@link SheetsException.Reason#UNAVAILABLE}) when the answer leaves a range out
     */
    public static FilteredRead assemble(List<String> a1Ranges, List<Match> matches) {
        // A range asked twice is answered twice (or once with both filters): hand the answers out in order.
        Map<String, Deque<Integer>> waiting = new HashMap<>();
        for (int i = 0; i < a1Ranges.size(); i++) {
            waiting.computeIfAbsent(a1Ranges.get(i), k -> new ArrayDeque<>()).add(i);
        }
        CellRange[] ranges = new CellRange[a1Ranges.size()];
        Map<Integer, TaggedRow> tags = new LinkedHashMap<>();
        for (Match m : matches) {
            for (String a1 : m.a1Filters()) {
                Deque<Integer> q = waiting.get(a1);
                if (q != null && !q.isEmpty()) {
                    ranges[q.poll()] = new CellRange(m.range(), m.rows());
                }
            }
            for (int id : m.metadataIds()) {
                tags.put(id, taggedRow(m));
            }
        }
        List<CellRange> out = new ArrayList<>(ranges.length);
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] == null) {
                throw new SheetsException(SheetsException.Reason.UNAVAILABLE, 200,
                        "Sheets API answered nothing for the range " + a1Ranges.get(i));
            }
            out.add(ranges[i]);
        }
        return new FilteredRead(out, tags);
    }

    private static TaggedRow taggedRow(Match m) {
        try {
            return TaggedRow.fromEcho(m.range(), m.rows().isEmpty() ? List.of() : m.rows().get(0));
        } catch (IllegalArgumentException e) {
            throw new SheetsException(SheetsException.Reason.UNAVAILABLE, 200,
                    "unexpected range in a data-filter answer: " + m.range(), e);
        }
    }
}
