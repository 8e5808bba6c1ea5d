package io.github.ytdc.bench;

import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.StructuralRequest.Dimension;
import io.github.ytdc.sheets.TabInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person editing a work tab by hand while agents run, through the same requests the Sheets UI sends: rows
 * inserted (with new tasks typed in, or left blank), a row deleted, the data sorted by a column. Each edit reads
 * the tab first, as a person looks before acting, and returns an {@link Edit} saying what it did, for a fault
 * run's report and its expected set of tasks.
 *
 * <p>Row positions come from that read. Agents never delete rows of a work tab, but an append by an expanding
 * agent can insert rows above a blank row, so a position may shift between the read and the edit, exactly as it can
 * under a person's hands. {@link Edit#deletedIds()} is therefore measured, not assumed: it holds the ids that
 * vanished from the tab across the edit, read again afterwards.
 *
 * <p>Edits are serialized; one editor per tab keeps the {@code hand-N} ids unique.
 */
final class HandEditor {
    private static final Logger LOG = LoggerFactory.getLogger(HandEditor.class);
    /** Columns a person might sort by; those missing from the tab are skipped. */
    private static final List<String> SORT_COLUMNS = List.of(Columns.ID, Columns.URL, Columns.TITLE);
    private static final int MAX_ROWS_PER_INSERT = 3;

    /** The kinds of edit. */
    public enum Kind { INSERT_TASKS, INSERT_BLANK_ROWS, DELETE_ROW, SORT }

    /**
     * One edit as done.
     *
     * @param description what happened, for people, e.g. {@code inserted 2 task rows at row 17}
     * @param addedIds    ids of the task rows this edit typed in (new tasks a run must finish)
     * @param deletedIds  ids that were in the tab before the edit and are gone after it (tasks no longer expected)
     */
    public record Edit(Kind kind, String description, List<String> addedIds, List<String> deletedIds) {
        public Edit {
            Objects.requireNonNull(kind, "kind");
            addedIds = List.copyOf(addedIds);
            deletedIds = List.copyOf(deletedIds);
        }

        @Override
        public String toString() {
            return kind + ": " + description;
        }
    }

    private final SpreadsheetPort port;
    private final String tab;
    private final RandomGenerator random;
    private Integer sheetId;
    private int nextId = 1;

    public HandEditor(SpreadsheetPort port, String tab, RandomGenerator random) {
        this.port = Objects.requireNonNull(port, "port");
        this.tab = Objects.requireNonNull(tab, "tab");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Inserts {@code count} rows at a random place among the data rows, then types a new pending task into each
     * (ID {@code hand-N}, URL, Status), as a person inserts rows and then fills them: two requests.
     */
    public synchronized Edit insertTasks(int count) {
        requirePositive(count);
        Rows before = read();
        int at = insertionIndex(before);
        port.batchUpdate(List.of(new StructuralRequest.InsertDimension(sheetId(), Dimension.ROWS, at, at + count)));
        List<String> ids = new ArrayList<>();
        List<RangeWrite> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "hand-" + nextId++;
            ids.add(id);
            writes.add(new RowWrite(tab, before.header(), at + 1 + i)
                    .set(Columns.ID, id)
                    .set(Columns.URL, "https://www.youtube.com/watch?v=" + id)
                    .set(Columns.STATUS, Status.PENDING.label())
                    .toRangeWrite());
        }
        port.batchUpdateValues(writes);
        return done(Kind.INSERT_TASKS, "inserted " + count + " task row(s) at row " + (at + 1) + ": " + ids,
                ids, before);
    }

    /** Inserts {@code count} empty rows at a random place among the data rows. */
    public synchronized Edit insertBlankRows(int count) {
        requirePositive(count);
        Rows before = read();
        int at = insertionIndex(before);
        port.batchUpdate(List.of(new StructuralRequest.InsertDimension(sheetId(), Dimension.ROWS, at, at + count)));
        return done(Kind.INSERT_BLANK_ROWS, "inserted " + count + " blank row(s) at row " + (at + 1), List.of(), before);
    }

    /** Deletes one random non-blank data row, never the header; does nothing on a tab without data rows. */
    public synchronized Edit deleteRow() {
        Rows before = read();
        List<WorkRow> candidates = before.rows().stream().filter(r -> !r.isBlank()).toList();
        if (candidates.isEmpty()) {
            return new Edit(Kind.DELETE_ROW, "nothing to delete: no data rows", List.of(), List.of());
        }
        WorkRow victim = candidates.get(random.nextInt(candidates.size()));
        int index = victim.rowNumber() - 1;
        port.batchUpdate(List.of(new StructuralRequest.DeleteDimension(sheetId(), Dimension.ROWS, index, index + 1)));
        return done(Kind.DELETE_ROW, "deleted row " + victim.rowNumber() + " (read as id '" + victim.id() + "')",
                List.of(), before);
    }

    /** Sorts every row below the header by ID, URL or Title, ascending or descending, chosen at random. */
    public synchronized Edit sortRows() {
        Rows before = read();
        List<String> columns = SORT_COLUMNS.stream().filter(before.header()::has).toList();
        if (columns.isEmpty()) {
            return new Edit(Kind.SORT, "nothing to sort by: the tab has none of " + SORT_COLUMNS, List.of(), List.of());
        }
        String column = columns.get(random.nextInt(columns.size()));
        boolean descending = random.nextBoolean();
        port.batchUpdate(List.of(new StructuralRequest.SortRows(sheetId(), 1,
                before.header().column(column).getAsInt(), descending)));
        return done(Kind.SORT, "sorted rows 2.. by " + column + (descending ? " descending" : " ascending"),
                List.of(), before);
    }

    /** One of the edits above, chosen uniformly; inserts add 1 to 3 rows. */
    public synchronized Edit randomEdit() {
        return switch (random.nextInt(4)) {
            case 0 -> insertTasks(random.nextInt(1, MAX_ROWS_PER_INSERT + 1));
            case 1 -> insertBlankRows(random.nextInt(1, MAX_ROWS_PER_INSERT + 1));
            case 2 -> deleteRow();
            default -> sortRows();
        };
    }

    /** The header and every row below it; blank rows in the middle are kept so positions stay true. */
    private record Rows(Header header, List<WorkRow> rows) {
        /** Zero-based index just past the last data row (1 when there is none). */
        int end() {
            return rows.isEmpty() ? 1 : rows.get(rows.size() - 1).rowNumber();
        }

        Map<String, Integer> idCounts() {
            Map<String, Integer> counts = new HashMap<>();
            rows.stream().map(WorkRow::id).filter(id -> !id.isEmpty()).forEach(id -> counts.merge(id, 1, Integer::sum));
            return counts;
        }
    }

    private Rows read() {
        CellRange all = port.batchGet(List.of(A1.tab(tab))).get(0);
        if (all.rows().isEmpty()) {
            throw new IllegalStateException("tab '" + tab + "' has no header row");
        }
        Header header = new Header(all.rows().get(0));
        List<WorkRow> rows = new ArrayList<>();
        for (int i = 1; i < all.rows().size(); i++) {
            rows.add(new WorkRow(i + 1, header, all.rows().get(i)));
        }
        return new Rows(header, rows);
    }

    /** A zero-based row index from just below the header to just past the last data row. */
    private int insertionIndex(Rows rows) {
        return random.nextInt(1, rows.end() + 1);
    }

    private int sheetId() {
        if (sheetId == null) {
            sheetId = port.getInfo().tab(tab).map(TabInfo::sheetId)
                    .orElseThrow(() -> new IllegalStateException("no tab named '" + tab + "'"));
        }
        return sheetId;
    }

    private Edit done(Kind kind, String description, List<String> added, Rows before) {
        Map<String, Integer> after = read().idCounts();
        List<String> vanished = new ArrayList<>();
        before.idCounts().forEach((id, n) -> {
            for (int i = after.getOrDefault(id, 0); i < n; i++) {
                vanished.add(id);
            }
        });
        vanished.sort(null);
        Edit edit = new Edit(kind, description, added, vanished);
        LOG.info("hand edit on '{}': {}", tab, edit);
        return edit;
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("row count must be at least 1, was " + count);
        }
    }
}
