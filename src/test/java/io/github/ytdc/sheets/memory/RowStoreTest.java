package io.github.ytdc.sheets.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RowStore} against the plain list of rows it replaced: random edits, forks that are dropped or committed, and
 * every answer compared, across block boundaries and past column 63 (where the occupancy masks stop being exact).
 */
class RowStoreTest {
    private static final int COLUMNS = 70;

    /** The obvious implementation: one array per row, copied whole on fork. */
    private static final class Reference {
        List<CellValue[]> rows = new ArrayList<>();

        Reference copy() {
            Reference r = new Reference();
            rows.forEach(x -> r.rows.add(x == null ? null : x.clone()));
            return r;
        }

        CellValue get(int row, int col) {
            if (row >= rows.size()) {
                return null;
            }
            CellValue[] r = rows.get(row);
            return r == null || col >= r.length ? null : r[col];
        }

        void set(int row, int col, CellValue v) {
            if (row >= rows.size()) {
                if (v == null) {
                    return;
                }
                rows.addAll(Collections.nCopies(row + 1 - rows.size(), null));
            }
            CellValue[] r = rows.get(row);
            if (r == null || col >= r.length) {
                if (v == null) {
                    return;
                }
                r = r == null ? new CellValue[col + 1] : Arrays.copyOf(r, col + 1);
                rows.set(row, r);
            }
            r[col] = v;
        }

        boolean anyInRow(int row, int from, int to) {
            for (int c = from; c < to; c++) {
                if (get(row, c) != null) {
                    return true;
                }
            }
            return false;
        }

        boolean anyInColumn(int col, int from, int to) {
            for (int r = Math.max(from, 0); r < to; r++) {
                if (get(r, col) != null) {
                    return true;
                }
            }
            return false;
        }

        int dataExtent() {
            for (int r = rows.size() - 1; r >= 0; r--) {
                if (anyInRow(r, 0, COLUMNS + 5)) {
                    return r + 1;
                }
            }
            return 0;
        }

        void insertRows(int at, int count) {
            if (at < rows.size()) {
                rows.addAll(at, Collections.nCopies(count, null));
            }
        }

        void deleteRows(int start, int end) {
            int to = Math.min(end, rows.size());
            if (start < to) {
                rows.subList(start, to).clear();
            }
        }

        void insertColumns(int at, int count) {
            for (int i = 0; i < rows.size(); i++) {
                CellValue[] old = rows.get(i);
                if (old != null && at < old.length) {
                    CellValue[] n = new CellValue[old.length + count];
                    System.arraycopy(old, 0, n, 0, at);
                    System.arraycopy(old, at, n, at + count, old.length - at);
                    rows.set(i, n);
                }
            }
        }

        void truncate(int rowCount, int columnCount) {
            deleteRows(rowCount, rows.size());
            rows.replaceAll(r -> r != null && r.length > columnCount ? Arrays.copyOf(r, columnCount) : r);
        }

        void deleteColumns(int start, int end) {
            for (int i = 0; i < rows.size(); i++) {
                CellValue[] old = rows.get(i);
                if (old != null && start < old.length) {
                    int to = Math.min(end, old.length);
                    CellValue[] n = new CellValue[old.length - (to - start)];
                    System.arraycopy(old, 0, n, 0, start);
                    System.arraycopy(old, to, n, start, old.length - to);
                    rows.set(i, n);
                }
            }
        }
    }

    private static CellValue value(SplittableRandom random) {
        return new CellValue.Text("v" + random.nextInt(1000));
    }

    /** Applies one random edit to both. */
    private static String edit(SplittableRandom random, RowStore store, Reference ref) {
        int size = Math.max(ref.rows.size(), 1);
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                // A dense run, like an append or a range write (the table shape the masks speed up).
                int start = random.nextInt(size + 50);
                int n = random.nextInt(1, 3 * RowStore.BLOCK / 2);
                int width = random.nextInt(1, 8);
                for (int r = start; r < start + n; r++) {
                    for (int c = 0; c < width; c++) {
                        CellValue v = value(random);
                        store.set(r, c, v);
                        ref.set(r, c, v);
                    }
                }
                return "dense " + start + "+" + n;
            }
            case 3, 4 -> {
                int r = random.nextInt(size + 10);
                int c = random.nextInt(COLUMNS);
                CellValue v = random.nextInt(3) == 0 ? null : value(random);
                store.set(r, c, v);
                ref.set(r, c, v);
                return "set " + r + "," + c;
            }
            case 5 -> {
                int at = random.nextInt(size + 2);
                int n = random.nextInt(4) == 0 ? random.nextInt(1, 3 * RowStore.BLOCK) : random.nextInt(1, 20);
                store.insertRows(at, n);
                ref.insertRows(at, n);
                return "insertRows " + at + "+" + n;
            }
            case 6 -> {
                int start = random.nextInt(size);
                int end = start + (random.nextInt(4) == 0 ? random.nextInt(1, 2 * RowStore.BLOCK) : random.nextInt(1, 20));
                store.deleteRows(start, end);
                ref.deleteRows(start, end);
                return "deleteRows " + start + ".." + end;
            }
            case 7 -> {
                int at = random.nextInt(COLUMNS);
                store.insertColumns(at, 1);
                ref.insertColumns(at, 1);
                return "insertColumn " + at;
            }
            case 8 -> {
                int at = random.nextInt(COLUMNS);
                store.deleteColumns(at, at + 1);
                ref.deleteColumns(at, at + 1);
                return "deleteColumn " + at;
            }
            default -> {
                for (int i = 0; i < 30; i++) {
                    int r = random.nextInt(size);
                    store.set(r, 0, null);
                    ref.set(r, 0, null);
                }
                return "clear column A of 30 rows";
            }
        }
    }

    private static void assertSame(RowStore store, Reference ref, SplittableRandom random, String step) {
        assertEquals(ref.rows.size(), store.size(), step + ": size");
        assertEquals(ref.dataExtent(), store.dataExtent(), step + ": data extent");
        // Every cell now and then, a sample of rows otherwise: the queries below cover the rest.
        boolean all = random.nextInt(10) == 0;
        for (int r = 0; r < ref.rows.size() + 2; r += all ? 1 : 1 + random.nextInt(40)) {
            assertEquals(ref.anyInRow(r, 0, COLUMNS + 5), store.rowHasData(r), step + ": row " + r + " has data");
            for (int c = 0; c < COLUMNS + 2; c++) {
                if (ref.get(r, c) != store.get(r, c)) {
                    assertEquals(ref.get(r, c), store.get(r, c), step + ": cell " + r + "," + c);
                }
            }
        }
        int limit = ref.rows.size() + 3;
        for (int q = 0; q < 60; q++) {
            int row = random.nextInt(limit);
            int from = random.nextInt(COLUMNS);
            int to = from + random.nextInt(1, COLUMNS);
            assertEquals(ref.anyInRow(row, from, to), store.anyInRow(row, from, to),
                    step + ": anyInRow " + row + " [" + from + "," + to + ")");
            int col = random.nextInt(COLUMNS);
            int r0 = random.nextInt(limit);
            int r1 = r0 + random.nextInt(1, limit + 1);
            assertEquals(ref.anyInColumn(col, r0, r1), store.anyInColumn(col, r0, r1),
                    step + ": anyInColumn " + col + " [" + r0 + "," + r1 + ")");
            int top = row;
            while (top > 0 && ref.anyInRow(top - 1, from, to)) {
                top--;
            }
            assertEquals(top, store.extendUp(row, from, to), step + ": extendUp from " + row);
            int bottom = row;
            int cap = row + random.nextInt(limit);
            while (bottom < cap && ref.anyInRow(bottom, from, to)) {
                bottom++;
            }
            assertEquals(bottom, store.extendDown(row, from, to, cap), step + ": extendDown from " + row);
        }
    }

    @Test
    void behaves_as_a_list_of_rows_through_random_edits_forks_and_drops() {
        SplittableRandom random = new SplittableRandom(42);
        RowStore live = new RowStore();
        Reference liveRef = new Reference();
        live.seal();
        for (int step = 0; step < 80; step++) {
            // As the model does: each request works on a fork, which is dropped on failure or sealed as the new state.
            RowStore work = live.fork();
            Reference workRef = liveRef.copy();
            String what = "";
            for (int e = random.nextInt(1, 4); e > 0; e--) {
                what += edit(random, work, workRef) + "; ";
            }
            assertSame(work, workRef, random, "step " + step + " (" + what + ")");
            if (random.nextInt(4) == 0) {
                assertSame(live, liveRef, random, "step " + step + " dropped: the live store is untouched");
            } else {
                work.seal();
                live = work;
                liveRef = workRef;
            }
            if (liveRef.rows.size() > 6 * RowStore.BLOCK) {
                RowStore trim = live.fork();
                trim.truncate(4 * RowStore.BLOCK, COLUMNS);
                liveRef = liveRef.copy();
                liveRef.truncate(4 * RowStore.BLOCK, COLUMNS);
                trim.seal();
                live = trim;
                assertSame(live, liveRef, random, "step " + step + " truncated");
            }
        }
    }

    @Test
    void a_fork_never_changes_the_cells_it_shares_with_its_parent() {
        RowStore parent = new RowStore();
        CellValue a = new CellValue.Text("a");
        for (int r = 0; r < 3 * RowStore.BLOCK; r++) {
            parent.set(r, 0, a);
        }
        parent.seal();
        RowStore child = parent.fork();
        child.set(5, 0, new CellValue.Text("b"));
        child.set(5, 1, new CellValue.Text("c"));
        child.insertRows(0, 2);
        child.deleteRows(RowStore.BLOCK, RowStore.BLOCK + 10);
        child.insertColumns(0, 1);

        assertEquals(a, parent.get(5, 0));
        assertNull(parent.get(5, 1));
        assertEquals(3 * RowStore.BLOCK, parent.size());
        assertEquals(new CellValue.Text("b"), child.get(7, 1));
        assertEquals(new CellValue.Text("c"), child.get(7, 2));
        assertEquals(3 * RowStore.BLOCK + 2 - 10, child.size());
    }

    @Test
    void truncating_the_grid_drops_cells_past_the_last_column() {
        RowStore s = new RowStore();
        s.set(0, 0, new CellValue.Text("keep"));
        s.set(0, 66, new CellValue.Text("far"));
        s.set(1, 4, new CellValue.Text("gone"));
        s.truncate(10, 3);
        assertEquals(new CellValue.Text("keep"), s.get(0, 0));
        assertNull(s.get(0, 66));
        assertEquals(false, s.rowHasData(1));
        assertEquals(1, s.dataExtent());
    }
}
