package io.github.ytdc.media.ytdlp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test helpers for real child processes: which are alive, and waiting for a condition with a deadline. */
final class Processes {
    private Processes() {}

    /** Live descendants of this JVM whose command line mentions {@code word}. */
    static List<ProcessHandle> liveDescendants(String word) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse(h.info().command().orElse("")).contains(word))
                .toList();
    }

    /** Polls {@code condition} every 20 ms until it holds; fails the test after {@code limit}. */
    static void await(Duration limit, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
