package io.github.ytdc.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.StructuralRequest.AddTab;
import io.github.ytdc.sheets.StructuralRequest.DeleteDimension;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import io.github.ytdc.sheets.StructuralRequest.InsertDimension;
import io.github.ytdc.sheets.StructuralRequest.SortRows;
import io.github.ytdc.sheets.StructuralRequest.TagRow;
import io.github.ytdc.sheets.StructuralRequest.UntagRow;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Row tags (developer metadata on rows) and the data-filter reads and writes, as every {@link SpreadsheetPort} must
 * do them: Google's documented and measured behaviour (reference/row-stable-writes.md), plus the assumptions ytdc
 * makes where Google documents nothing (a write to a deleted row's tag is no error and answers nothing).
 */
public interface RowTagContract {
    String TASKS = "Video Tasks";
    String KEY = "t";

    /** The port under test, on a fresh spreadsheet holding only {@code Sheet1}. */
    SpreadsheetPort port();

    /**
     * A Video Tasks tab holding a header and one row per id ({@code [id, "u-" + id, "pending"]}), rows 2 on.
     *
     * @return its sheet id
     */
    private int tasks(String... ids) {
        port().batchUpdate(List.of(new AddTab(TASKS, 1000, 26)));
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of("ID", "URL", "Status"));
        for (String id : ids) {
            rows.add(List.of(id, "u-" + id, "pending"));
        }
        port().batchUpdateValues(List.of(new RangeWrite("'Video Tasks'!A1:C" + rows.size(), rows)));
        return port().getInfo().tab(TASKS).orElseThrow().sheetId();
    }

    private void tag(int sheetId, int rowNumber, int metadataId) {
        port().batchUpdate(List.of(new TagRow(sheetId, rowNumber - 1, metadataId, KEY)));
    }

    private List<List<String>> all() {
        return port().batchGet(List.of("'Video Tasks'!A1:Z100")).get(0).rows();
    }

    private Map<Integer, TaggedRow> tagged(Integer... ids) {
        return port().batchGetByDataFilter(List.of(), List.of(ids)).tags();
    }

    @Test
    default void a_write_by_tag_lands_on_the_tagged_row_after_a_sort() {
        int sheet = tasks("c", "a", "b");
        tag(sheet, 3, 101); // "a"
        port().batchUpdate(List.of(new SortRows(sheet, 1, 0, false))); // a, b, c: "a" is row 2 now

        assertEquals(Map.of(101, new TaggedRow(TASKS, 2, List.of("a", "u-a", "pending"))), tagged(101));
        Set<Integer> written = port().batchUpdateByDataFilter(List.of(),
                List.of(new TagWrite(101, Arrays.asList(null, null, "done"))));

        assertEquals(Set.of(101), written);
        assertEquals(List.of(List.of("ID", "URL", "Status"), List.of("a", "u-a", "done"), List.of("b", "u-b", "pending"),
                List.of("c", "u-c", "pending")), all());
    }

    @Test
    default void a1_ranges_read_through_data_filters_exactly_as_batch_get_reads_them() {
        int sheet = tasks("a", "b");
        tag(sheet, 2, 5);
        List<String> ranges = List.of("'Video Tasks'!A1:A", "'Video Tasks'!1:1", "Sheet1!B2", "'video tasks'!C1:C2",
                "'Video Tasks'!1:1");
        FilteredRead r = port().batchGetByDataFilter(ranges, List.of(5, 6));
        assertEquals(port().batchGet(ranges), r.ranges());
        assertEquals("'Video Tasks'!A1:A1000", r.ranges().get(0).range(), "the echo tells the grid's end");
        assertEquals(Map.of(5, new TaggedRow(TASKS, 2, List.of("a", "u-a", "pending"))), r.tags(),
                "tag 6 was never created: absent");
    }

    @Test
    default void a_tag_on_a_deleted_row_reads_absent_and_writes_nowhere() {
        int sheet = tasks("a", "b", "c");
        tag(sheet, 3, 7); // "b"
        port().batchUpdate(List.of(new DeleteDimension(sheet, Dimension.ROWS, 2, 3)));
        List<List<String>> before = all();

        assertEquals(Map.of(), tagged(7));
        assertEquals(Set.of(), port().batchUpdateByDataFilter(List.of(), List.of(new TagWrite(7, List.of("x", "y")))));
        assertEquals(before, all(), "nothing written anywhere");
        assertEquals(List.of(), port().searchTags(KEY), "the tag was deleted with its row");

        Set<Integer> written = port().batchUpdateByDataFilter(List.of(RangeWrite.cell("'Video Tasks'!D1", "note")),
                List.of(new TagWrite(7, List.of("x"))));
        assertEquals(Set.of(), written);
        assertEquals(List.of(List.of("note")), port().batchGet(List.of("'Video Tasks'!D1")).get(0).rows(),
                "the A1 write of the same request still landed");
    }

    @Test
    default void rows_inserted_above_move_the_tag_down_with_its_row() {
        int sheet = tasks("a", "b", "c");
        tag(sheet, 4, 9); // "c"
        port().batchUpdate(List.of(new InsertDimension(sheet, Dimension.ROWS, 1, 3)));
        assertEquals(List.of(new RowTagLocation(9, sheet, 5)), port().searchTags(KEY));
        assertEquals(new TaggedRow(TASKS, 6, List.of("c", "u-c", "pending")), tagged(9).get(9));
        port().batchUpdateByDataFilter(List.of(), List.of(new TagWrite(9, Arrays.asList(null, null, "done"))));
        assertEquals(List.of(List.of("c", "u-c", "done")), port().batchGet(List.of("'Video Tasks'!A6:C6")).get(0).rows());
    }

    @Test
    default void null_values_leave_cells_untouched_and_empty_strings_clear() {
        int sheet = tasks("a");
        port().batchUpdateValues(List.of(new RangeWrite("'Video Tasks'!D2:E2", List.of(List.of("d", "e")))));
        tag(sheet, 2, 3);
        port().batchUpdateByDataFilter(List.of(), List.of(new TagWrite(3, Arrays.asList(null, "U", null, "", null))));
        assertEquals(List.of("a", "U", "pending", "", "e"), tagged(3).get(3).values());
    }

    @Test
    default void values_wider_than_the_row_fail_the_whole_write() {
        int sheet = tasks("a");
        tag(sheet, 2, 3);
        List<String> wide = java.util.Collections.nCopies(27, "x");
        SheetsException e = assertThrows(SheetsException.class, () -> port().batchUpdateByDataFilter(
                List.of(RangeWrite.cell("'Video Tasks'!D1", "note")), List.of(new TagWrite(3, wide))));
        assertEquals(SheetsException.Reason.INVALID_REQUEST, e.reason(), e.getMessage());
        assertEquals(List.of(), port().batchGet(List.of("'Video Tasks'!D1")).get(0).rows(), "all or nothing");
    }

    @Test
    default void untagging_an_unknown_id_is_a_no_op_and_untagging_a_known_one_removes_it() {
        int sheet = tasks("a", "b");
        tag(sheet, 2, 11);
        tag(sheet, 3, 12);
        port().batchUpdate(List.of(new UntagRow(999), new UntagRow(11)));
        assertEquals(List.of(new RowTagLocation(12, sheet, 2)), port().searchTags(KEY));
        assertEquals(Set.of(12), tagged(11, 12).keySet());
    }

    @Test
    default void a_tag_id_that_exists_fails_the_whole_batch() {
        int sheet = tasks("a", "b");
        tag(sheet, 2, 21);
        SheetsException e = assertThrows(SheetsException.class, () -> port().batchUpdate(List.of(
                new AddTab("Fresh", 10, 10), new TagRow(sheet, 1, 22, KEY), new TagRow(sheet, 2, 21, KEY))));
        assertEquals(SheetsException.Reason.INVALID_REQUEST, e.reason(), e.getMessage());
        assertEquals(400, e.httpStatus());
        assertTrue(port().getInfo().tab("Fresh").isEmpty(), "the tab of the same batch was not added");
        assertEquals(List.of(new RowTagLocation(21, sheet, 1)), port().searchTags(KEY), "no tag added or moved");
    }

    @Test
    default void a_tab_holds_at_most_30000_characters_of_metadata() {
        int sheet = tasks("a", "b", "c", "d");
        String big = "k".repeat(10_000);
        port().batchUpdate(List.of(new TagRow(sheet, 1, 1, big), new TagRow(sheet, 2, 2, big),
                new TagRow(sheet, 3, 3, big.substring(1)), new TagRow(sheet, 4, 4, "k")));
        SheetsException e = assertThrows(SheetsException.class,
                () -> port().batchUpdate(List.of(new TagRow(sheet, 4, 5, "k"))));
        assertEquals(SheetsException.Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("Adding the requested developer metadata would exceed the allowed storage "
                + "limit"), e.getMessage());
        port().batchUpdate(List.of(new TagRow(0, 0, 5, "k"))); // the limit is per tab
        port().batchUpdate(List.of(new UntagRow(4), new TagRow(sheet, 4, 6, "k"))); // room made, room used
        assertEquals(Set.of(1, 2, 3, 6), tagged(1, 2, 3, 4, 6).keySet());
    }

    @Test
    default void search_finds_the_tags_of_a_key_where_their_rows_moved() {
        int sheet = tasks("c", "a", "b");
        port().batchUpdate(List.of(new TagRow(sheet, 1, 31, KEY), new TagRow(sheet, 2, 32, KEY),
                new TagRow(sheet, 3, 33, "other")));
        port().batchUpdate(List.of(new SortRows(sheet, 1, 0, true))); // c, b, a
        assertEquals(List.of(new RowTagLocation(31, sheet, 1), new RowTagLocation(32, sheet, 3)), port().searchTags(KEY));
        assertEquals(List.of(new RowTagLocation(33, sheet, 2)), port().searchTags("other"));
        assertEquals(List.of(), port().searchTags("none"));
    }

    @Test
    default void appending_rows_does_not_disturb_tags_in_the_table_and_moves_those_below_it() {
        int sheet = tasks("a", "b");
        port().batchUpdateValues(List.of(RangeWrite.cell("'Video Tasks'!A6", "below a gap")));
        tag(sheet, 2, 41);
        tag(sheet, 6, 42);
        AppendResult r = port().append("'Video Tasks'!A1", List.of(List.of("c", "u-c"), List.of("d", "u-d")));
        assertEquals(4, r.firstRow());
        assertEquals(List.of(new RowTagLocation(41, sheet, 1), new RowTagLocation(42, sheet, 7)), port().searchTags(KEY));
        assertEquals(Map.of(41, new TaggedRow(TASKS, 2, List.of("a", "u-a", "pending")),
                42, new TaggedRow(TASKS, 8, List.of("below a gap"))), tagged(41, 42));
    }

    @Test
    default void tags_and_a1_ranges_of_quoted_titles_round_trip() {
        port().batchUpdate(List.of(new AddTab("Bob's Tasks", 10, 3)));
        int sheet = port().getInfo().tab("Bob's Tasks").orElseThrow().sheetId();
        port().batchUpdateValues(List.of(RangeWrite.cell("'Bob''s Tasks'!A4", "x")));
        tag(sheet, 4, 51);
        FilteredRead r = port().batchGetByDataFilter(List.of("'Bob''s Tasks'!A1:A"), List.of(51));
        assertEquals("'Bob''s Tasks'!A1:A10", r.ranges().get(0).range());
        assertEquals(Map.of(51, new TaggedRow("Bob's Tasks", 4, List.of("x"))), r.tags());
    }
}
