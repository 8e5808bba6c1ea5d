package io.github.ytdc.agent;

import io.github.ytdc.util.ByteSize;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A host condition under which the agent stops claiming new tasks (it keeps renewing what it holds, and claims
 * again once the condition clears). Checked every few seconds by the agent's supervisor, so checks must be cheap.
 */
@FunctionalInterface
interface ClaimGuard {

    /** Why claiming should pause now, or empty when all is well. */
    Optional<String> pauseReason();

    /**
     * Pauses while the output folder cannot take a download: it cannot be created, a probe file cannot be written
     * into it, or its disk is nearly full (under 64 MiB free). Re-checked every 10 seconds on {@code clock}, so
     * claiming resumes by itself once the folder is fixed.
     */
    static ClaimGuard outputFolder(Path dir, Clock clock) {
        return OutputFolderGuard.of(dir, clock);
    }

    /** The first reason among {@code guards}, checked in order. */
    static ClaimGuard all(List<ClaimGuard> guards) {
        List<ClaimGuard> copy = List.copyOf(guards);
        return () -> copy.stream().map(ClaimGuard::pauseReason).flatMap(Optional::stream).findFirst();
    }

    /** Pauses while {@code freeBytes} is below {@code minBytes}. */
    static ClaimGuard minFreeDisk(String where, long minBytes, LongSupplier freeBytes) {
        return () -> {
            long free = freeBytes.getAsLong();
            return free < minBytes ? Optional.of("low disk: " + ByteSize.format(free) + " free in " + where
                    + ", below --min-free-disk " + ByteSize.format(minBytes)) : Optional.empty();
        };
    }

    /** Pauses while the file system holding {@code dir} (or its nearest existing parent) has less than {@code minBytes} free. */
    static ClaimGuard minFreeDisk(Path dir, long minBytes) {
        return minFreeDisk(dir.toString(), minBytes, () -> usableSpace(dir));
    }

    /** Pauses while {@code load} (e.g. the one-minute load average) is above {@code max}; a negative load is unknown. */
    static ClaimGuard maxLoad(double max, DoubleSupplier load) {
        return () -> {
            double l = load.getAsDouble();
            return l > max ? Optional.of(String.format(Locale.ROOT, "high load: %.2f, above --max-load %.2f", l, max))
                    : Optional.empty();
        };
    }

    /** Pauses while the system's one-minute load average is above {@code max}. */
    static ClaimGuard maxLoad(double max) {
        return maxLoad(max, () -> ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Pauses while {@code usedBytes} is above {@code maxBytes}; a negative value is unknown. */
    static ClaimGuard maxMemory(long maxBytes, LongSupplier usedBytes) {
        return () -> {
            long used = usedBytes.getAsLong();
            return used > maxBytes ? Optional.of("high memory use: " + ByteSize.format(used) + " in use, above --max-memory "
                    + ByteSize.format(maxBytes)) : Optional.empty();
        };
    }

    /** Pauses while the host's memory in use (total minus available, as {@code free} shows it) is above {@code maxBytes}. */
    static ClaimGuard maxMemory(long maxBytes) {
        return maxMemory(maxBytes, HostMemory::usedBytes);
    }

    private static long usableSpace(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: never pause on a guard we cannot read
        }
    }
}
