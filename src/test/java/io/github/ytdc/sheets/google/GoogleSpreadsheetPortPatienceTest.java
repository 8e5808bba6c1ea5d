package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.testing.BlackHole;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a port waits before it gives up: on a key's token endpoint that refuses or never answers (the auth
 * library's own timeouts and retries would keep a command waiting for a minute and a half), and once a deadline is
 * set with {@code finishWithin} (a stopping agent), on whatever the Sheets API is doing.
 */
class GoogleSpreadsheetPortPatienceTest {
    private static final String OK_BATCH_GET = "{\"spreadsheetId\":\"s1\",\"valueRanges\":[{\"range\":\"Sheet1!A1\","
            + "\"majorDimension\":\"ROWS\",\"values\":[[\"a\"]]}]}";

    @TempDir
    Path dir;

    private final ScriptedServer server = ScriptedServer.onLoopback();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private GoogleSpreadsheetPort.Builder portTo(String endpoint, Path key) {
        return GoogleSpreadsheetPort.builder(new ConnectionSettings("s1", key, URI.create(endpoint), null))
                .budget(new RequestBudget(new QuotaPolicy(6000, 6000, 6000), Clock.systemUTC(), new RecordingSleeper()))
                .sleeper(sleeper)
                .random(BackoffPolicyTest.fixedJitter(0))
                // The servers can only listen on loopback here: treat the endpoint as remote so the key is used.
                .localEndpointWhen(u -> false);
    }

    private String scripted() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static int refusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(30)
    void a_black_holed_token_endpoint_is_given_up_after_the_ports_own_read_timeout_in_one_attempt() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            String tokenUri = "http://127.0.0.1:" + hole.port() + "/token";
            Path key = TestKeys.serviceAccount(dir, tokenUri);
            long start = System.nanoTime();
            try (GoogleSpreadsheetPort port = portTo(scripted(), key).readTimeout(Duration.ofSeconds(1))
                    .backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 0))
                    .build()) {
                SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1")));

                long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertEquals(Reason.UNAVAILABLE, e.reason());
                assertEquals("cannot get an access token from " + tokenUri + " (connected, but no answer within 1s): "
                        + "check this host's network, DNS, proxy and firewall (HTTPS to oauth2.googleapis.com and "
                        + "sheets.googleapis.com must be allowed) and the key's token_uri", e.getMessage());
                // The auth library alone would wait 20 s per attempt and try four times.
                assertTrue(tookMs < 10_000, "took " + tookMs + " ms");
                assertEquals(1, hole.connections(), "no retries of the auth library's own");
                assertTrue(server.received().isEmpty(), "without a token the API request never goes out");
            }
        }
    }

    @Test
    void a_refused_token_endpoint_names_that_endpoint_and_is_retried_even_for_append_since_nothing_was_sent()
            throws Exception {
        String tokenUri = "http://127.0.0.1:" + refusedPort() + "/token";
        Path key = TestKeys.serviceAccount(dir, tokenUri);
        try (GoogleSpreadsheetPort port = portTo(scripted(), key)
                .backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ZERO, 2)).build()) {
            SheetsException e = assertThrows(SheetsException.class, () -> port.append("A1", List.of(List.of("x"))));

            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().startsWith("cannot get an access token from " + tokenUri
                    + " (connection refused; 3 attempts in "), e.getMessage());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeper.sleeps());
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    @Timeout(30)
    void once_a_deadline_is_set_a_black_holed_endpoint_is_given_up_at_it_not_after_the_agents_read_timeout()
            throws Exception {
        try (BlackHole hole = new BlackHole();
             GoogleSpreadsheetPort port = portTo("http://127.0.0.1:" + hole.port() + "/", null)
                     .policy(CallPolicy.AGENT).random(BackoffPolicyTest.fixedJitter(0)).build()) {
            long start = System.nanoTime();
            port.finishWithin(Duration.ofSeconds(1));

            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1")));

            long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(tookMs < 5_000, "took " + tookMs + " ms; the agent's read timeout is 200 s");
            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("(connected, but no answer before the deadline for stopping)"),
                    e.getMessage());
            assertEquals(1, hole.connections(), "no retry once the deadline has come");
        }
    }

    @Test
    @Timeout(30)
    void a_request_already_waiting_when_the_deadline_is_set_is_cut_off_at_it() throws Exception {
        try (BlackHole hole = new BlackHole();
             GoogleSpreadsheetPort port = portTo("http://127.0.0.1:" + hole.port() + "/", null)
                     .policy(CallPolicy.AGENT).random(BackoffPolicyTest.fixedJitter(0)).build()) {
            java.util.concurrent.CompletableFuture<Throwable> call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1"))));
            io.github.ytdc.testing.Processes.await(Duration.ofSeconds(10), "the request to go out",
                    () -> hole.connections() == 1);
            long start = System.nanoTime();

            port.finishWithin(Duration.ofSeconds(1)); // the request in flight has the agent's 200 s read timeout

            Throwable e = call.get(20, java.util.concurrent.TimeUnit.SECONDS);
            long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(tookMs < 5_000, "took " + tookMs + " ms");
            assertEquals(Reason.UNAVAILABLE, ((SheetsException) e).reason());
            assertEquals(1, hole.connections(), "no retry past the deadline");
        }
    }

    @Test
    void no_retry_starts_that_would_end_past_the_deadline() {
        server.otherwise(503, ScriptedServer.error(503, "The service is currently unavailable.", "UNAVAILABLE"));
        long[] now = {0};
        try (GoogleSpreadsheetPort port = portTo(scripted(), null).policy(CallPolicy.AGENT)
                .random(BackoffPolicyTest.fixedJitter(0)).sleeper(d -> now[0] += d.toNanos()).nanoTime(() -> now[0])
                .build()) {
            port.finishWithin(Duration.ofSeconds(5));

            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1")));

            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertEquals("Sheets API 503: The service is currently unavailable. (3 attempts in 3s)", e.getMessage());
        }
        // Waits of 1 s and 2 s fit before the deadline; the next, 4 s from t = 3 s, would not.
        assertEquals(3, server.received().size());
    }

    @Test
    void past_the_deadline_nothing_is_sent() {
        server.otherwise(200, OK_BATCH_GET);
        try (GoogleSpreadsheetPort port = portTo(scripted(), null).build()) {
            port.finishWithin(Duration.ZERO);

            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1")));

            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertTrue(e.retryable());
            assertEquals("values.batchGet not sent: the deadline for stopping has come", e.getMessage());
        }
        assertTrue(server.received().isEmpty());
    }

    @Test
    void a_quota_slot_beyond_the_deadline_is_not_waited_for() {
        server.otherwise(200, OK_BATCH_GET);
        RecordingSleeper limiter = new RecordingSleeper();
        try (GoogleSpreadsheetPort port = portTo(scripted(), null)
                .budget(new RequestBudget(new QuotaPolicy(1, 1, 1), Clock.systemUTC(), limiter)).build()) {
            assertEquals(1, port.batchGet(List.of("Sheet1!A1")).size()); // the minute's only read
            port.finishWithin(Duration.ofSeconds(10));

            SheetsException e = assertThrows(SheetsException.class, () -> port.batchGet(List.of("Sheet1!A1")));

            assertEquals("values.batchGet not sent: the deadline for stopping has come", e.getMessage());
        }
        assertEquals(List.of(), limiter.sleeps(), "the next slot is a minute away: not waited for");
        assertEquals(1, server.received().size());
    }
}
