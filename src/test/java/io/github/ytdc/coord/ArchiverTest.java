package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.ForwardingSpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.testing.MutableClock;
import io.github.ytdc.testing.Sheet;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchiverTest {
    private final MutableClock clock = new MutableClock();
    private final Instant old = clock.instant().minus(Duration.ofDays(30));

    /** Sorts Video Tasks by ID descending just before the first move batch goes out: a person sorting meanwhile. */
    private static final class SortsBeforeMove extends ForwardingSpreadsheetPort {
        boolean sorted;

        SortsBeforeMove(SpreadsheetPort delegate) {
            super(delegate);
        }

        @Override
        public void batchUpdate(List<StructuralRequest> requests) {
            if (!sorted && requests.stream().anyMatch(r -> r instanceof StructuralRequest.CopyRows)) {
                sorted = true;
                int id = delegate.getInfo().tab("Video Tasks").orElseThrow().sheetId();
                delegate.batchUpdate(List.of(new StructuralRequest.SortRows(id, 1, 0, true)));
            }
            super.batchUpdate(requests);
        }
    }

    private void video(Sheet sheet, String id, String status, Instant doneAt) {
        sheet.add("Video Tasks", Map.of("ID", id, "SourceID", "src-" + id.charAt(0), "URL", "u-" + id,
                "Status", status, "DoneAt", doneAt == null ? "" : Timestamps.format(doneAt), "Title", "Title " + id,
                "Output", "/out/" + id + ".mp4"));
    }

    private Archiver archiver(SpreadsheetPort port) {
        return new Archiver(port, io.github.ytdc.coord.TabNames.DEFAULT, "w1", clock, Duration.ofMinutes(10));
    }

    private static Set<String> archivedIds(SpreadsheetPort port) {
        Set<String> ids = new HashSet<>();
        if (port.getInfo().tab("Archive").isEmpty()) {
            return ids;
        }
        for (List<String> row : port.batchGet(List.of("Archive!A2:E")).get(0).rows()) {
            ids.addAll(List.of(row.get(3).split(" ")));
        }
        return ids;
    }

    @Test
    void the_finished_prefix_older_than_the_cutoff_moves_to_the_archive_and_the_rest_stays() {
        Sheet sheet = new Sheet();
        video(sheet, "a1", "done", old);
        video(sheet, "a2", "error", old);
        video(sheet, "a3", "done", clock.instant());
        video(sheet, "a4", "done", old);
        video(sheet, "a5", "pending", null);

        Archiver.Result r = archiver(sheet.port).archive(1, 1000, clock.instant().minus(Duration.ofDays(7)));

        assertEquals(new Archiver.Result(2, 0), r);
        assertEquals(List.of("a3", "a4", "a5"), sheet.rows("Video Tasks").stream().map(WorkRow::id).toList());
        assertEquals(Set.of("a1", "a2"), archivedIds(sheet.port));
        List<String> archiveRow = sheet.port.batchGet(List.of("Archive!A2:E2")).get(0).rows().get(0);
        assertEquals("2", archiveRow.get(1));
        assertEquals(Map.of("src-a", 1), ArchiveTab.sourceCounts(archiveRow.get(2)));
        assertEquals(List.of("a1", "src-a", "done", Timestamps.format(old), "/out/a1.mp4", "Title a1"),
                ArchiveTab.records(archiveRow.get(4)).get(0));
        assertTrue(sheet.port.getInfo().tabs().stream().noneMatch(t -> t.title().startsWith(Archiver.STAGING_PREFIX)));
    }

    @Test
    void a_row_held_at_the_top_does_not_keep_the_finished_rows_below_it() {
        Sheet sheet = new Sheet();
        video(sheet, "a0", "in_progress", null); // held by an agent that died: stays until its stall timeout
        video(sheet, "a1", "done", old);
        video(sheet, "a2", "pending", null);
        for (int i = 3; i < 8; i++) {
            video(sheet, "a" + i, "done", old);
        }
        video(sheet, "a8", "pending", null);

        Archiver.Result r = archiver(sheet.port).archive(1, 1000, clock.instant().minus(Duration.ofDays(7)));

        assertEquals(new Archiver.Result(5, 0), r, "the longest finished block, a3..a7, moves");
        assertEquals(List.of("a0", "a1", "a2", "a8"), sheet.rows("Video Tasks").stream().map(WorkRow::id).toList());
        assertEquals(Set.of("a3", "a4", "a5", "a6", "a7"), archivedIds(sheet.port));
        assertTrue(sheet.port.getInfo().tabs().stream().noneMatch(t -> t.title().startsWith(Archiver.STAGING_PREFIX)));
    }

    /** Adds an empty one-column tab that leaves exactly {@code room} cells under Google's 10,000,000. */
    private static void fillToRoom(SpreadsheetPort port, long room) {
        long used = CellBudget.of(port.getInfo(), 1).used();
        port.batchUpdate(List.of(new StructuralRequest.AddTab("Filler", (int) (10_000_000L - used - room), 1)));
        assertEquals(10_000_000L - room, CellBudget.of(port.getInfo(), 1).used());
    }

    @Test
    void near_the_cell_cap_a_block_small_enough_for_its_staging_tab_moves_and_each_move_makes_room_for_more() {
        Sheet sheet = new Sheet();
        for (int i = 0; i < 30; i++) {
            video(sheet, "a" + i, "done", old);
        }
        int width = sheet.port.getInfo().tab("Video Tasks").orElseThrow().columnCount();
        // Room for a staging tab of 10 rows and its header: a full block's tab (31 rows) would be refused.
        fillToRoom(sheet.port, 11L * width);

        Archiver.Result first = archiver(sheet.port).archive(1, 1000, clock.instant());

        assertEquals(new Archiver.Result(10, 0), first);
        assertEquals(20, sheet.rows("Video Tasks").size());
        Archiver.Result second = archiver(sheet.port).archive(1, 1000, clock.instant());
        assertTrue(second.archived() > 10, "the first move freed room for a bigger block: " + second);
        assertTrue(CellBudget.of(sheet.port.getInfo(), 1).used() <= 10_000_000L);
        assertTrue(sheet.port.getInfo().tabs().stream().noneMatch(t -> t.title().startsWith(Archiver.STAGING_PREFIX)));
    }

    @Test
    void with_no_room_even_for_a_one_row_staging_tab_nothing_moves_and_nothing_fails() {
        Sheet sheet = new Sheet();
        video(sheet, "a1", "done", old);
        video(sheet, "a2", "done", old);
        int width = sheet.port.getInfo().tab("Video Tasks").orElseThrow().columnCount();
        fillToRoom(sheet.port, 2L * width - 1);

        assertEquals(Archiver.Result.NONE, archiver(sheet.port).archive(1, 1000, clock.instant()));
        assertEquals(2, sheet.rows("Video Tasks").size());
    }

    @Test
    void fewer_archivable_rows_than_the_minimum_move_nothing() {
        Sheet sheet = new Sheet();
        video(sheet, "a1", "done", old);
        video(sheet, "a2", "pending", null);

        assertEquals(Archiver.Result.NONE, archiver(sheet.port).archive(2, 1000, clock.instant()));
        assertEquals(2, sheet.rows("Video Tasks").size());
        assertTrue(archivedIds(sheet.port).isEmpty());
    }

    @Test
    void a_sort_between_the_read_and_the_move_loses_nothing_and_unfinished_rows_come_back() {
        SortsBeforeMove port = new SortsBeforeMove(InMemorySpreadsheetPort.create("t"));
        Sheet sheet = new Sheet(port);
        // Read in this order: a1..a3 finished at the top, b1..b3 pending; the sort puts b3, b2, b1 on top.
        for (String id : List.of("a1", "a2", "a3")) {
            video(sheet, id, "done", old);
        }
        for (String id : List.of("b1", "b2", "b3")) {
            video(sheet, id, "pending", null);
        }

        Archiver.Result r = archiver(port).archive(1, 1000, clock.instant());

        assertTrue(port.sorted);
        assertEquals(new Archiver.Result(0, 3), r);
        List<WorkRow> left = sheet.rows("Video Tasks");
        assertEquals(Set.of("a1", "a2", "a3", "b1", "b2", "b3"),
                new HashSet<>(left.stream().map(WorkRow::id).toList()));
        assertEquals(6, left.size());
        WorkRow b1 = sheet.video("b1");
        assertEquals("pending", b1.get("Status"));
        assertEquals("u-b1", b1.url());
        assertTrue(archivedIds(port).isEmpty());

        // The next run finds the finished rows again and archives them.
        port.batchUpdate(List.of(new StructuralRequest.SortRows(port.getInfo().tab("Video Tasks").orElseThrow()
                .sheetId(), 1, 0, false)));
        assertEquals(new Archiver.Result(3, 0), archiver(port).archive(1, 1000, clock.instant()));
        assertEquals(List.of("b1", "b2", "b3"), sheet.rows("Video Tasks").stream().map(WorkRow::id).toList());
        assertEquals(Set.of("a1", "a2", "a3"), archivedIds(port));
    }

    @Test
    void a_staging_tab_left_by_a_crashed_archiver_is_compacted_after_the_stall_timeout() {
        Sheet sheet = new Sheet();
        video(sheet, "a1", "done", old);
        video(sheet, "a2", "pending", null);
        video(sheet, "a3", "pending", null);
        String title = Archiver.STAGING_PREFIX + "dead-" + clock.instant().getEpochSecond();
        var videosTab = sheet.port.getInfo().tab("Video Tasks").orElseThrow();
        int videos = videosTab.sheetId();
        sheet.port.batchUpdate(List.of(new StructuralRequest.AddTab(title, 3, videosTab.columnCount())));
        int staging = sheet.port.getInfo().tab(title).orElseThrow().sheetId();
        // The crash came right after the move.
        sheet.port.batchUpdate(List.of(new StructuralRequest.CopyRows(videos, 0, 3, staging, 0),
                new StructuralRequest.DeleteDimension(videos, StructuralRequest.Dimension.ROWS, 1, 3)));

        assertEquals(Archiver.Result.NONE, archiver(sheet.port).compactLeftovers());
        clock.advance(Duration.ofMinutes(11));
        assertEquals(new Archiver.Result(1, 1), archiver(sheet.port).compactLeftovers());

        assertFalse(sheet.port.getInfo().tab(title).isPresent());
        assertEquals(Set.of("a1"), archivedIds(sheet.port));
        assertEquals(List.of("a3", "a2"), sheet.rows("Video Tasks").stream().map(WorkRow::id).toList());
    }

    @Test
    void long_blocks_split_so_that_every_cell_stays_under_google_s_limit() {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(new ArchiveEntry("id" + i, "src", "done", "2026-01-01 00:00:00", "/out/" + "x".repeat(60),
                    "T".repeat(500)));
        }
        List<List<String>> rows = ArchiveTab.rows(entries, clock.instant());

        assertTrue(rows.size() > 1);
        assertEquals(2000, rows.stream().mapToInt(r -> Integer.parseInt(r.get(1))).sum());
        rows.forEach(r -> r.forEach(cell -> assertTrue(cell.length() < 50_000, () -> "cell of " + cell.length())));
        assertEquals(ArchiveTab.MAX_TITLE_CHARS, ArchiveTab.records(rows.get(0).get(4)).get(0).get(5).length());
    }
}
