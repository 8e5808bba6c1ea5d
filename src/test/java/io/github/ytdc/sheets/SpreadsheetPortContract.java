package io.github.ytdc.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.StructuralRequest.AddTab;
import io.github.ytdc.sheets.StructuralRequest.AppendDimension;
import io.github.ytdc.sheets.StructuralRequest.Color;
import io.github.ytdc.sheets.StructuralRequest.ColorRowsWhen;
import io.github.ytdc.sheets.StructuralRequest.DeleteDimension;
import io.github.ytdc.sheets.StructuralRequest.DeleteTab;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import io.github.ytdc.sheets.StructuralRequest.Dropdown;
import io.github.ytdc.sheets.StructuralRequest.FreezeRows;
import io.github.ytdc.sheets.StructuralRequest.InsertDimension;
import io.github.ytdc.sheets.StructuralRequest.SortRows;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SpreadsheetPort} must do, run against each implementation (in memory, local folder, and the
 * Google client talking to the emulator) so that they cannot drift apart. Expected values are Google's recorded
 * behaviour (reference/sheets-api.md). Row tags and data filters are in {@link RowTagContract}.
 */
public abstract class SpreadsheetPortContract implements RowTagContract, CopyRowsContract {
    private static final String TASKS = "Video Tasks";

    protected SpreadsheetPort port;

    /** A port on a new spreadsheet holding only the default {@code Sheet1} (1000 x 26). */
    protected abstract SpreadsheetPort openFresh() throws Exception;

    @Override
    public SpreadsheetPort port() {
        return port;
    }

    @BeforeEach
    void open() throws Exception {
        port = openFresh();
    }

    @AfterEach
    void close() {
        port.close();
    }

    private TabInfo addTab(String title) {
        port.batchUpdate(List.of(new AddTab(title, 1000, 26)));
        return port.getInfo().tab(title).orElseThrow();
    }

    private List<List<String>> read(String range) {
        return port.batchGet(List.of(range)).get(0).rows();
    }

    private static void assertReason(Reason reason, Runnable call) {
        SheetsException e = assertThrows(SheetsException.class, call::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    void a_new_spreadsheet_has_one_default_sheet() {
        SpreadsheetInfo info = port.getInfo();
        assertEquals(port.spreadsheetId(), info.spreadsheetId());
        assertEquals(List.of(new TabInfo(0, "Sheet1", 0, 1000, 26, 0)), info.tabs());
    }

    @Test
    void reads_trim_trailing_empty_cells_and_rows_but_keep_interior_blanks() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:D5", List.of(
                List.of("A1", "B1", "", "D1"), List.of("", "b2", "", ""), List.of("", "", "", ""),
                List.of("A4", "B4", "", "d4"), List.of("", "", "", "")))));
        CellRange r = port.batchGet(List.of("Sheet1!A1:E10")).get(0);
        assertEquals("Sheet1!A1:E10", r.range());
        assertEquals(List.of(List.of("A1", "B1", "", "D1"), List.of("", "b2"), List.of(), List.of("A4", "B4", "", "d4")),
                r.rows());
    }

    @Test
    void range_echoes_are_the_requested_range_resolved_against_the_grid() {
        addTab(TASKS);
        List<CellRange> got = port.batchGet(List.of("'Video Tasks'!A2:J", "'sheet1'!A1:A1", "Sheet1", "Sheet1!B2:A1"));
        assertEquals(List.of("'Video Tasks'!A2:J1000", "Sheet1!A1", "Sheet1!A1:Z1000", "Sheet1!A1:B2"),
                got.stream().map(CellRange::range).toList());
        got.forEach(r -> assertEquals(List.of(), r.rows(), "an empty range reads as no rows"));
    }

    @Test
    void batch_reads_answer_in_request_order() {
        addTab(TASKS);
        port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "first"), RangeWrite.cell("'Video Tasks'!B3", "second")));
        List<CellRange> got = port.batchGet(List.of("'Video Tasks'!B3", "Sheet1!A1"));
        assertEquals(List.of(List.of(List.of("second")), List.of(List.of("first"))),
                got.stream().map(CellRange::rows).toList());
    }

    @Test
    void values_are_written_raw_so_formulas_numbers_and_dates_stay_literal_text() {
        List<String> literals = List.of("=HYPERLINK(\"https://x.test\",\"y\")", "0012", "-x1", "TRUE", "2026-01-01",
                "'quoted", "1e3", " padded ");
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:H1", List.of(literals))));
        port.append("Sheet1!A1", List.of(literals));
        assertEquals(List.of(literals, literals), read("Sheet1!A1:H2"));
    }

    @Test
    void a_null_cell_is_left_alone_and_an_empty_string_clears() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:C1", List.of(List.of("a", "b", "c")))));
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:C1", List.of(Arrays.asList(null, "", "C")))));
        assertEquals(List.of(List.of("a", "", "C")), read("Sheet1!A1:C1"));
    }

    @Test
    void a_batch_write_with_one_bad_range_writes_nothing() {
        port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "before")));
        assertReason(Reason.INVALID_REQUEST, () -> port.batchUpdateValues(List.of(
                RangeWrite.cell("Sheet1!A1", "after"), RangeWrite.cell("NoSuchTab!A1", "x"))));
        assertEquals(List.of(List.of("before")), read("Sheet1!A1"));
    }

    @Test
    void append_to_an_empty_tab_starts_at_row_one() {
        addTab(TASKS);
        AppendResult r = port.append("'Video Tasks'!A1", List.of(List.of("ID", "URL", "Status")));
        assertEquals(new AppendResult("'Video Tasks'!A1:C1", 1, 1), r);
    }

    @Test
    void append_inserts_rows_after_the_table_and_shifts_what_lies_below() {
        TabInfo tab = addTab(TASKS);
        port.batchUpdateValues(List.of(new RangeWrite("'Video Tasks'!A1:C3", List.of(
                List.of("ID", "URL", "Status"), List.of("v1", "u1", "pending"), List.of("v2", "u2", "done")))));
        port.batchUpdateValues(List.of(RangeWrite.cell("'Video Tasks'!A5", "below a gap")));

        AppendResult r = port.append("'Video Tasks'!A1", List.of(List.of("v3", "u3", "pending"), List.of("v4", "u4", "")));

        assertEquals(new AppendResult("'Video Tasks'!A4:C5", 4, 2), r);
        assertEquals(List.of(List.of("ID", "URL", "Status"), List.of("v1", "u1", "pending"), List.of("v2", "u2", "done"),
                List.of("v3", "u3", "pending"), List.of("v4", "u4"), List.of(), List.of("below a gap")),
                read("'Video Tasks'!A1:C10"));
        assertEquals(tab.rowCount() + 2, port.getInfo().tab(TASKS).orElseThrow().rowCount(), "rows were inserted");
    }

    @Test
    void clear_removes_values_and_keeps_the_grid() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:B2", List.of(List.of("a", "b"), List.of("c", "d")))));
        port.batchClear(List.of("Sheet1!A1:B1", "Sheet1!B2"));
        assertEquals(List.of(List.of(), List.of("c")), read("Sheet1!A1:B2"));
        assertEquals(1000, port.getInfo().tab("Sheet1").orElseThrow().rowCount());
    }

    @Test
    void tabs_are_added_grown_frozen_formatted_and_deleted() {
        port.batchUpdate(List.of(new AddTab("Bob's Tasks", 10, 5)));
        TabInfo tab = port.getInfo().tab("bob's tasks").orElseThrow();
        assertEquals("Bob's Tasks", tab.title());
        assertEquals(1, tab.index());
        assertEquals(10, tab.rowCount());
        assertEquals(5, tab.columnCount());
        int id = tab.sheetId();

        port.batchUpdate(List.of(
                new AppendDimension(id, Dimension.ROWS, 5),
                new AppendDimension(id, Dimension.COLUMNS, 2),
                new FreezeRows(id, 1),
                new Dropdown(id, 2, List.of("pending", "in-progress", "done", "error")),
                new ColorRowsWhen(id, 2, 7, "done", new Color(0.85, 0.95, 0.85))));
        assertEquals(new TabInfo(id, "Bob's Tasks", 1, 15, 7, 1), port.getInfo().tab("Bob's Tasks").orElseThrow());

        String range = A1.range("Bob's Tasks", 0, 1, 0, 2);
        assertEquals("'Bob''s Tasks'!A1:A2", range);
        port.batchUpdateValues(List.of(new RangeWrite(range, List.of(List.of("header"), List.of("row")))));
        assertEquals("'Bob''s Tasks'!A1:A2", port.batchGet(List.of(range)).get(0).range());

        port.batchUpdate(List.of(new DeleteTab(id)));
        assertEquals(List.of("Sheet1"), port.getInfo().tabs().stream().map(TabInfo::title).toList());
    }

    @Test
    void inserting_and_deleting_rows_moves_the_rows_below() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:A3", List.of(List.of("1"), List.of("2"), List.of("3")))));
        port.batchUpdate(List.of(new InsertDimension(0, Dimension.ROWS, 1, 3)));
        assertEquals(List.of(List.of("1"), List.of(), List.of(), List.of("2"), List.of("3")), read("Sheet1!A1:A10"));
        assertEquals(1002, port.getInfo().tabs().get(0).rowCount());

        port.batchUpdate(List.of(new DeleteDimension(0, Dimension.ROWS, 0, 2)));
        assertEquals(List.of(List.of(), List.of("2"), List.of("3")), read("Sheet1!A1:A10"));
        assertEquals(1000, port.getInfo().tabs().get(0).rowCount());
    }

    @Test
    void sorting_rows_below_the_header_moves_whole_rows_and_leaves_the_header() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1:B4",
                List.of(List.of("ID", "URL"), List.of("b", "u1"), List.of("c", "u2"), List.of("a", "u3")))));
        port.batchUpdate(List.of(new SortRows(0, 1, 0, false)));
        assertEquals(List.of(List.of("ID", "URL"), List.of("a", "u3"), List.of("b", "u1"), List.of("c", "u2")),
                read("Sheet1!A1:B10"));
        port.batchUpdate(List.of(new SortRows(0, 1, 1, true)));
        assertEquals(List.of(List.of("ID", "URL"), List.of("a", "u3"), List.of("c", "u2"), List.of("b", "u1")),
                read("Sheet1!A1:B10"));
    }

    @Test
    void a_structural_batch_with_one_bad_request_changes_nothing() {
        assertReason(Reason.INVALID_REQUEST, () -> port.batchUpdate(List.of(
                new AddTab("Fresh", 100, 10), new DeleteTab(999_999))));
        assertEquals(List.of("Sheet1"), port.getInfo().tabs().stream().map(TabInfo::title).toList());
    }

    @Test
    void an_unknown_tab_is_an_invalid_request_for_every_call() {
        assertReason(Reason.INVALID_REQUEST, () -> port.batchGet(List.of("NoSuchTab!A1:B2")));
        assertReason(Reason.INVALID_REQUEST, () -> port.batchUpdateValues(List.of(RangeWrite.cell("NoSuchTab!A1", "x"))));
        assertReason(Reason.INVALID_REQUEST, () -> port.append("NoSuchTab!A1", List.of(List.of("x"))));
        assertReason(Reason.INVALID_REQUEST, () -> port.batchClear(List.of("NoSuchTab!A1")));
        SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("NoSuchTab!A1:B2")));
        assertTrue(e.getMessage().contains("Unable to parse range: NoSuchTab!A1:B2"), e.getMessage());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void adding_a_tab_whose_title_exists_is_refused() {
        assertReason(Reason.INVALID_REQUEST, () -> port.batchUpdate(List.of(new AddTab("sheet1", 10, 10))));
    }
}
