package io.github.ytdc.util;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An append-only file of records: the changes made to a stored model since its last snapshot, so a change costs what it
 * wrote instead of a rewrite of the whole model, and a reader catches up by reading only what is new.
 *
 * <p>Layout: a {@value #HEADER}-byte header (8 bytes {@code YTDCOPL1}, the log's epoch, and its base: the offset in the
 * log of the previous epoch at which this one continues it), then records of a 4-byte length, the CRC-32C of the
 * payload and the payload. A writer killed in the middle of a record leaves a torn tail, which readers take as the end
 * of the log ({@link #read}) and the next append cuts off ({@link #append}); a record is whole only once its last byte
 * and its checksum agree.
 *
 * <p>Compaction starts a new epoch ({@link #rotate}): the snapshot records the position it includes, and the new log
 * starts with the old log's records past that position, byte for byte, so a position {@code p} in the old log is
 * {@code HEADER + p - base} in the new one. The old log stays readable as the previous log until the next rotation.
 *
 * <p>Not thread-safe and not locked: callers serialise writers (a file lock, a monitor). Used by the local spreadsheet
 * store and by the emulator's data file; it knows nothing of what the payloads hold.
 */
public final class OperationLog {
    /** Bytes before the first record. */
    public static final int HEADER = 24;
    private static final long MAGIC = 0x5954444f504c3031L; // "YTDCOPL1"
    private static final int RECORD_HEADER = 8;

    /**
     * A log's header.
     *
     * @param epoch the log's epoch, one more than the previous log's
     * @param base  the offset in the previous epoch's log where this one continues it
     */
    public record Header(long epoch, long base) {}

    /** Receives whole records in order. */
    @FunctionalInterface
    public interface RecordReader {
        void accept(byte[] payload) throws IOException;
    }

    private OperationLog() {}

    /** The header of the log at {@code path}, or {@code null} when there is none (or not a whole header). */
    public static Header header(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(HEADER);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    return null;
                }
            }
            buf.flip();
            if (buf.getLong() != MAGIC) {
                throw new IOException(path + " is not a ytdc operation log");
            }
            return new Header(buf.getLong(), buf.getLong());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Hands the whole records from offset {@code from} up to {@code until} (exclusive, {@link Long#MAX_VALUE} for the
     * end) to {@code reader}, stopping early at a torn or damaged record.
     *
     * @return the offset just past the last whole record read ({@code from} when none)
     */
    public static long read(Path path, long from, long until, RecordReader reader) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = from;
            ch.position(from);
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16));
            CRC32C crc = new CRC32C();
            while (at + RECORD_HEADER <= Math.min(size, until)) {
                int length;
                int sum;
                try {
                    length = in.readInt();
                    sum = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                if (length < 0 || at + RECORD_HEADER + length > size || at + RECORD_HEADER + length > until) {
                    break; // torn: the record's end never made it to the disk
                }
                byte[] payload = new byte[length];
                try {
                    in.readFully(payload);
                } catch (EOFException e) {
                    break;
                }
                crc.reset();
                crc.update(payload);
                if ((int) crc.getValue() != sum) {
                    break; // a length whose payload was never written whole
                }
                reader.accept(payload);
                at += RECORD_HEADER + length;
            }
            return at;
        }
    }

    /**
     * Appends one record at offset {@code at}, first cutting off whatever follows it (the torn tail of a writer that
     * was killed), and forces it to the disk.
     *
     * @return the offset just past the new record
     */
    public static long append(Path path, long at, byte[] payload) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (ch.size() > at) {
                ch.truncate(at);
            }
            ByteBuffer buf = ByteBuffer.allocate(RECORD_HEADER + payload.length);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
            long pos = at;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(false);
            return pos;
        }
    }

    /** Creates an empty log of this epoch at {@code path}, replacing any, atomically (temp file, fsync, rename). */
    public static void create(Path path, long epoch, long base) throws IOException {
        Path temp = temp(path);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header(epoch, base));
            out.force(true);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(path.getParent());
    }

    /**
     * Starts the next epoch after a snapshot that includes the log at {@code path} up to {@code base}: the new log holds
     * the records from {@code base} to {@code end}; the old one becomes {@code previous}. At every instant {@code path}
     * is a whole log (the old one, then the new one), so a crash leaves either state.
     */
    public static void rotate(Path path, Path previous, long base, long end) throws IOException {
        Header old = header(path);
        if (old == null) {
            throw new IOException("no operation log to rotate at " + path);
        }
        Path temp = temp(path);
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header(old.epoch() + 1, base));
            long at = base;
            while (at < end) {
                at += in.transferTo(at, end - at, out);
            }
            out.force(true);
        }
        // The old log gets its second name first: path never stops naming a whole log.
        Files.deleteIfExists(previous);
        try {
            Files.createLink(previous, path);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(path, previous, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(path.getParent());
    }

    /** Bytes of the log file, 0 when there is none. */
    public static long size(Path path) throws IOException {
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static ByteBuffer header(long epoch, long base) {
        return ByteBuffer.allocate(HEADER).putLong(MAGIC).putLong(epoch).putLong(base).flip();
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    private static Path temp(Path path) {
        return path.resolveSibling(path.getFileName() + ".new");
    }

    /** Makes a rename durable; some file systems cannot open a folder, where the rename is still atomic. */
    public static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Durability of the rename waits for the file system; atomicity does not depend on it.
        }
    }
}
