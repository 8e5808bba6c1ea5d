package io.github.ytdc.coord;

import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/** Step-driven agents for protocol tests: one shared mutable clock, seeded randomness, no threads. */
final class Agents {
    static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
    private static final Duration SETTLE_DELAY = Duration.ofSeconds(2);
    final MutableClock clock = new MutableClock(START);
    private int seed = 1;

    CoordinatorConfig.Builder config(SpreadsheetPort port, String name) {
        return CoordinatorConfig.builder(port)
                .workerName(name)
                .clock(clock)
                .sleeper(d -> clock.advance(d))
                .random(new SplittableRandom(seed++))
                .settleDelay(SETTLE_DELAY)
                .heartbeat(Duration.ofMinutes(1))
                .stallTimeout(Duration.ofMinutes(5))
                .retryBackoff(Duration.ofMinutes(1))
                .retryJitter(0)
                .claimJitter(Duration.ZERO)
                .sweepInterval(Duration.ofMinutes(1));
    }

    Engine engine(SpreadsheetPort port, String name) {
        return new Engine(config(port, name).build());
    }

    Engine engine(SpreadsheetPort port, String name, MediaPort media) {
        return new Engine(config(port, name).mediaPort(media).build());
    }

    /**
     * Claims one task: a tick tags the chosen row, the next writes the claim through the tag, the settle delay passes,
     * and the next tick verifies it.
     */
    Claim claimOne(Engine e) {
        claimAndSettle(e);
        e.tick();
        return e.pollClaim().orElseThrow();
    }

    /** Tags and claims (two ticks), then lets the settle delay pass: the next tick verifies. */
    void claimAndSettle(Engine e) {
        e.tick();
        e.tick();
        settle();
    }

    void settle() {
        clock.advance(settleDelay());
    }

    Duration settleDelay() {
        return SETTLE_DELAY;
    }
}
