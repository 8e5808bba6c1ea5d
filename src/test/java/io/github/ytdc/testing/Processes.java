package io.github.ytdc.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test helpers for real child processes: which are alive, and waiting for a condition with a deadline. */
public final class Processes {
    private Processes() {}

    /** Live descendants of this JVM whose command line mentions {@code word}. */
    public static List<ProcessHandle> liveDescendants(String word) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse(h.info().command().orElse("")).contains(word))
                .toList();
    }

    /** Polls {@code condition} every 20 ms until it holds; fails the test after {@code limit}. */
    public static void await(Duration limit, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Waits (up to 5 s) until none of this JVM's descendants runs one of {@code tools}; fails naming them. */
    public static void awaitNoneRunning(String... tools) {
        await(Duration.ofSeconds(5), "no " + String.join(" or ", tools) + " left running",
                () -> java.util.Arrays.stream(tools).allMatch(t -> liveDescendants(t).isEmpty()));
    }
}
