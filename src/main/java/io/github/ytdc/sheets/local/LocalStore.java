package io.github.ytdc.sheets.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model kept in one JSON file in a folder, shared safely by the threads of this JVM and by other processes on
 * the host.
 *
 * <ul>
 *   <li>Every operation holds a lock on {@value #LOCK_FILE}: shared to read, exclusive to write. File locks
 *       belong to the whole JVM (a second lock from the same JVM throws), so a {@link ReentrantLock} first lets
 *       one thread at a time reach the file lock.</li>
 *   <li>The lock file also holds a generation counter, bumped by every write before the new file is renamed in.
 *       The model is reloaded only when the counter moved, so a process that is the only writer never rereads.
 *       A writer killed between bump and rename costs others one needless reload, never a missed change.</li>
 *   <li>Writes go to a temporary file, are forced to disk, and replace {@value #DATA_FILE} with an atomic rename;
 *       a process killed at any point leaves either the old or the new file, never a torn one.</li>
 *   <li>A model changed in memory whose write then failed is dropped, so memory never runs ahead of the file.</li>
 * </ul>
 *
 * @param <M> the model
 */
final class LocalStore<M> implements AutoCloseable {
    static final String DATA_FILE = "spreadsheet.json";
    static final String LOCK_FILE = "spreadsheet.lock";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path dataFile;
    private final SnapshotCodec<M> codec;
    private final FileChannel lockChannel;
    private final ReentrantLock threads = new ReentrantLock(true);
    private M model;
    private long loadedGeneration = -1;

    /**
     * Opens the store in {@code dir}, creating the folder and, if {@code createIfMissing}, a fresh model.
     *
     * @throws SheetsException {@link Reason#NOT_FOUND} when there is no model and none may be created;
     *                         {@link Reason#STORAGE} when the folder cannot be used
     */
    LocalStore(Path dir, SnapshotCodec<M> codec, boolean createIfMissing) {
        this.dir = dir.toAbsolutePath().normalize();
        this.dataFile = this.dir.resolve(DATA_FILE);
        this.codec = codec;
        if (!createIfMissing && !Files.exists(dataFile)) {
            throw notFound(); // before creating the folder or its lock file: looking must leave no trace
        }
        try {
            Files.createDirectories(this.dir);
            this.lockChannel = FileChannel.open(this.dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw storage("cannot use the local spreadsheet folder " + this.dir + ": " + e.getMessage(), e);
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
    <T> T read(Function<M, T> op) {
        return locked(true, () -> op.apply(current()));
    }

    /**
     * Runs {@code op} on the current model under an exclusive lock and stores the result. If {@code op} throws,
     * nothing is stored; the model must then be unchanged (all-or-nothing operations) or it is reloaded.
     */
    <T> T write(Function<M, T> op) {
        return locked(false, () -> {
            M m = current();
            T result;
            try {
                result = op.apply(m);
            } catch (SheetsException e) {
                if (e.reason() != Reason.INVALID_REQUEST) {
                    forget();
                }
                throw e;
            } catch (RuntimeException | Error e) {
                forget();
                throw e;
            }
            persist(m);
            return result;
        });
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
            throw storage("the local spreadsheet in " + dir + " could not be read or written: " + e, e);
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
            M fresh = codec.create();
            persist(fresh);
            model = fresh;
        } else {
            // Load now, so a damaged file is reported when the port opens, not at some later call.
            current();
        }
        return null;
    }

    private M current() throws IOException {
        long generation = generation();
        if (model == null || loadedGeneration != generation) {
            model = load();
            loadedGeneration = generation;
        }
        return model;
    }

    private M load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dataFile);
        } catch (NoSuchFileException e) {
            throw notFound();
        }
        try {
            JsonNode snapshot = JSON.readTree(bytes);
            return codec.fromSnapshot(snapshot);
        } catch (IOException | RuntimeException e) {
            throw storage("the local spreadsheet " + dataFile + " is damaged and was left untouched (" + e.getClass()
                    .getSimpleName() + "); restore it from a backup, or move it away to start a new one", e);
        }
    }

    private SheetsException notFound() {
        return new SheetsException(Reason.NOT_FOUND, 404, "No local spreadsheet in " + dir + " (no " + DATA_FILE
                + "): check --local (or YTDC_LOCAL), or run 'ytdc init' to create one.");
    }

    private void persist(M m) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(codec.toSnapshot(m));
        removeStaleTemps();
        Path temp = Files.createTempFile(dir, DATA_FILE + ".", TEMP_SUFFIX);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            // Bump before the rename: a crash in between makes others reload for nothing, never miss a change.
            long next = generation() + 1;
            setGeneration(next);
            Files.move(temp, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            loadedGeneration = next;
        } catch (IOException | RuntimeException e) {
            forget();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    // Only a writer holding the exclusive lock creates temp files, so any found now belong to a dead writer.
    private void removeStaleTemps() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, DATA_FILE + ".*" + TEMP_SUFFIX)) {
            for (Path t : temps) {
                LOG.debug("Removing {} left by an interrupted write", t);
                Files.deleteIfExists(t);
            }
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder; the rename is still atomic, only its durability waits.
            LOG.trace("cannot fsync {}", dir, e);
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
        lockChannel.force(false);
    }

    private void forget() {
        model = null;
        loadedGeneration = -1;
    }

    Path dir() {
        return dir;
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
}
