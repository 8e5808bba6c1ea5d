package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quota and failure handling against the emulator enforcing Google's per-minute quotas. The emulator's clock and
 * the port's sleeper are one: every backoff or pacing wait moves the emulator's minute on, so a test of minutes
 * of waiting runs instantly.
 */
class GoogleSpreadsheetPortEmulatorTest {
    private final MutableClock clock = new MutableClock();
    private final RecordingSleeper recorded = new RecordingSleeper();
    private SheetsEmulator emulator;

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void startEmulator(QuotaMode quota, double failRate) {
        emulator = SheetsEmulator.builder().port(0).clock(clock).quota(quota).failRate(failRate).create("s1").start();
    }

    private GoogleSpreadsheetPort.Builder port(QuotaPolicy pacing) {
        io.github.ytdc.util.Sleeper advancing = d -> {
            recorded.sleep(d);
            clock.advance(d);
        };
        return GoogleSpreadsheetPort.builder(new ConnectionSettings("s1", null, URI.create(emulator.baseUrl()), null))
                .budget(new RequestBudget(pacing, clock, advancing))
                .sleeper(advancing)
                .random(BackoffPolicyTest.fixedJitter(100))
                .quotaUser("agent-" + System.nanoTime());
    }

    @Test
    void a_burst_past_the_per_minute_quota_backs_off_until_the_minute_turns_and_never_fails() {
        startEmulator(QuotaMode.GOOGLE, 0);
        // Pacing off, so the 61st read of the minute meets Google's 429.
        try (GoogleSpreadsheetPort port = port(new QuotaPolicy(6_000, 6_000, 6_000)).build()) {
            for (int i = 0; i < 61; i++) {
                assertEquals(1, port.batchGet(List.of("Sheet1!A1:B2")).size());
            }
            assertEquals(List.of(Duration.ofMillis(1_100), Duration.ofMillis(2_100), Duration.ofMillis(4_100),
                    Duration.ofMillis(8_100), Duration.ofMillis(16_100), Duration.ofSeconds(32)), recorded.sleeps());
            RequestCounters.Snapshot c = port.counters();
            assertEquals(6, c.quotaErrors());
            assertEquals(6, c.retries());
            assertEquals(0, c.failures());
            assertEquals(6, emulator.stats().quotaRejected());
        }
    }

    @Test
    void pacing_to_googles_quota_meets_no_429_at_all() {
        startEmulator(QuotaMode.GOOGLE, 0);
        try (GoogleSpreadsheetPort port = port(QuotaPolicy.GOOGLE_PER_USER).build()) {
            // 75 of each: past one minute's quota of either kind.
            for (int i = 0; i < 75; i++) {
                port.batchGet(List.of("Sheet1!A1"));
                port.batchUpdateValues(List.of(io.github.ytdc.sheets.RangeWrite.cell("Sheet1!A1", "v" + i)));
            }
            assertEquals(0, emulator.stats().quotaRejected());
            assertEquals(0, port.counters().quotaErrors());
            Duration waited = recorded.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
            assertTrue(waited.compareTo(Duration.ofSeconds(74)) >= 0, "paced at one read and one write a second: " + waited);
        }
    }

    @Test
    void server_errors_surface_at_once_for_append_and_after_the_retries_for_reads() {
        startEmulator(QuotaMode.OFF, 1.0);
        try (GoogleSpreadsheetPort port = port(new QuotaPolicy(6_000, 6_000, 6_000))
                .backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ofSeconds(1), 4))
                .build()) {
            SheetsException append = assertThrows(SheetsException.class,
                    () -> port.append("Sheet1!A1", List.of(List.of("x"))));
            assertEquals(Reason.UNAVAILABLE, append.reason());
            assertEquals(1, emulator.stats().count("values.append"), "an append is never sent twice");
            assertEquals(List.of(), recorded.sleeps());

            SheetsException read = assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1")));
            assertEquals(Reason.UNAVAILABLE, read.reason());
            assertEquals(5, emulator.stats().count("values.batchGet"));
            assertEquals(4, recorded.sleeps().size());
        }
    }
}
