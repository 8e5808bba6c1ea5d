package io.github.ytdc.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The host's memory in use, read from {@code /proc/meminfo} where there is one. */
final class HostMemory {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HostMemory() {}

    /** MemTotal minus MemAvailable (page cache is not "in use"), else total minus free from the JVM; -1 if unknown. */
    static long usedBytes() {
        try {
            return usedBytes(Files.readAllLines(MEMINFO));
        } catch (IOException | RuntimeException e) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize() - os.getFreeMemorySize();
            }
            return -1;
        }
    }

    /** Parses {@code /proc/meminfo} lines ({@code MemTotal:  16314756 kB}). */
    static long usedBytes(List<String> meminfo) {
        long total = -1;
        long available = -1;
        for (String line : meminfo) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            if (parts[0].equals("MemTotal:")) {
                total = Long.parseLong(parts[1]) * 1024;
            } else if (parts[0].equals("MemAvailable:")) {
                available = Long.parseLong(parts[1]) * 1024;
            }
        }
        if (total < 0 || available < 0) {
            throw new IllegalArgumentException("no MemTotal/MemAvailable in /proc/meminfo");
        }
        return total - available;
    }
}
