package io.github.ytdc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.coord.ArchiveTab;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.sheets.RangeWrite;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ytdc status} counts videos moved to the Archive tab, per source and in the totals. */
class ArchivedStatusTest {
    private static final TabNames T = TestSheet.TABS;
    private final TestSheet sheet = new TestSheet();
    private final StatusCalculator calculator =
            new StatusCalculator(Clock.fixed(StatusCalculatorTest.NOW, ZoneOffset.UTC));

    private void archiveRows(List<List<String>> rows) {
        // The Archive tab comes with a prepared sheet (init creates it).
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(ArchiveTab.COLUMNS);
        all.addAll(rows);
        sheet.raw.batchUpdateValues(List.of(new RangeWrite("Archive!A1:E" + all.size(), all)));
    }

    @Test
    void archived_videos_count_as_done_for_their_sources_and_in_the_totals() {
        sheet.add(T.sources(), Map.of("ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done"));
        sheet.add(T.sources(), Map.of("ID", "S2", "URL", "https://www.youtube.com/@two", "Status", "done"));
        sheet.add(T.videos(), Map.of("ID", "v9", "SourceID", "S1", "Status", "pending"));
        archiveRows(List.of(
                List.of("2026-11-01 00:00:00", "3", "{\"S1\":2,\"S2\":1}", "a b c", "[]"),
                List.of("2026-11-02 00:00:00", "4", "{\"S1\":4}", "d e f g", "[]"),
                List.of("2026-11-02 00:00:00", "1", "edited by hand", "h", "[]")));

        StatusReport r = calculator.read(sheet.port, T);

        assertEquals(new Progress(7, 1, 0, 0, 0), r.totals().videos());
        Map<String, Progress> bySource = new java.util.HashMap<>();
        r.sources().forEach(s -> bySource.put(s.id(), s.videos()));
        assertEquals(new Progress(6, 1, 0, 0, 0), bySource.get("S1"));
        assertEquals(new Progress(1, 0, 0, 0, 0), bySource.get("S2"));
        assertEquals(List.of(), r.problems());
        assertEquals(1, sheet.port.reads, "one batchGet once the Archive tab exists");
    }

    @Test
    void a_sheet_with_nothing_archived_reports_no_problem_about_the_archive() {
        sheet.add(T.videos(), Map.of("ID", "v1", "SourceID", "S1", "Status", "done"));

        StatusReport r = calculator.read(sheet.port, T);

        assertEquals(new Progress(1, 0, 0, 0, 0), r.totals().videos());
        assertEquals(List.of(), r.problems().stream().filter(p -> p.contains("Archive")).toList());
    }
}
