package io.github.ytdc.sheets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Values to write into the row that carries a tag, wherever it is now.
 *
 * @param metadataId the tag (developer metadata id) of the row
 * @param values     cells from column A; a {@code null} element leaves that cell as it is, {@code ""} clears it;
 *                   no more cells than the grid has columns
 */
public record TagWrite(int metadataId, List<String> values) {
    public TagWrite {
        Objects.requireNonNull(values, "values");
        // List.copyOf refuses nulls, and null is meaningful here.
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
