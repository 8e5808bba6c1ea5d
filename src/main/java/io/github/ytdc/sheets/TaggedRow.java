package io.github.ytdc.sheets;
import java.util.List;
public record TaggedRow(String tab, int rowNumber, List<String> values) {}
