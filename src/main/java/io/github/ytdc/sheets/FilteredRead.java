package io.github.ytdc.sheets;

import java.util.List;
import java.util.Map;

/**
 * What one {@code values.batchGetByDataFilter} read returned.
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
}
