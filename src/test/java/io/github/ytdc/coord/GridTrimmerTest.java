package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridTrimmerTest {
    private final SpreadsheetPort port = InMemorySpreadsheetPort.create("t");

    private int columns(String tab) {
        return port.getInfo().tab(tab).orElseThrow().columnCount();
    }

    @Test
    void init_trims_unused_columns_to_the_header_plus_two_and_deletes_an_empty_sheet1() {
        SheetInitializer.Report report = new SheetInitializer(port, TabNames.DEFAULT).initialize();

        SheetInitializer.Trimmed r = new GridTrimmer(port).trim(report.headers());

        assertTrue(r.deletedSheet1());
        assertFalse(port.getInfo().tab("Sheet1").isPresent());
        assertEquals(Columns.VIDEOS_TAB.size() + 2, columns("Video Tasks"));
        assertEquals(Columns.ARCHIVE.size() + 2, columns("Archive"));
        assertEquals(new SheetInitializer.Trimmed(List.of(), false), new GridTrimmer(port).trim(report.headers()));
    }

    @Test
    void columns_or_a_sheet1_holding_anything_are_kept() {
        port.batchUpdateValues(List.of(new RangeWrite("Sheet1!B2", List.of(List.of("my notes")))));
        SheetInitializer.Report report = new SheetInitializer(port, TabNames.DEFAULT).initialize();
        port.batchUpdateValues(List.of(new RangeWrite("'Video Tasks'!Z500", List.of(List.of("x")))));

        SheetInitializer.Trimmed r = new GridTrimmer(port).trim(report.headers());

        assertFalse(r.deletedSheet1());
        assertFalse(r.trimmedTabs().contains("Video Tasks"));
        assertEquals(26, columns("Video Tasks"));
        assertEquals(Columns.SOURCES.size() + 2, columns("Sources"));
    }
}
