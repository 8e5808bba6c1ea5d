package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.MutableClock;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A paused agent holding nothing runs no tick, so its Workers row is refreshed on its own: an agent whose circuit
 * breaker is open (host blocked, toolchain fault) must not look dead to {@code ytdc status}.
 */
class PausedRowRefreshTest {
    private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
    private static final Duration HEARTBEAT = Duration.ofMinutes(1);
    private final Sheet sheet = new Sheet();
    private final CountingPort port = new CountingPort(sheet.port);
    private final MutableClock clock = new MutableClock(START);
    private final AtomicReference<Optional<String>> callerPause = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean breakerOpen = new AtomicBoolean();
    private final WorkersRow row = new WorkersRow("Workers", "agent-a", "host", Duration.ofSeconds(5), HEARTBEAT,
            Duration.ofMinutes(10), () -> new WorkerRowValues(breakerOpen.get() ? "paused until 08:30 (1 host "
                    + "failure(s) in a row): Sign in to confirm you're not a bot" : "idle", 0, 0));
    private final PausedRowRefresh refresh = new PausedRowRefresh(row, callerPause::get, breakerOpen::get, () -> true,
            HEARTBEAT);

    private String lastSeen() {
        return sheet.rows("Workers").get(0).get("LastSeen");
    }

    /** The chores thread's look every 500 ms, for {@code d}. */
    private void runFor(Duration d) {
        Instant end = clock.instant().plus(d);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofMillis(500));
            refresh.run(port, clock.instant());
        }
    }

    @Test
    void an_open_circuit_breaker_keeps_last_seen_within_a_heartbeat_at_two_requests_a_heartbeat() {
        row.writeNow(sheet.port, START); // the tick that released the blocked video carried the row
        breakerOpen.set(true);
        row.writeNow(sheet.port, START);
        assertEquals("paused until 08:30 (1 host failure(s) in a row): Sign in to confirm you're not a bot",
                sheet.rows("Workers").get(0).get("Status"));

        runFor(Duration.ofMinutes(30)); // the breaker's cooldown, with no tick at all

        Instant seen = Timestamps.parse(lastSeen()).orElseThrow();
        assertEquals(true, Duration.between(seen, clock.instant()).compareTo(HEARTBEAT) <= 0,
                "LastSeen " + seen + " at " + clock.instant());
        assertEquals(60, port.total(), "one read and one write a heartbeat: " + port.counts());
    }

    @Test
    void nothing_is_written_while_the_agent_is_not_paused_or_ticks_carry_its_row() {
        row.writeNow(sheet.port, START);
        runFor(Duration.ofMinutes(5));
        assertEquals(0, port.total(), "not paused: its ticks keep the row fresh");

        // Paused, but still renewing leases it holds: each tick carries the row, so no request of its own.
        breakerOpen.set(true);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(30));
            List<String> reads = row.piggybackReads(clock.instant());
            if (!reads.isEmpty()) {
                row.onPiggybackRead(sheet.port.batchGet(reads));
                sheet.port.batchUpdateValues(row.piggybackWrites(clock.instant()));
            }
            refresh.run(port, clock.instant());
        }
        assertEquals(0, port.total());
    }

    @Test
    void a_new_pause_of_the_callers_shows_at_once() {
        row.writeNow(sheet.port, START);
        callerPause.set(Optional.of("only 2.0G free in /srv (minimum 5G)"));
        clock.advance(Duration.ofSeconds(1));

        refresh.run(port, clock.instant());

        assertEquals(2, port.total());
        assertEquals(Timestamps.format(clock.instant()), lastSeen());
    }
}
