package io.github.ytdc.toolchain;

import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One installer per host: an exclusive lock on a file in the tools folder, held by one process (and within it, one
 * thread) at a time. The operating system drops the lock when its process dies, so a crash never leaves it held.
 */
final class HostLock {
    /** File locks belong to the process; this keeps two threads of one process apart as well. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final Duration POLL = Duration.ofMillis(200);

    private HostLock() {}

    /** A held lock; closing releases it. */
    static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                IN_PROCESS.unlock();
            }
        }
    }

    /** The lock if it is free now, else empty (another process is installing). */
    static Optional<Held> tryAcquire(Path lockFile) throws IOException {
        if (!IN_PROCESS.tryLock()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                IN_PROCESS.unlock();
                return Optional.empty();
            }
            return Optional.of(new Held(ch, lock));
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.unlock();
            throw e;
        }
    }

    /**
     * Waits up to {@code patience} for the lock (another agent on this host may be installing right now).
     *
     * @throws ToolInstallException when it stays taken
     */
    static Held acquire(Path lockFile, Duration patience, Clock clock, Sleeper sleeper) throws IOException {
        Instant giveUp = clock.instant().plus(patience);
        while (true) {
            Optional<Held> held = tryAcquire(lockFile);
            if (held.isPresent()) {
                return held.get();
            }
            if (!clock.instant().isBefore(giveUp)) {
                throw new ToolInstallException("another ytdc process on this host has held " + lockFile + " for "
                        + Durations.format(patience) + " while installing tools; try again when it is done");
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolInstallException("interrupted while waiting for " + lockFile, e);
            }
        }
    }
}
