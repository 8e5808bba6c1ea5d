package io.github.ytdc.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One installer per host: a second caller waits for the lock, through the injected sleeper, then gives up. */
class HostLockTest {
    @TempDir
    Path dir;

    @Test
    void a_lock_held_elsewhere_is_polled_until_the_patience_runs_out_then_refused_with_one_line() throws Exception {
        Path lockFile = dir.resolve("tools/.install.lock");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        List<Duration> sleeps = new ArrayList<>();
        try (HostLock.Held other = HostLock.tryAcquire(lockFile).orElseThrow()) {
            ToolInstallException e = assertThrows(ToolInstallException.class,
                    () -> HostLock.acquire(lockFile, Duration.ofSeconds(1), clock, d -> {
                        sleeps.add(d);
                        clock.advance(d);
                    }));

            assertEquals(5, sleeps.size(), "polled every 200 ms for 1 s: " + sleeps);
            assertTrue(sleeps.stream().allMatch(d -> d.equals(Duration.ofMillis(200))), sleeps.toString());
            assertTrue(e.getMessage().contains("has held " + lockFile + " for 1s while installing tools"),
                    e.getMessage());
        }
        try (HostLock.Held mine = HostLock.acquire(lockFile, Duration.ofSeconds(1), clock, d -> {
            throw new AssertionError("a free lock is taken without waiting");
        })) {
            assertTrue(mine != null);
        }
    }
}
