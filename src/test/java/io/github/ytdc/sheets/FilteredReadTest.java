package io.github.ytdc.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ytdc.sheets.FilteredRead.Match;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching a data-filter answer to its request through the filters each entry names, whatever the answer's order. */
class FilteredReadTest {

    @Test
    void ranges_come_back_in_request_order_and_tags_by_id_however_the_answer_is_ordered_or_shared() {
        List<String> asked = List.of("Sheet1!A1:A", "'Video Tasks'!1:1", "Sheet1!A1:A");
        FilteredRead r = FilteredRead.assemble(asked, List.of(
                new Match("'Video Tasks'!A7:Z7", List.of(List.of("id7", "", "done")), List.of(), List.of(3)),
                new Match("'Video Tasks'!A1:Z1", List.of(List.of("ID")), List.of("'Video Tasks'!1:1"), List.of()),
                // One entry for the range asked twice, and a tag on the same row.
                new Match("Sheet1!A1:A1000", List.of(), List.of("Sheet1!A1:A", "Sheet1!A1:A"), List.of(4))));
        assertEquals(List.of(new CellRange("Sheet1!A1:A1000", List.of()),
                new CellRange("'Video Tasks'!A1:Z1", List.of(List.of("ID"))),
                new CellRange("Sheet1!A1:A1000", List.of())), r.ranges());
        assertEquals(Map.of(3, new TaggedRow("Video Tasks", 7, List.of("id7", "", "done")),
                4, new TaggedRow("Sheet1", 1, List.of())), r.tags());
    }

    @Test
    void an_answer_that_leaves_a_range_out_or_names_no_row_is_refused() {
        SheetsException missing = assertThrows(SheetsException.class,
                () -> FilteredRead.assemble(List.of("Sheet1!A1"), List.of()));
        assertEquals(SheetsException.Reason.UNAVAILABLE, missing.reason());
        assertThrows(SheetsException.class, () -> FilteredRead.assemble(List.of(),
                List.of(new Match("Sheet1", List.of(), List.of(), List.of(1)))));
    }

    @Test
    void a_quoted_echo_names_the_stored_title() {
        assertEquals(new TaggedRow("Bob's 'Tasks'", 12, List.of("x")),
                TaggedRow.fromEcho("'Bob''s ''Tasks'''!A12:Z12", List.of("x")));
    }
}
