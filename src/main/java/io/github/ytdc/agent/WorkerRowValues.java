package io.github.ytdc.agent;

import java.util.Objects;

/**
 * What this agent shows in its Workers row, apart from the fixed Worker, Host and Version and the LastSeen time.
 *
 * @param status  {@code running}, {@code idle}, {@code paused: <why>} (circuit breaker, disk, load), {@code stopping},
 *                {@code stopped}
 * @param current what it holds, e.g. {@code video abc (running 42%), video def (verifying)}
 * @param done    tasks it marked done since it started
 * @param failed  failed attempts it recorded since it started
 */
public record WorkerRowValues(String status, String current, long done, long failed) {
    public WorkerRowValues {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(current, "current");
    }
}
