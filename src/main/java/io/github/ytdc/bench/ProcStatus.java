package io.github.ytdc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Resident memory of a Linux process from {@code /proc/<pid>/status}.
 *
 * @param vmRssKib current resident set size (VmRSS)
 * @param vmHwmKib peak resident set size since the process started (VmHWM, the "high water mark")
 */
record ProcStatus(long vmRssKib, long vmHwmKib) {

    /** Reads a live process's status, empty once it has exited (or on a system without procfs). */
    static Optional<ProcStatus> read(long pid) {
        try {
            return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Parses the lines of a status file; empty when VmRSS or VmHWM is missing (a zombie has neither). */
    static Optional<ProcStatus> parse(List<String> lines) {
        OptionalLong rss = field(lines, "VmRSS:");
        OptionalLong hwm = field(lines, "VmHWM:");
        if (rss.isEmpty() || hwm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProcStatus(rss.getAsLong(), hwm.getAsLong()));
    }

    private static OptionalLong field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected /proc status line: " + line);
                }
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }
}
