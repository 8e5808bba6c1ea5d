package io.github.ytdc.testing;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A coordinator for tests that run in real time against real tools: a 50 ms settle delay, ticks 10 ms apart, no claim
 * jitter, and leases long enough never to stall while a test runs.
 */
public final class RealTimeConfig {
    private RealTimeConfig() {}

    public static CoordinatorConfig.Builder builder(SpreadsheetPort port, String worker, Clock clock, long seed) {
        return CoordinatorConfig.builder(port)
                .workerName(worker)
                .clock(clock)
                .random(new SplittableRandom(seed))
                .settleDelay(Duration.ofMillis(50))
                .heartbeat(Duration.ofMinutes(1))
                .stallTimeout(Duration.ofMinutes(5))
                .sweepInterval(Duration.ofMinutes(1))
                .minTickInterval(Duration.ofMillis(10))
                .claimJitter(Duration.ZERO);
    }
}
