package io.github.ytdc.sheets;
import java.util.List;
import java.util.Map;
public record FilteredRead(List<CellRange> ranges, Map<Integer, TaggedRow> tags) {}
