package io.github.ytdc.sheets.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPortContract;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.sheets.TaggedRow;
import io.github.ytdc.sheets.UnknownSpreadsheetContract;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port contract for local mode; each call goes through the folder (lock, reload check, atomic write). */
class LocalSpreadsheetPortContractTest extends SpreadsheetPortContract implements UnknownSpreadsheetContract {
    @TempDir
    Path dir;

    @Override
    protected SpreadsheetPort openFresh() {
        return LocalSpreadsheetPort.open(dir.resolve("data"));
    }

    @Override
    public SpreadsheetPort openUnknown() {
        return LocalSpreadsheetPort.open(dir.resolve("empty"), false);
    }

    @Test
    void row_tags_are_kept_in_the_folder() {
        try (SpreadsheetPort first = LocalSpreadsheetPort.open(dir.resolve("tags"))) {
            first.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A3", "tagged")));
            first.batchUpdate(List.of(new StructuralRequest.TagRow(0, 2, 17, "t")));
        }
        // Every port of the folder is closed: the next one loads the spreadsheet from disk.
        try (SpreadsheetPort second = LocalSpreadsheetPort.open(dir.resolve("tags"))) {
            assertEquals(List.of(new RowTagLocation(17, 0, 2)), second.searchTags("t"));
            assertEquals(Set.of(17), second.batchUpdateByDataFilter(List.of(),
                    List.of(new TagWrite(17, Arrays.asList(null, "written")))));
        }
        try (SpreadsheetPort third = LocalSpreadsheetPort.open(dir.resolve("tags"))) {
            assertEquals(Map.of(17, new TaggedRow("Sheet1", 3, List.of("tagged", "written"))),
                    third.batchGetByDataFilter(List.of(), List.of(17)).tags());
        }
    }
}
