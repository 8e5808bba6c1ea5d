package io.github.ytdc.sheets.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cells of one sheet, row by row, built so that a change costs what it touches even on a tab of a million rows.
 *
 * <ul>
 *   <li>Rows live in blocks of about {@value #BLOCK} rows. A {@link #fork() fork} copies only the list of blocks and
 *       copies a block (shallowly) the first time it writes to it, and a row's cells the first time it writes to that
 *       row, so a request that fails is dropped whole and one that succeeds costs what it wrote.</li>
 *   <li>Each row has an occupancy mask (bit {@code c} for a value in column {@code c < 63}, bit 63 for a value in
 *       any later column), and each block the OR and AND of its rows' masks. {@code values.append}'s table detection
 *       asks "does this row hold data in these columns" and "does this column hold data in these rows"; the masks
 *       answer a whole block of a table at once instead of touching every row.</li>
 * </ul>
 *
 * <p>Not thread-safe. Once {@link #seal() sealed} a store is never changed again (forks copy what they write), and
 * everything it caches is computed by then, so a sealed store may be read while another thread works on a fork.
 */
final class RowStore {
    /** Rows per block: big enough that a million rows are a thousand blocks, small enough to copy in microseconds. */
    static final int BLOCK = 1024;
    private static final int OVERFLOW = 63;
    private static final long OVERFLOW_BIT = 1L << OVERFLOW;

    /** A run of consecutive rows. Changed in place only by the store whose token is its {@code owner}. */
    private static final class Block {
        final Object owner;
        CellValue[][] rows;
        long[] masks;
        /** Rows whose cell array this block may change in place; {@code null} when it may change all of them. */
        boolean[] ownedRows;
        int size;
        long or;
        long and;
        boolean summaryStale;

        Block(Object owner, int capacity) {
            this.owner = owner;
            this.rows = new CellValue[capacity][];
            this.masks = new long[capacity];
        }

        /** A copy for {@code owner}: the arrays are new, the rows' cell arrays still shared until written. */
        Block copyFor(Object newOwner) {
            Block b = new Block(newOwner, 0);
            b.rows = Arrays.copyOf(rows, Math.max(size, 1));
            b.masks = Arrays.copyOf(masks, Math.max(size, 1));
            b.ownedRows = new boolean[b.rows.length];
            b.size = size;
            b.or = or;
            b.and = and;
            b.summaryStale = summaryStale;
            return b;
        }

        void ensureCapacity(int capacity) {
            if (capacity > rows.length) {
                int n = Math.max(capacity, rows.length * 2);
                rows = Arrays.copyOf(rows, n);
                masks = Arrays.copyOf(masks, n);
                if (ownedRows != null) {
                    ownedRows = Arrays.copyOf(ownedRows, n);
                }
            }
        }

        boolean ownsRow(int i) {
            return ownedRows == null || ownedRows[i];
        }

        void own(int i) {
            if (ownedRows != null) {
                ownedRows[i] = true;
            }
        }

        void summarize() {
            if (!summaryStale) {
                return;
            }
            long o = 0;
            long a = -1L;
            for (int i = 0; i < size; i++) {
                o |= masks[i];
                a &= masks[i];
            }
            or = o;
            and = size == 0 ? 0 : a;
            summaryStale = false;
        }
    }

    private ArrayList<Block> blocks = new ArrayList<>();
    /** First row of each block; {@code null} when blocks were added, removed or resized since it was computed. */
    private int[] starts = new int[0];
    private int size;
    private Object token = new Object();
    /** The block the last lookup found: scans walk rows in order, so the next lookup is usually there too. */
    private int lastBlock;

    /** A store that shares every block with this one until it writes to it. */
    RowStore fork() {
        RowStore f = new RowStore();
        f.blocks = new ArrayList<>(blocks);
        f.starts = starts;
        f.size = size;
        return f;
    }

    /** Computes every cache and takes away write access: called once this store became the live state. */
    void seal() {
        starts();
        for (Block b : blocks) {
            b.summarize();
        }
        token = new Object();
    }

    /** Highest row index stored plus one; no row at or past it holds data. */
    int size() {
        return size;
    }

    CellValue get(int row, int col) {
        if (row >= size || row < 0) {
            return null;
        }
        int bi = blockOf(row);
        CellValue[] r = blocks.get(bi).rows[row - starts[bi]];
        return r == null || col >= r.length ? null : r[col];
    }

    /** The cells of a row (trailing {@code null}s possible), or {@code null} for an empty row; do not change it. */
    CellValue[] row(int row) {
        if (row >= size || row < 0) {
            return null;
        }
        int bi = blockOf(row);
        return blocks.get(bi).rows[row - starts[bi]];
    }

    /** Sets one cell; {@code null} clears it. */
    void set(int row, int col, CellValue value) {
        if (row >= size) {
            if (value == null) {
                return;
            }
            grow(row + 1);
        }
        int bi = blockOf(row);
        Block b = writable(bi);
        int i = row - starts[bi];
        CellValue[] r = b.rows[i];
        if (r == null || col >= r.length) {
            if (value == null) {
                return;
            }
            r = r == null ? new CellValue[Math.max(col + 1, 4)] : Arrays.copyOf(r, Math.max(col + 1, r.length));
            b.rows[i] = r;
            b.own(i);
        } else if (!b.ownsRow(i)) {
            r = r.clone();
            b.rows[i] = r;
            b.own(i);
        }
        r[col] = value;
        long before = b.masks[i];
        b.masks[i] = value != null ? before | bit(col) : col < OVERFLOW ? before & ~bit(col) : before & ~OVERFLOW_BIT
                | (anyFrom(r, OVERFLOW) ? OVERFLOW_BIT : 0);
        if (b.masks[i] != before) {
            b.summaryStale = true;
        }
    }

    /** Whether a row holds any value. */
    boolean rowHasData(int row) {
        return mask(row) != 0;
    }

    /** Number of rows up to and including the last row that holds data. */
    int dataExtent() {
        for (int bi = blocks.size() - 1; bi >= 0; bi--) {
            Block b = blocks.get(bi);
            b.summarize();
            if (b.or == 0) {
                continue;
            }
            for (int i = b.size - 1; i >= 0; i--) {
                if (b.masks[i] != 0) {
                    return starts()[bi] + i + 1;
                }
            }
        }
        return 0;
    }

    /** Whether {@code row} holds a value in a column of {@code [fromCol, toCol)}. */
    boolean anyInRow(int row, int fromCol, int toCol) {
        if (row < 0 || row >= size || fromCol >= toCol) {
            return false;
        }
        int bi = blockOf(row);
        Block b = blocks.get(bi);
        int i = row - starts[bi];
        long m = b.masks[i];
        if ((m & band(fromCol, toCol)) != 0) {
            return true;
        }
        return toCol > OVERFLOW && (m & OVERFLOW_BIT) != 0 && anyIn(b.rows[i], Math.max(fromCol, OVERFLOW), toCol);
    }

    /** Whether column {@code col} holds a value in a row of {@code [fromRow, toRow)}. */
    boolean anyInColumn(int col, int fromRow, int toRow) {
        int end = Math.min(toRow, size);
        if (fromRow >= end) {
            return false;
        }
        long want = col < OVERFLOW ? bit(col) : OVERFLOW_BIT;
        int bi = blockOf(Math.max(fromRow, 0));
        int[] st = starts();
        for (; bi < blocks.size() && st[bi] < end; bi++) {
            Block b = blocks.get(bi);
            b.summarize();
            if ((b.or & want) == 0) {
                continue;
            }
            int from = Math.max(fromRow - st[bi], 0);
            int to = Math.min(end - st[bi], b.size);
            for (int i = from; i < to; i++) {
                if ((b.masks[i] & want) != 0 && (col < OVERFLOW || anyIn(b.rows[i], col, col + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How far up from {@code top} (exclusive) rows holding data in {@code [fromCol, toCol)} reach without a gap: the
     * smallest {@code t <= top} with every row of {@code [t, top)} holding such data.
     */
    int extendUp(int top, int fromCol, int toCol) {
        long band = band(fromCol, toCol);
        while (top > 0) {
            int row = Math.min(top - 1, size - 1);
            if (row < top - 1 || row < 0) {
                return top; // the row above is past the stored rows, hence empty
            }
            int bi = blockOf(row);
            Block b = blocks.get(bi);
            b.summarize();
            if ((b.and & band) != 0) {
                top = starts[bi]; // every row of the block holds data in the band
                continue;
            }
            if (!anyInRow(row, fromCol, toCol)) {
                return top;
            }
            top--;
        }
        return top;
    }

    /**
     * How far down from {@code bottom} (inclusive) rows holding data in {@code [fromCol, toCol)} reach without a gap,
     * up to {@code limit}: the largest {@code b <= limit} with every row of {@code [bottom, b)} holding such data.
     */
    int extendDown(int bottom, int fromCol, int toCol, int limit) {
        long band = band(fromCol, toCol);
        int end = Math.min(limit, size);
        while (bottom < end) {
            int bi = blockOf(bottom);
            Block b = blocks.get(bi);
            b.summarize();
            if ((b.and & band) != 0) {
                bottom = Math.min(starts[bi] + b.size, end);
                continue;
            }
            if (!anyInRow(bottom, fromCol, toCol)) {
                return bottom;
            }
            bottom++;
        }
        return bottom;
    }

    /** Inserts {@code count} empty rows before {@code at}; nothing to move when {@code at} is past the stored rows. */
    void insertRows(int at, int count) {
        if (at >= size || count <= 0) {
            return;
        }
        int bi = blockOf(at);
        int offset = at - starts[bi];
        if (blocks.get(bi).size + count <= 2 * BLOCK) {
            Block b = writable(bi);
            b.ensureCapacity(b.size + count);
            shift(b, offset, count);
            b.size += count;
        } else {
            // Split the block at the insertion point and put fresh empty blocks in between.
            Block b = writable(bi);
            Block tail = new Block(token, Math.max(b.size - offset, 1));
            tail.size = b.size - offset;
            System.arraycopy(b.rows, offset, tail.rows, 0, tail.size);
            System.arraycopy(b.masks, offset, tail.masks, 0, tail.size);
            if (b.ownedRows != null) {
                tail.ownedRows = Arrays.copyOfRange(b.ownedRows, offset, offset + Math.max(tail.size, 1));
            }
            Arrays.fill(b.rows, offset, b.size, null);
            Arrays.fill(b.masks, offset, b.size, 0);
            b.size = offset;
            tail.summaryStale = true;
            b.summaryStale = true;
            List<Block> fresh = new ArrayList<>();
            for (int left = count; left > 0; left -= BLOCK) {
                fresh.add(emptyBlock(Math.min(BLOCK, left)));
            }
            fresh.add(tail);
            blocks.addAll(bi + 1, fresh);
            if (b.size == 0) {
                blocks.remove(bi);
            }
            if (tail.size == 0) {
                blocks.remove(tail);
            }
        }
        size += count;
        starts = null;
        rebalanceIfFragmented();
    }

    /** Deletes rows {@code [start, end)}; rows below move up. */
    void deleteRows(int start, int end) {
        int to = Math.min(end, size);
        if (start >= to) {
            return;
        }
        int[] st = starts();
        int bi = blockOf(start);
        List<Block> kept = new ArrayList<>(blocks.subList(0, bi));
        for (; bi < blocks.size(); bi++) {
            Block b = blocks.get(bi);
            int bs = st[bi];
            int be = bs + b.size;
            if (be <= start || bs >= to) {
                kept.add(b);
                continue;
            }
            int from = Math.max(start, bs) - bs;
            int upto = Math.min(to, be) - bs;
            if (from == 0 && upto == b.size) {
                continue; // the whole block goes
            }
            Block w = writable(b);
            shift(w, upto, from - upto);
            w.size -= upto - from;
            kept.add(w);
        }
        blocks = new ArrayList<>(kept);
        size -= to - start;
        starts = null;
        rebalanceIfFragmented();
    }

    /** Inserts {@code count} empty columns before {@code at} in every row that reaches it. */
    void insertColumns(int at, int count) {
        rewriteRows(old -> {
            if (old == null || at >= old.length) {
                return old;
            }
            CellValue[] n = new CellValue[old.length + count];
            System.arraycopy(old, 0, n, 0, at);
            System.arraycopy(old, at, n, at + count, old.length - at);
            return n;
        });
    }

    /** Deletes columns {@code [start, end)} from every row that reaches them. */
    void deleteColumns(int start, int end) {
        rewriteRows(old -> {
            if (old == null || start >= old.length) {
                return old;
            }
            int to = Math.min(end, old.length);
            CellValue[] n = new CellValue[old.length - (to - start)];
            System.arraycopy(old, 0, n, 0, start);
            System.arraycopy(old, to, n, start, old.length - to);
            return n;
        });
    }

    /** Drops rows at or past {@code rowCount} and cells at or past {@code columnCount}. */
    void truncate(int rowCount, int columnCount) {
        if (size > rowCount) {
            deleteRows(rowCount, size);
        }
        boolean wide = false;
        for (Block b : blocks) {
            b.summarize();
            wide |= (b.or & ~band(0, Math.min(columnCount, OVERFLOW))) != 0;
        }
        if (wide) {
            rewriteRows(old -> old != null && old.length > columnCount ? Arrays.copyOf(old, columnCount) : old);
        }
    }

    // ---- internals ----

    private interface RowRewrite {
        CellValue[] apply(CellValue[] row);
    }

    /** Replaces every row's cells with {@code f(row)} (a new array when changed) and recomputes the masks. */
    private void rewriteRows(RowRewrite f) {
        for (int bi = 0; bi < blocks.size(); bi++) {
            Block b = blocks.get(bi);
            boolean changed = false;
            CellValue[][] rows = new CellValue[b.size][];
            for (int i = 0; i < b.size; i++) {
                rows[i] = f.apply(b.rows[i]);
                changed |= rows[i] != b.rows[i];
            }
            if (!changed) {
                continue;
            }
            Block w = writable(bi);
            for (int i = 0; i < w.size; i++) {
                if (rows[i] != w.rows[i]) {
                    w.rows[i] = rows[i];
                    w.own(i);
                }
                w.masks[i] = maskOf(w.rows[i]);
            }
            w.summaryStale = true;
        }
    }

    /** Moves the rows from {@code from} to the end of the block by {@code by} (negative: up), clearing what is left. */
    private static void shift(Block b, int from, int by) {
        int n = b.size - from;
        System.arraycopy(b.rows, from, b.rows, from + by, n);
        System.arraycopy(b.masks, from, b.masks, from + by, n);
        if (b.ownedRows != null) {
            System.arraycopy(b.ownedRows, from, b.ownedRows, from + by, n);
        }
        if (by > 0) {
            Arrays.fill(b.rows, from, from + by, null);
            Arrays.fill(b.masks, from, from + by, 0);
        } else {
            Arrays.fill(b.rows, b.size + by, b.size, null);
            Arrays.fill(b.masks, b.size + by, b.size, 0);
        }
        b.summaryStale = true;
    }

    /** Adds empty rows at the end until there are {@code newSize}. */
    private void grow(int newSize) {
        if (!blocks.isEmpty()) {
            int last = blocks.size() - 1;
            Block b = blocks.get(last);
            int room = Math.min(BLOCK - b.size, newSize - size);
            if (room > 0) {
                b = writable(last);
                b.ensureCapacity(b.size + room);
                b.size += room;
                size += room;
                b.summaryStale = true;
            }
        }
        while (size < newSize) {
            int n = Math.min(BLOCK, newSize - size);
            blocks.add(emptyBlock(n));
            size += n;
        }
        starts = null;
    }

    private Block emptyBlock(int rows) {
        Block b = new Block(token, rows);
        b.size = rows;
        return b;
    }

    /** After many inserts and deletes in the middle, blocks may be tiny: lay the rows out in full blocks again. */
    private void rebalanceIfFragmented() {
        if (blocks.size() <= 2 * (size / BLOCK) + 8) {
            return;
        }
        ArrayList<Block> out = new ArrayList<>();
        Block cur = null;
        for (Block b : blocks) {
            for (int i = 0; i < b.size; i++) {
                if (cur == null || cur.size == BLOCK) {
                    cur = new Block(token, BLOCK);
                    cur.ownedRows = new boolean[BLOCK];
                    cur.summaryStale = true;
                    out.add(cur);
                }
                // Rows come from blocks this store may not own: the new block owns only its arrays, not the rows.
                cur.rows[cur.size] = b.rows[i];
                cur.masks[cur.size] = b.masks[i];
                cur.size++;
            }
        }
        blocks = out;
        starts = null;
    }

    private Block writable(int bi) {
        Block b = blocks.get(bi);
        if (b.owner != token) {
            b = b.copyFor(token);
            blocks.set(bi, b);
        }
        return b;
    }

    private Block writable(Block b) {
        return b.owner == token ? b : b.copyFor(token);
    }

    private int[] starts() {
        if (starts == null) {
            int[] st = new int[blocks.size()];
            int at = 0;
            for (int i = 0; i < st.length; i++) {
                st[i] = at;
                at += blocks.get(i).size;
            }
            starts = st;
        }
        return starts;
    }

    /** Index of the block holding {@code row} (which must be below {@link #size()}). */
    private int blockOf(int row) {
        int[] st = starts();
        int hint = lastBlock;
        if (hint < st.length && st[hint] <= row && row < st[hint] + blocks.get(hint).size) {
            return hint;
        }
        int i = Arrays.binarySearch(st, row);
        if (i < 0) {
            i = -i - 2;
        }
        lastBlock = i;
        return i;
    }

    private long mask(int row) {
        if (row < 0 || row >= size) {
            return 0;
        }
        int bi = blockOf(row);
        return blocks.get(bi).masks[row - starts[bi]];
    }

    private static long bit(int col) {
        return col < OVERFLOW ? 1L << col : OVERFLOW_BIT;
    }

    /** The mask bits of columns {@code [from, to)} below 63 (later columns are checked cell by cell). */
    private static long band(int from, int to) {
        int hi = Math.min(to, OVERFLOW);
        if (from >= hi) {
            return 0;
        }
        long upTo = hi == 64 ? -1L : (1L << hi) - 1;
        return upTo & ~((1L << from) - 1);
    }

    static long maskOf(CellValue[] row) {
        long m = 0;
        if (row != null) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] != null) {
                    m |= bit(c);
                }
            }
        }
        return m;
    }

    private static boolean anyFrom(CellValue[] row, int from) {
        return anyIn(row, from, row.length);
    }

    private static boolean anyIn(CellValue[] row, int from, int to) {
        if (row == null) {
            return false;
        }
        for (int c = from; c < Math.min(to, row.length); c++) {
            if (row[c] != null) {
                return true;
            }
        }
        return false;
    }
}
