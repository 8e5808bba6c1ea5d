package io.github.ytdc.sheets.local;

import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.GuardedWrite;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.sheets.memory.Spreadsheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Local mode: the in-memory Google-semantics model ({@link Spreadsheet}) kept in a folder, so every command works
 * without a Google account and several processes on one host can share one spreadsheet with no server.
 *
 * <p>Each call is one locked operation on the folder's {@link LocalStore}: reads under a shared lock, writes under
 * an exclusive one. A write appends its change to the folder's operation log and forces it to the disk before the
 * call returns; a process replays only the changes other processes appended since its last call, and the snapshot is
 * rewritten only by an occasional compaction. Ports of the same folder in one JVM share one store, because file
 * locks belong to the whole JVM.
 */
public final class LocalSpreadsheetPort implements SpreadsheetPort {
    /** The id of the local spreadsheet. */
    public static final String SPREADSHEET_ID = "local";
    /** The title of a newly created local spreadsheet. */
    public static final String TITLE = "ytdc";

    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private final Shared shared;
    private boolean closed;

    private LocalSpreadsheetPort(Shared shared) {
        this.shared = shared;
    }

    /** The local spreadsheet in {@code dir}, created (with its folder) on first use. */
    public static LocalSpreadsheetPort open(Path dir) {
        return open(dir, true);
    }

    /**
     * The local spreadsheet in {@code dir}.
     *
     * @param createIfMissing whether to create it when the folder holds none; without, a missing spreadsheet is
     *                        {@link Reason#NOT_FOUND}, as Google answers for an unknown id
     */
    public static LocalSpreadsheetPort open(Path dir, boolean createIfMissing) {
        Path key = canonical(dir, createIfMissing);
        synchronized (OPEN) {
            Shared s = OPEN.get(key);
            if (s == null) {
                s = new Shared(key, new LocalStore(key, SPREADSHEET_ID, TITLE, createIfMissing));
                OPEN.put(key, s);
            }
            s.users++;
            return new LocalSpreadsheetPort(s);
        }
    }

    /** The folder holding the spreadsheet. */
    public Path dir() {
        return shared.store.dir();
    }

    @Override
    public String spreadsheetId() {
        return SPREADSHEET_ID;
    }

    @Override
    public SpreadsheetInfo getInfo() {
        return read(SpreadsheetPort::getInfo);
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        return read(p -> p.batchGet(ranges));
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        write(p -> {
            p.batchUpdateValues(writes);
            return null;
        });
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        return write(p -> p.append(range, rows));
    }

    @Override
    public void batchClear(List<String> ranges) {
        write(p -> {
            p.batchClear(ranges);
            return null;
        });
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        write(p -> {
            p.batchUpdate(requests);
            return null;
        });
    }

    @Override
    public FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds) {
        return read(p -> p.batchGetByDataFilter(a1Ranges, tagIds));
    }

    @Override
    public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
        return write(p -> p.batchUpdateByDataFilter(a1Writes, tagWrites));
    }

    @Override
    public List<RowTagLocation> searchTags(String key) {
        return read(p -> p.searchTags(key));
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.users == 0) {
                OPEN.remove(shared.key);
                shared.store.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalSpreadsheetPort[" + dir() + "]";
    }

    /** Always: every request runs under the folder's lock, one process at a time. */
    @Override
    public boolean supportsCompareAndSet() {
        return true;
    }

    @Override
    public List<Boolean> compareAndSet(List<GuardedWrite> writes) {
        return write(p -> p.compareAndSet(writes));
    }

    private <T> T read(Function<SpreadsheetPort, T> op) {
        checkOpen();
        return shared.store.read(s -> op.apply(new InMemorySpreadsheetPort(s).withCompareAndSet()));
    }

    private <T> T write(Function<SpreadsheetPort, T> op) {
        checkOpen();
        return shared.store.write(s -> op.apply(new InMemorySpreadsheetPort(s).withCompareAndSet()));
    }

    private void checkOpen() {
        synchronized (OPEN) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
        }
    }

    private static Path canonical(Path dir, boolean create) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new SheetsException(Reason.STORAGE, 0, abs + " is a file, not a folder: --local (or YTDC_LOCAL) "
                    + "names the folder that holds the local spreadsheet, e.g. ytdc-data");
        }
        if (!create && !Files.isDirectory(abs)) {
            return abs; // nothing to open: the store says so, and nothing is created on the way
        }
        try {
            Files.createDirectories(abs);
            return abs.toRealPath();
        } catch (IOException e) {
            throw new SheetsException(Reason.STORAGE, 0, "cannot use the local spreadsheet folder " + abs + ": "
                    + LocalStore.why(e), e);
        }
    }

    /** One store per folder per JVM, with the number of open ports using it. */
    private static final class Shared {
        final Path key;
        final LocalStore store;
        int users;

        Shared(Path key, LocalStore store) {
            this.key = key;
            this.store = store;
        }
    }
}
