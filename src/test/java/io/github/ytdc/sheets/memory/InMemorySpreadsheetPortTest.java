package io.github.ytdc.sheets.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySpreadsheetPortTest {
    private final InMemorySpreadsheetPort port = InMemorySpreadsheetPort.create("sheet-1");

    private int addTab(String title, int rows, int cols) {
        port.batchUpdate(List.of(new StructuralRequest.AddTab(title, rows, cols)));
        return port.getInfo().tab(title).orElseThrow().sheetId();
    }

    @Test
    void a_new_spreadsheet_has_sheet1_with_id_0_and_a_1000_by_26_grid() {
        SpreadsheetInfo info = port.getInfo();
        assertEquals("sheet-1", info.spreadsheetId());
        assertEquals(1, info.tabs().size());
        assertEquals(new io.github.ytdc.sheets.TabInfo(0, "Sheet1", 0, 1000, 26, 0), info.tabs().get(0));
    }

    @Test
    void written_values_read_back_trimmed_with_interior_blanks_kept() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!A1", List.of(
                List.of("A1", "B1", "", "D1"), List.of("", "b2", "", ""), List.of("", "", "", ""),
                List.of("A4", "B4", "", "d4")))));
        CellRange read = port.batchGet(List.of("Sheet1")).get(0);
        assertEquals("Sheet1!A1:Z1000", read.range());
        assertEquals(List.of(List.of("A1", "B1", "", "D1"), List.of("", "b2"), List.of(),
                List.of("A4", "B4", "", "d4")), read.rows());
    }

    @Test
    void raw_writes_keep_formulas_and_leading_zeros_as_text() {
        port.batchUpdateValues(List.of(new RangeWrite("A1", List.of(List.of("=1+1", "0012", "'x", "TRUE")))));
        assertEquals(List.of(List.of("=1+1", "0012", "'x", "TRUE")), port.batchGet(List.of("A1:D1")).get(0).rows());
    }

    @Test
    void a_null_cell_is_skipped_and_an_empty_string_clears() {
        port.batchUpdateValues(List.of(new RangeWrite("A1", List.of(List.of("a", "b", "c")))));
        port.batchUpdateValues(List.of(new RangeWrite("A1", List.of(Arrays.asList(null, "", "C")))));
        assertEquals(List.of(List.of("a", "", "C")), port.batchGet(List.of("A1:C1")).get(0).rows());
    }

    @Test
    void batch_get_answers_in_request_order_and_an_empty_range_has_no_rows() {
        port.batchUpdateValues(List.of(RangeWrite.cell("B2", "x")));
        List<CellRange> got = port.batchGet(List.of("B2", "C3:D4", "A1:B2"));
        assertEquals(List.of("Sheet1!B2", "Sheet1!C3:D4", "Sheet1!A1:B2"), got.stream().map(CellRange::range).toList());
        assertEquals(List.of(List.of("x")), got.get(0).rows());
        assertEquals(List.of(), got.get(1).rows());
        assertEquals(List.of(List.of(), List.of("", "x")), got.get(2).rows());
    }

    @Test
    void append_inserts_rows_after_the_table_and_reports_where() {
        int id = addTab("Video Tasks", 3, 4);
        port.batchUpdateValues(List.of(new RangeWrite("'Video Tasks'!A1", List.of(List.of("ID", "URL"), List.of("v1", "u1")))));
        port.batchUpdateValues(List.of(RangeWrite.cell("'Video Tasks'!A3", "note")));
        AppendResult r = port.append("'Video Tasks'!A1", List.of(List.of("v2", "u2"), List.of("v3", "u3")));
        assertEquals(new AppendResult("'Video Tasks'!A4:B5", 4, 2), r);
        // The grid grew by the two inserted rows.
        assertEquals(5, port.getInfo().tabs().stream().filter(t -> t.sheetId() == id).findFirst().orElseThrow().rowCount());
        assertEquals(List.of(List.of("ID", "URL"), List.of("v1", "u1"), List.of("note"), List.of("v2", "u2"),
                List.of("v3", "u3")), port.batchGet(List.of("'Video Tasks'")).get(0).rows());
    }

    @Test
    void insert_and_delete_dimension_shift_rows() {
        port.batchUpdateValues(List.of(new RangeWrite("A1", List.of(List.of("1"), List.of("2"), List.of("3")))));
        port.batchUpdate(List.of(new StructuralRequest.InsertDimension(0, Dimension.ROWS, 1, 2)));
        assertEquals(List.of(List.of("1"), List.of(), List.of("2"), List.of("3")), port.batchGet(List.of("A:A")).get(0).rows());
        port.batchUpdate(List.of(new StructuralRequest.DeleteDimension(0, Dimension.ROWS, 0, 2)));
        assertEquals(List.of(List.of("2"), List.of("3")), port.batchGet(List.of("A:A")).get(0).rows());
        assertEquals(999, port.getInfo().tabs().get(0).rowCount());
    }

    @Test
    void append_dimension_grows_the_grid_and_writes_may_then_use_it() {
        port.batchUpdate(List.of(new StructuralRequest.AppendDimension(0, Dimension.COLUMNS, 4)));
        port.batchUpdateValues(List.of(RangeWrite.cell("AD1", "far")));
        assertEquals(30, port.getInfo().tabs().get(0).columnCount());
        assertEquals(List.of(List.of("far")), port.batchGet(List.of("AD1")).get(0).rows());
    }

    @Test
    void a_bad_range_is_an_invalid_request_with_googles_message_and_nothing_is_written() {
        SheetsException e = assertThrows(SheetsException.class, () -> port.batchUpdateValues(List.of(
                RangeWrite.cell("A1", "kept?"), RangeWrite.cell("NoSuchTab!A1", "x"))));
        assertEquals(SheetsException.Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("Invalid data[1]: Unable to parse range: NoSuchTab!A1"), e.getMessage());
        assertEquals(List.of(), port.batchGet(List.of("A1")).get(0).rows());
    }

    @Test
    void a_failing_structural_batch_applies_nothing() {
        SheetsException e = assertThrows(SheetsException.class, () -> port.batchUpdate(List.of(
                new StructuralRequest.AddTab("Sources", 10, 5), new StructuralRequest.DeleteTab(424242))));
        assertTrue(e.getMessage().contains("Invalid requests[1].deleteSheet: No grid with id: 424242"), e.getMessage());
        assertEquals(1, port.getInfo().tabs().size());
    }

    @Test
    void batch_clear_empties_ranges() {
        port.batchUpdateValues(List.of(new RangeWrite("A1", List.of(List.of("a", "b"), List.of("c", "d")))));
        port.batchClear(List.of("B1:B2"));
        assertEquals(List.of(List.of("a"), List.of("c")), port.batchGet(List.of("A1:B2")).get(0).rows());
    }

    @Test
    void structural_requests_of_init_are_accepted_and_frozen_rows_reported() {
        int id = addTab("Sources", 100, 12);
        port.batchUpdate(List.of(new StructuralRequest.FreezeRows(id, 1),
                new StructuralRequest.Dropdown(id, 2, List.of("pending", "done")),
                new StructuralRequest.ColorRowsWhen(id, 2, 12, "done", new StructuralRequest.Color(0.8, 1, 0.8))));
        assertEquals(1, port.getInfo().tab("sources").orElseThrow().frozenRowCount());
    }

    @Test
    void concurrent_appends_never_overwrite_each_other() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    port.append("Sheet1!A1", List.of(List.of("t" + n + "-" + i)));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<List<String>> rows = port.batchGet(List.of("Sheet1!A:A")).get(0).rows();
        assertEquals(400, rows.size());
        assertEquals(400, rows.stream().map(r -> r.get(0)).distinct().count());
    }
}
