package io.github.ytdc.sheets.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.memory.SheetsApiError;
import io.github.ytdc.sheets.memory.Spreadsheet;
import io.github.ytdc.util.OperationLog;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local spreadsheet kept in a folder as a snapshot plus an {@link OperationLog} of the changes since, shared safely by
 * the threads of this JVM and by other processes on the host. A write appends one record; a process catches up by
 * replaying only the records it has not seen; the whole sheet is written again only by a compaction, once the log has
 * grown as big as the snapshot, and without holding up the other processes meanwhile.
 *
 * <ul>
 *   <li>Every operation holds a lock on {@value #LOCK_FILE}: shared to read, exclusive to write. File locks belong to
 *       the whole JVM (a second lock from the same JVM throws), so a {@link ReentrantLock} first lets one thread at a
 *       time reach the file lock.</li>
 *   <li>The lock file holds a generation counter, bumped by a writer before its first record. A process looks at the
 *       log only when the counter moved, so one that is the only writer never reads anything back. A writer killed
 *       between bump and append costs the others one look at an unchanged log, never a missed record.</li>
 *   <li>{@value #DATA_FILE} is the snapshot, written to a temporary file, forced and renamed in; it records the log
 *       position it includes ({@code logEpoch}, {@code logOffset}). {@value #LOG_FILE} holds the records from there on
 *       (see {@link OperationLog} for the layout and how a torn tail is dropped). A process killed at any point leaves a
 *       snapshot and a log that together hold every acknowledged write.</li>
 *   <li>A change is appended and forced to the disk before it becomes visible in memory and before the call returns;
 *       if appending fails the model is dropped and reloaded, so memory never runs ahead of the disk.</li>
 *   <li>Compaction: a writer that finds the log bigger than the snapshot (and than the minimum) takes a copy of the state
 *       it holds (copy-on-write: free), writes the snapshot without any lock while the others go on appending, then,
 *       under the exclusive lock, renames it in and starts the log's next epoch with the records appended meanwhile
 *       ({@link OperationLog#rotate}). Other processes follow the rotation without reloading.</li>
 * </ul>
 *
 * <p>Files written by earlier versions (a snapshot without a log position, and no log) load as they are.
 */
final class LocalStore implements AutoCloseable {
    static final String DATA_FILE = "spreadsheet.json";
    static final String LOCK_FILE = "spreadsheet.lock";
    static final String LOG_FILE = "spreadsheet.log";
    static final String PREVIOUS_LOG_FILE = "spreadsheet.log.prev";
    /** The log is not compacted before it holds this much, however small the snapshot. */
    static final long DEFAULT_MIN_COMPACTION_BYTES = 16L << 20;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String COMPACT_SUFFIX = ".compact";
    private static final Duration STALE_COMPACTION = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong COMPACTIONS = new AtomicLong();

    private final Path dir;
    private final Path dataFile;
    private final Path logFile;
    private final Path previousLog;
    private final String spreadsheetId;
    private final String title;
    private final long minCompactionBytes;
    private final FileChannel lockChannel;
    private final ReentrantLock threads = new ReentrantLock(true);
    private Spreadsheet model;
    /** Where in the log {@link #model} is: the log's epoch and the offset just past the last record applied. */
    private long epoch;
    private long offset;
    private long loadedGeneration = -1;
    private long snapshotBytes;
    private boolean compacting;
    /** Whether this process is inside {@link #write}, the only place records may be appended. */
    private boolean writing;
    /** Whether the current write already bumped the generation. */
    private boolean bumped;

    /** The state a compaction writes, and the log position it includes. */
    private record Compaction(Spreadsheet copy, long epoch, long offset) {}

    /**
     * Opens the store in {@code dir}, creating the folder and, if {@code createIfMissing}, a fresh spreadsheet.
     *
     * @throws SheetsException {@link Reason#NOT_FOUND} when there is no spreadsheet and none may be created;
     *                         {@link Reason#STORAGE} when the folder cannot be used
     */
    LocalStore(Path dir, String spreadsheetId, String title, boolean createIfMissing) {
        this(dir, spreadsheetId, title, createIfMissing, DEFAULT_MIN_COMPACTION_BYTES);
    }

    /** As above, compacting once the log holds more than {@code minCompactionBytes} and more than the snapshot. */
    LocalStore(Path dir, String spreadsheetId, String title, boolean createIfMissing, long minCompactionBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.dataFile = this.dir.resolve(DATA_FILE);
        this.logFile = this.dir.resolve(LOG_FILE);
        this.previousLog = this.dir.resolve(PREVIOUS_LOG_FILE);
        this.spreadsheetId = spreadsheetId;
        this.title = title;
        this.minCompactionBytes = minCompactionBytes;
        if (!createIfMissing && !Files.exists(dataFile)) {
            throw notFound(); // before creating the folder or its lock file: looking must leave no trace
        }
        try {
            Files.createDirectories(this.dir);
            this.lockChannel = FileChannel.open(this.dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw storage("cannot use the local spreadsheet folder " + this.dir + ": " + why(e), e);
        }
        try {
            if (createIfMissing) {
                locked(false, this::createIfMissing);
            } else {
                read(m -> null);
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Runs {@code op} on the current model under a shared lock. {@code op} must not change the model. */
    <T> T read(Function<Spreadsheet, T> op) {
        return locked(true, () -> op.apply(current()));
    }

    /**
     * Runs {@code op} on the current model under an exclusive lock; each change it commits is in the log, on the disk,
     * before it becomes visible. If {@code op} throws, what it changed is not stored; a model left unsure is reloaded.
     */
    <T> T write(Function<Spreadsheet, T> op) {
        Object[] result = new Object[1];
        Compaction due = locked(false, () -> {
            current();
            ensureLog();
            Spreadsheet m = model; // ensureLog may have reloaded it
            writing = true;
            bumped = false;
            try {
                result[0] = op.apply(m);
            } catch (SheetsException e) {
                if (e.reason() != Reason.INVALID_REQUEST) {
                    forget();
                }
                throw e;
            } catch (UncheckedIOException e) {
                forget();
                throw storage("the local spreadsheet in " + dir + " could not be written: " + why(e.getCause()), e);
            } catch (RuntimeException | Error e) {
                forget();
                throw e;
            } finally {
                writing = false;
            }
            if (compacting || offset - OperationLog.HEADER <= Math.max(minCompactionBytes, snapshotBytes)) {
                return null;
            }
            compacting = true;
            return new Compaction(m.copy(), epoch, offset);
        });
        if (due != null) {
            compact(due);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T locked(boolean shared, Locked<T> body) {
        threads.lock();
        FileLock fileLock = null;
        try {
            fileLock = lockChannel.lock(0, Long.MAX_VALUE, shared);
            return body.run();
        } catch (IOException e) {
            forget();
            throw storage("the local spreadsheet in " + dir + " could not be read or written: " + why(e), e);
        } finally {
            release(fileLock);
            threads.unlock();
        }
    }

    private static void release(FileLock lock) {
        if (lock != null && lock.isValid()) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("releasing the file lock failed; closing the channel releases it", e);
            }
        }
    }

    private Void createIfMissing() throws IOException {
        if (!Files.exists(dataFile)) {
            LOG.info("Creating a new local spreadsheet in {}", dir);
            removeStaleTemps();
            Path temp = Files.createTempFile(dir, DATA_FILE + ".", TEMP_SUFFIX);
            try {
                writeSnapshot(Spreadsheet.create(spreadsheetId, title), temp, 0, OperationLog.HEADER);
                // A log left by a spreadsheet deleted by hand must not be replayed onto the new one.
                Files.deleteIfExists(previousLog);
                OperationLog.create(logFile, 1, OperationLog.HEADER);
                setGeneration(generation() + 1);
                Files.move(temp, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                OperationLog.forceDirectory(dir);
            } finally {
                Files.deleteIfExists(temp);
            }
            forget();
        }
        // Load now, so a damaged file is reported when the port opens, not at some later call.
        current();
        return null;
    }

    /** The model, brought up to date: records appended since are replayed; a snapshot is read only when needed. */
    private Spreadsheet current() throws IOException {
        long generation = generation();
        if (model != null && loadedGeneration == generation) {
            return model;
        }
        if (model == null || !catchUp()) {
            load();
        }
        loadedGeneration = generation;
        return model;
    }

    /** Replays what other processes appended; {@code false} when only a reload can tell the state. */
    private boolean catchUp() throws IOException {
        OperationLog.Header h = OperationLog.header(logFile);
        if (h == null) {
            return false;
        }
        if (h.epoch() == epoch) {
            offset = replay(logFile, offset, Long.MAX_VALUE);
            return true;
        }
        if (h.epoch() != epoch + 1) {
            return false;
        }
        // Another process compacted: the new log continues ours at h.base(), byte for byte.
        if (offset < h.base()) {
            OperationLog.Header prev = OperationLog.header(previousLog);
            if (prev == null || prev.epoch() != epoch || replay(previousLog, offset, h.base()) != h.base()) {
                return false;
            }
            offset = OperationLog.HEADER;
        } else {
            offset = OperationLog.HEADER + offset - h.base();
        }
        epoch = h.epoch();
        snapshotBytes = Files.size(dataFile);
        offset = replay(logFile, offset, Long.MAX_VALUE);
        return true;
    }

    /** Reads the snapshot and replays the log after it. */
    private void load() throws IOException {
        long[] position = {0, OperationLog.HEADER}; // files of earlier versions: no log yet
        Spreadsheet m;
        try (JsonParser in = JSON.createParser(dataFile.toFile())) {
            m = Spreadsheet.readSnapshot(in, (field, value) -> {
                if (field.equals("logEpoch")) {
                    position[0] = value.asLong();
                } else if (field.equals("logOffset")) {
                    position[1] = value.asLong();
                }
            }, RandomGenerator.getDefault());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw notFound();
        } catch (IOException | RuntimeException e) {
            throw storage("the local spreadsheet " + dataFile + " is damaged and was left untouched (" + damage(e)
                    + "); restore it from a backup, or move it away to start a new one", e);
        }
        m.setMutationListener((id, change) -> append(change));
        model = m;
        epoch = position[0];
        offset = position[1];
        snapshotBytes = Files.size(dataFile);
        OperationLog.Header h = OperationLog.header(logFile);
        if (h == null) {
            return; // nothing since the snapshot; the next writer starts the log
        }
        if (h.epoch() == epoch + 1 && h.base() == offset) {
            epoch = h.epoch();
            offset = OperationLog.HEADER;
        } else if (h.epoch() != epoch) {
            model = null;
            throw storage("the operation log " + logFile + " (epoch " + h.epoch() + ") does not continue the snapshot "
                    + dataFile + " (epoch " + epoch + "); both were left untouched", null);
        }
        offset = replay(logFile, offset, Long.MAX_VALUE);
    }

    private long replay(Path log, long from, long until) throws IOException {
        Spreadsheet m = model;
        return OperationLog.read(log, from, until, payload -> {
            try {
                m.replay(JSON.readTree(payload));
            } catch (SheetsApiError | IllegalArgumentException e) {
                // A change that once applied cleanly and now fails means the log and the snapshot disagree.
                throw new IOException("a change in " + log + " no longer applies: " + e.getMessage(), e);
            }
        });
    }

    /** Makes sure the log continues the model's position before a write appends to it. */
    private void ensureLog() throws IOException {
        OperationLog.Header h = OperationLog.header(logFile);
        if (h != null && h.epoch() == epoch) {
            return;
        }
        if (h == null) {
            // No log (a first write after an older version, or a crash inside a rotation): the snapshot alone is the
            // state, and a new epoch starts right after it.
            load();
            OperationLog.create(logFile, epoch + 1, offset);
            epoch++;
            offset = OperationLog.HEADER;
            return;
        }
        throw storage("the operation log " + logFile + " is at epoch " + h.epoch() + " but this process read epoch "
                + epoch, null);
    }

    /** The listener of the model: each committed change, appended and forced before it becomes visible. */
    private void append(ObjectNode change) {
        if (!writing) {
            throw new IllegalStateException("the local spreadsheet changed outside a write");
        }
        try {
            if (!bumped) {
                // Bump first: a reader that sees the old count has not missed a record yet.
                loadedGeneration = generation() + 1;
                setGeneration(loadedGeneration);
                bumped = true;
            }
            offset = OperationLog.append(logFile, offset, JSON.writeValueAsBytes(change));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the snapshot of {@code due} with no lock held, then renames it in and rotates the log under the exclusive
     * lock. A failure leaves the log as it was (compaction is only an optimisation) and is logged.
     */
    private void compact(Compaction due) {
        Path temp = dir.resolve(DATA_FILE + "." + ProcessHandle.current().pid() + "-" + COMPACTIONS.incrementAndGet()
                + COMPACT_SUFFIX);
        try {
            long started = System.nanoTime();
            writeSnapshot(due.copy(), temp, due.epoch(), due.offset());
            locked(false, () -> {
                OperationLog.Header h = OperationLog.header(logFile);
                if (h == null || h.epoch() != due.epoch()) {
                    return null; // another process compacted first
                }
                current(); // to the log's last whole record: everything past due.offset moves to the new log
                if (epoch != due.epoch() || offset < due.offset()) {
                    return null;
                }
                Files.move(temp, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                OperationLog.forceDirectory(dir);
                OperationLog.rotate(logFile, previousLog, due.offset(), offset);
                epoch = due.epoch() + 1;
                offset = OperationLog.HEADER + offset - due.offset();
                snapshotBytes = Files.size(dataFile);
                removeStaleTemps();
                LOG.debug("Compacted the local spreadsheet in {} ({} bytes) in {} ms", dir, snapshotBytes,
                        (System.nanoTime() - started) / 1_000_000);
                return null;
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Compacting the local spreadsheet in {} failed; its log keeps growing until a later try: {}", dir,
                    e.toString());
        } finally {
            threads.lock();
            try {
                compacting = false;
            } finally {
                threads.unlock();
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", temp, e);
            }
        }
    }

    private static void writeSnapshot(Spreadsheet s, Path target, long logEpoch, long logOffset) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            s.writeSnapshot(g, Map.of("logEpoch", logEpoch, "logOffset", logOffset));
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    // Temp files are created under the exclusive lock, so any found then belong to a dead writer; compaction files
    // are written without the lock, so only those of dead processes (or very old ones) are removed.
    private void removeStaleTemps() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, DATA_FILE + ".*")) {
            Instant stale = Instant.now().minus(STALE_COMPACTION);
            for (Path t : temps) {
                String name = t.getFileName().toString();
                boolean deadCompaction = name.endsWith(COMPACT_SUFFIX)
                        && (!writerAlive(name) || Files.getLastModifiedTime(t).toInstant().isBefore(stale));
                if (name.endsWith(TEMP_SUFFIX) || deadCompaction) {
                    LOG.debug("Removing {} left by an interrupted write", t);
                    Files.deleteIfExists(t);
                }
            }
        }
    }

    /** Whether the process named in a compaction file ({@code spreadsheet.json.PID-N.compact}) is still running. */
    private static boolean writerAlive(String compactionFile) {
        String rest = compactionFile.substring(DATA_FILE.length() + 1);
        int dash = rest.indexOf('-');
        try {
            return dash > 0 && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private long generation() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Long.BYTES);
        while (buf.hasRemaining()) {
            if (lockChannel.read(buf, buf.position()) < 0) {
                return 0;
            }
        }
        return buf.flip().getLong();
    }

    private void setGeneration(long generation) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Long.BYTES).putLong(generation).flip();
        while (buf.hasRemaining()) {
            lockChannel.write(buf, buf.position());
        }
        // Not forced: other processes read it from the page cache, and after a machine crash every process starts by
        // loading anyway. Only the log's records must be on the disk before a write returns.
    }

    private void forget() {
        model = null;
        loadedGeneration = -1;
    }

    Path dir() {
        return dir;
    }

    /** What went wrong with a file, in words: the reason the system gave, not the exception's class name. */
    static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way where a folder should be";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /** Where a damaged snapshot stops making sense, without the JSON parser's class names. */
    private static String damage(Exception e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return "not valid JSON at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        if (e instanceof JsonProcessingException) {
            return "not valid JSON";
        }
        return e instanceof IOException io ? why(io) : "not a spreadsheet ytdc wrote";
    }

    private static SheetsException storage(String message, Exception cause) {
        return new SheetsException(Reason.STORAGE, 0, message, cause);
    }

    private void closeQuietly() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", LOCK_FILE, e);
        }
    }

    @Override
    public void close() {
        threads.lock();
        try {
            closeQuietly();
        } finally {
            threads.unlock();
        }
    }

    private SheetsException notFound() {
        return new SheetsException(Reason.NOT_FOUND, 404, "No local spreadsheet in " + dir + " (no " + DATA_FILE
                + "): check --local (or YTDC_LOCAL), or run 'ytdc init' to create one.");
    }
}
