package io.github.ytdc.sheets;
import java.util.List;
public record TagWrite(int metadataId, List<String> values) {}
