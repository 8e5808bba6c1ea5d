package io.github.ytdc.agent;

import io.github.ytdc.util.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Pauses claiming while the output folder cannot take a download: it cannot be created, a probe file cannot be
 * written into it, or its disk is (nearly) full. Checked before the first claim and then every {@code recheck}, so a
 * folder that becomes unwritable or full while the agent runs stops the claiming too, and claiming resumes by itself
 * once the operator fixed it.
 */
final class OutputFolderGuard implements ClaimGuard {
    /** Below this much free space the disk counts as full, whatever {@code --min-free-disk} says. */
    static final long FULL_BELOW = 64L << 20;
    private final Path dir;
    private final long fullBelow;
    private final LongSupplier freeBytes;
    private final Clock clock;
    private final Duration recheck;
    private Instant checkedAt = Instant.MIN;
    private Optional<String> last = Optional.empty();

    /**
     * @param dir       the output folder (created when missing)
     * @param fullBelow free bytes below which the disk counts as full
     * @param freeBytes the free bytes in {@code dir}'s file system (-1 when unknown)
     * @param clock     for {@code recheck}
     * @param recheck   how long one verdict is kept
     */
    OutputFolderGuard(Path dir, long fullBelow, LongSupplier freeBytes, Clock clock, Duration recheck) {
        this.dir = dir.toAbsolutePath().normalize();
        this.fullBelow = fullBelow;
        this.freeBytes = freeBytes;
        this.clock = clock;
        this.recheck = recheck;
    }

    /** The output folder on the real file system, re-checked every 10 seconds. */
    static OutputFolderGuard of(Path dir, Clock clock) {
        Path abs = dir.toAbsolutePath().normalize();
        return new OutputFolderGuard(abs, FULL_BELOW, () -> usableSpace(abs), clock, Duration.ofSeconds(10));
    }

    @Override
    public synchronized Optional<String> pauseReason() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(recheck))) {
            return last;
        }
        checkedAt = now;
        last = check();
        return last;
    }

    private Optional<String> check() {
        String fix = "; fix: create it, make it writable by this user (" + System.getProperty("user.name")
                + ") or point --output elsewhere";
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of("output folder " + dir + " cannot be created (" + e + ")" + fix);
        }
        try {
            Path probe = Files.createTempFile(dir, ".ytdc-probe-", ".tmp");
            try {
                Files.write(probe, new byte[] {1});
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            boolean full = String.valueOf(e.getMessage()).contains("No space left");
            return Optional.of("output folder " + dir + (full ? " is on a full disk (" : " is not writable (") + e + ")"
                    + (full ? "; fix: free some space or point --output at a larger disk" : fix));
        }
        long free = freeBytes.getAsLong();
        if (free >= 0 && free < fullBelow) {
            return Optional.of("disk full: " + ByteSize.format(free) + " free in " + dir + "; fix: free some space or "
                    + "point --output at a larger disk");
        }
        return Optional.empty();
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
