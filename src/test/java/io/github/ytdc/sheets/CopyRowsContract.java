package io.github.ytdc.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.StructuralRequest.AddTab;
import io.github.ytdc.sheets.StructuralRequest.CopyRows;
import io.github.ytdc.sheets.StructuralRequest.DeleteDimension;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import io.github.ytdc.sheets.StructuralRequest.SortRows;
import io.github.ytdc.sheets.StructuralRequest.TagRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code copyPaste} of whole rows between tabs ({@link CopyRows}), alone and followed by a {@code deleteDimension}
 * of the same rows in one batch (the archiver's move), as every {@link SpreadsheetPort} must do it.
 */
public interface CopyRowsContract {

    /** The port under test, on a fresh spreadsheet holding only {@code Sheet1}. */
    SpreadsheetPort port();

    private int tab(String title, int rows, String... ids) {
        port().batchUpdate(List.of(new AddTab(title, rows, 5)));
        if (ids.length > 0) {
            List<List<String>> values = new ArrayList<>();
            values.add(List.of("ID", "Status"));
            for (String id : ids) {
                values.add(List.of(id, "done"));
            }
            port().batchUpdateValues(List.of(new RangeWrite(A1.quote(title) + "!A1:B" + values.size(), values)));
        }
        return port().getInfo().tab(title).orElseThrow().sheetId();
    }

    private List<List<String>> read(String title) {
        return port().batchGet(List.of(A1.quote(title) + "!A1:E50")).get(0).rows();
    }

    @Test
    default void copy_rows_pastes_every_column_at_the_destination_top_and_leaves_the_source() {
        int from = tab("Src", 10, "a", "b", "c");
        int to = tab("Dst", 5);
        port().batchUpdateValues(List.of(new RangeWrite("Dst!A1:C1", List.of(List.of("x", "y", "z")))));

        port().batchUpdate(List.of(new CopyRows(from, 2, 4, to, 0)));

        // Blank source cells (column C) clear their destination.
        assertEquals(List.of(List.of("b", "done"), List.of("c", "done")), read("Dst"));
        assertEquals(4, read("Src").size());
    }

    @Test
    default void copy_then_delete_in_one_batch_moves_whatever_rows_hold_those_numbers_when_applied() {
        int from = tab("Src", 10, "a", "b", "c", "d");
        int to = tab("Dst", 5);
        // A person sorts descending between the archiver's read and its write: rows 2..3 now hold d and c.
        port().batchUpdate(List.of(new SortRows(from, 1, 0, true)));

        port().batchUpdate(List.of(new CopyRows(from, 1, 3, to, 0),
                new DeleteDimension(from, Dimension.ROWS, 1, 3)));

        assertEquals(List.of(List.of("d", "done"), List.of("c", "done")), read("Dst"));
        assertEquals(List.of(List.of("ID", "Status"), List.of("b", "done"), List.of("a", "done")), read("Src"));
        assertEquals(8, port().getInfo().tab("Src").orElseThrow().rowCount());
    }

    @Test
    default void a_row_tag_stays_on_the_source_row_and_dies_with_it() {
        int from = tab("Src", 10, "a", "b");
        int to = tab("Dst", 5);
        port().batchUpdate(List.of(new TagRow(from, 1, 77, "y")));

        port().batchUpdate(List.of(new CopyRows(from, 1, 2, to, 0), new DeleteDimension(from, Dimension.ROWS, 1, 2)));

        assertTrue(port().batchGetByDataFilter(List.of(), List.of(77)).tags().isEmpty());
        assertEquals(List.of(List.of("a", "done")), read("Dst"));
    }

    @Test
    default void a_paste_past_the_destination_grid_fails_the_whole_batch() {
        int from = tab("Src", 10, "a", "b", "c");
        int to = tab("Dst", 2);

        assertThrows(SheetsException.class, () -> port().batchUpdate(List.of(new CopyRows(from, 1, 4, to, 0),
                new DeleteDimension(from, Dimension.ROWS, 1, 4))));

        assertEquals(4, read("Src").size());
        assertTrue(read("Dst").isEmpty());
    }
}
