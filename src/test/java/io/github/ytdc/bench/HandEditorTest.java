package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each hand edit against the in-memory model of a seeded Video Tasks tab. */
class HandEditorTest {
    private static final String TAB = TabNames.DEFAULT.videos();
    private static final int SEEDED = 10;

    private InMemorySpreadsheetPort port;
    private List<List<String>> header;
    private List<List<String>> seeded;

    @BeforeEach
    void seed() {
        port = InMemorySpreadsheetPort.create("hand");
        new SheetInitializer(port, TabNames.DEFAULT).initialize();
        Header h = Header.of(port.batchGet(List.of(A1.rows(TAB, 1, 1))).get(0));
        List<List<String>> rows = new ArrayList<>();
        // Titles and URLs in an order unrelated to the ids, and other columns filled, so a sort visibly moves rows.
        for (int i = 0; i < SEEDED; i++) {
            int k = (i * 7) % SEEDED;
            rows.add(RowWrite.newRow(h, Map.of(Columns.ID, "v" + i, Columns.SOURCE_ID, "src" + i % 3,
                    Columns.URL, "https://example.test/" + (char) ('a' + k), Columns.STATUS, i % 2 == 0 ? "pending" : "done",
                    Columns.TITLE, "Title " + (char) ('z' - (i * 3) % SEEDED), Columns.OUTPUT, "/out/v" + i)));
        }
        port.append(A1.cell(TAB, 0, 1), rows);
        List<List<String>> all = readAll();
        header = all.subList(0, 1);
        seeded = all.subList(1, all.size());
        assertEquals(SEEDED, seeded.size());
    }

    private List<List<String>> readAll() {
        return List.copyOf(port.batchGet(List.of(A1.tab(TAB))).get(0).rows());
    }

    private static HandEditor editor(InMemorySpreadsheetPort port, long seed) {
        return new HandEditor(port, TAB, new Random(seed));
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(String::isBlank);
    }

    private List<String> ids(List<List<String>> rows) {
        Header h = new Header(header.get(0));
        return rows.stream().map(r -> new WorkRow(0, h, r).id()).filter(id -> !id.isEmpty()).toList();
    }

    private int rowCount() {
        return port.getInfo().tab(TAB).orElseThrow().rowCount();
    }

    @Test
    void inserted_tasks_are_pending_rows_with_fresh_ids_placed_between_the_existing_rows_which_stay_intact() {
        Set<Integer> positions = new HashSet<>();
        for (long s = 0; s < 8; s++) {
            seed();
            HandEditor.Edit edit = editor(port, s).insertTasks(2);
            assertEquals(HandEditor.Kind.INSERT_TASKS, edit.kind());
            assertEquals(List.of("hand-1", "hand-2"), edit.addedIds());
            assertEquals(List.of(), edit.deletedIds());
            List<List<String>> all = readAll();
            assertEquals(header, all.subList(0, 1));
            assertEquals(SEEDED + 2, all.size() - 1);
            Header h = new Header(header.get(0));
            List<Integer> at = new ArrayList<>();
            for (int i = 1; i < all.size(); i++) {
                WorkRow row = new WorkRow(i + 1, h, all.get(i));
                if (row.id().startsWith("hand-")) {
                    at.add(i + 1);
                    assertEquals("pending", row.get(Columns.STATUS));
                    assertEquals("https://www.youtube.com/watch?v=" + row.id(), row.url());
                    assertEquals("", row.get(Columns.TITLE), "nothing else typed");
                }
            }
            assertEquals(2, at.size());
            assertEquals(at.get(0) + 1, at.get(1), "the new rows are adjacent");
            assertTrue(edit.description().contains("at row " + at.get(0)), edit.description());
            positions.add(at.get(0));
            List<List<String>> others = new ArrayList<>(all.subList(1, all.size()));
            others.removeIf(r -> ids(List.of(r)).get(0).startsWith("hand-"));
            assertEquals(seeded, others, "existing rows keep every column and their order");
        }
        assertTrue(positions.size() > 2 && positions.stream().anyMatch(p -> p > 2 && p < SEEDED + 2),
                "insertions land at various places in the middle: " + positions);
    }

    @Test
    void ids_of_inserted_tasks_never_repeat_within_one_editor() {
        HandEditor editor = editor(port, 3);
        List<String> ids = new ArrayList<>(editor.insertTasks(3).addedIds());
        ids.addAll(editor.insertTasks(1).addedIds());
        assertEquals(List.of("hand-1", "hand-2", "hand-3", "hand-4"), ids);
        assertEquals(4, ids(readAll()).stream().filter(id -> id.startsWith("hand-")).distinct().count());
    }

    @Test
    void blank_rows_grow_the_grid_and_only_push_rows_down() {
        boolean sawInterior = false;
        for (long s = 0; s < 8; s++) {
            seed();
            int before = rowCount();
            HandEditor.Edit edit = editor(port, s).insertBlankRows(3);
            assertEquals(HandEditor.Kind.INSERT_BLANK_ROWS, edit.kind());
            assertEquals(List.of(), edit.addedIds());
            assertEquals(List.of(), edit.deletedIds());
            assertEquals(before + 3, rowCount());
            List<List<String>> all = readAll();
            assertEquals(header, all.subList(0, 1));
            List<List<String>> data = new ArrayList<>(all.subList(1, all.size()));
            long blanks = data.stream().filter(HandEditorTest::blank).count();
            data.removeIf(HandEditorTest::blank);
            assertEquals(seeded, data);
            // Blank rows after the last data row are trimmed from reads, as Google does.
            assertTrue(blanks == 3 || edit.description().endsWith("at row " + (SEEDED + 2)), edit + ", blanks " + blanks);
            sawInterior |= blanks == 3;
        }
        assertTrue(sawInterior, "some blank rows landed between data rows");
    }

    @Test
    void deleting_removes_one_data_row_and_reports_its_id_never_the_header() {
        Set<String> deleted = new HashSet<>();
        for (long s = 0; s < 8; s++) {
            seed();
            HandEditor.Edit edit = editor(port, s).deleteRow();
            assertEquals(HandEditor.Kind.DELETE_ROW, edit.kind());
            assertEquals(1, edit.deletedIds().size(), edit.toString());
            String id = edit.deletedIds().get(0);
            List<List<String>> all = readAll();
            assertEquals(header, all.subList(0, 1));
            List<List<String>> expected = new ArrayList<>(seeded);
            expected.removeIf(r -> ids(List.of(r)).get(0).equals(id));
            assertEquals(SEEDED - 1, expected.size());
            assertEquals(expected, all.subList(1, all.size()));
            deleted.add(id);
        }
        assertTrue(deleted.size() > 2, "the row is chosen at random: " + deleted);
    }

    @Test
    void deleting_from_a_tab_without_data_rows_changes_nothing() {
        port.batchClear(List.of(A1.rows(TAB, 2, 100)));
        HandEditor.Edit edit = editor(port, 1).deleteRow();
        assertEquals(List.of(), edit.deletedIds());
        assertEquals(header, readAll());
    }

    private static final Pattern SORTED = Pattern.compile("sorted rows 2\\.\\. by (\\w+) (ascending|descending)");

    @Test
    void sorting_orders_the_data_rows_by_the_named_column_and_moves_whole_rows() {
        Set<String> seen = new HashSet<>();
        for (long s = 0; s < 12; s++) {
            seed();
            HandEditor.Edit edit = editor(port, s).sortRows();
            assertEquals(HandEditor.Kind.SORT, edit.kind());
            assertEquals(List.of(), edit.deletedIds());
            Matcher m = SORTED.matcher(edit.description());
            assertTrue(m.matches(), edit.description());
            seen.add(m.group(1) + " " + m.group(2));
            List<List<String>> all = readAll();
            assertEquals(header, all.subList(0, 1));
            int column = new Header(header.get(0)).column(m.group(1)).getAsInt();
            Comparator<List<String>> by = Comparator.comparing(r -> r.get(column).toLowerCase());
            List<List<String>> expected = new ArrayList<>(seeded);
            expected.sort(m.group(2).equals("ascending") ? by : by.reversed());
            assertEquals(expected, all.subList(1, all.size()));
            assertTrue(!expected.equals(seeded) || m.group(1).equals("ID") && m.group(2).equals("ascending"),
                    "the sort moved rows");
        }
        assertTrue(seen.size() >= 3, "column and direction vary: " + seen);
    }

    @Test
    void random_edits_account_for_every_id_that_appears_or_vanishes() {
        HandEditor editor = editor(port, 42);
        List<String> expected = new ArrayList<>(ids(seeded));
        Set<HandEditor.Kind> kinds = EnumSet.noneOf(HandEditor.Kind.class);
        for (int i = 0; i < 40; i++) {
            HandEditor.Edit edit = editor.randomEdit();
            kinds.add(edit.kind());
            expected.addAll(edit.addedIds());
            edit.deletedIds().forEach(expected::remove);
            List<List<String>> all = readAll();
            assertEquals(header, all.subList(0, 1), "header untouched after " + edit);
            assertEquals(expected.stream().sorted().toList(), ids(all.subList(1, all.size())).stream().sorted().toList(),
                    "after " + edit);
        }
        assertEquals(EnumSet.allOf(HandEditor.Kind.class), kinds);
    }

    @Test
    void a_row_count_below_one_is_refused() {
        HandEditor editor = editor(port, 1);
        assertEquals("row count must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> editor.insertTasks(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> editor.insertBlankRows(-1));
        assertEquals(List.of(header, seeded).stream().flatMap(List::stream).toList(), readAll());
    }
}
