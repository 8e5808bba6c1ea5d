package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.BlackHole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A person runs a command against a Sheets endpoint that is down: each gives up within seconds with one line saying
 * what failed, where, and what to check (the agents' patience would keep them waiting for minutes).
 */
class UnreachableSheetTest {
    @TempDir
    static Path dir;

    /** A loopback port nothing listens on: connections are refused at once. */
    private static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Stream<List<String>> commands() throws IOException {
        Path file = Files.writeString(dir.resolve("sources.txt"), "https://www.youtube.com/@one\n");
        return Stream.of(List.of("status"), List.of("init"), List.of("sources", "add", "@one"),
                List.of("sources", "import", file.toString()), List.of("requeue"), List.of("requeue", "--dry-run"));
    }

    private static Cli timed(List<String> command, int port, long[] millis) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--endpoint", "http://127.0.0.1:" + port + "/", "--spreadsheet", "demo"));
        long start = System.nanoTime();
        Cli r = Cli.run(args.toArray(String[]::new));
        millis[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return r;
    }

    @ParameterizedTest
    @MethodSource("commands")
    @Timeout(30)
    void a_refused_endpoint_is_reported_in_one_line_within_seconds(List<String> command) throws IOException {
        int port = refusedPort();
        long[] took = new long[1];

        Cli r = timed(command, port, took);

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("ytdc: cannot reach the Sheets API at http://127.0.0.1:" + port + "/ (connection refused; 3 "
                + "attempts in", r.err.substring(0, r.err.indexOf(" in ") + 3), r.toString());
        assertTrue(r.err.strip().endsWith("): check --endpoint (or YTDC_ENDPOINT) and that the server there is running "
                + "and reachable from this host"), r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.toString());
        assertTrue(took[0] < 8_000, command + " took " + took[0] + " ms");
    }

    @Test
    @Timeout(30)
    void doctor_fails_the_spreadsheet_check_of_a_refused_endpoint_within_seconds() throws IOException {
        int port = refusedPort();
        long[] took = new long[1];

        Cli r = timed(List.of("doctor", "--output", dir.toString()), port, took);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("FAIL  spreadsheet  cannot reach the Sheets API at http://127.0.0.1:" + port
                + "/ (connection refused; 3 attempts in "), r.out);
        assertTrue(r.out.contains("SKIP  tabs         needs the spreadsheet"), r.out);
        assertTrue(took[0] < 8_000, "doctor took " + took[0] + " ms");
    }

    @Test
    @Timeout(60)
    void a_black_holed_endpoint_that_accepts_and_never_answers_is_given_up_after_the_read_timeout() throws Exception {
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket hole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(hole.accept()); // keep the connection open and say nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long[] took = new long[1];

            Cli r = timed(List.of("status"), hole.getLocalPort(), took);

            assertEquals(1, r.exitCode, r.toString());
            assertEquals("ytdc: cannot reach the Sheets API at http://127.0.0.1:" + hole.getLocalPort() + "/ "
                    + "(connected, but no answer within 15s): check --endpoint (or YTDC_ENDPOINT) and that the server "
                    + "there is running and reachable from this host", r.err.strip(), r.toString());
            assertTrue(took[0] < 25_000, "status took " + took[0] + " ms");
            assertEquals(1, accepted.size(), "no second attempt once the wait used up the command's patience");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /** A service-account key, made up for the test, whose token endpoint is {@code tokenUri}. */
    private static Path keyWithTokenUri(String tokenUri) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder()
                .encodeToString(gen.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        Path key = Files.createTempFile(dir, "sa", ".json");
        return Files.writeString(key, "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": "
                + "\"0123456789abcdef\", \"private_key\": \"" + pem + "\", \"client_email\": "
                + "\"ytdc@p.iam.gserviceaccount.com\", \"client_id\": \"1\", \"token_uri\": \"" + tokenUri + "\"}");
    }

    private static Cli withKey(List<String> command, Path key, long[] millis) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--credentials", key.toString(), "--spreadsheet", "1AbCdEf"));
        long start = System.nanoTime();
        Cli r = Cli.run(args.toArray(String[]::new));
        millis[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return r;
    }

    private static final String TOKEN_CHECK = "check this host's network, DNS, proxy and firewall (HTTPS to "
            + "oauth2.googleapis.com and sheets.googleapis.com must be allowed) and the key's token_uri";

    @Test
    @Timeout(60)
    void a_black_holed_token_endpoint_is_named_in_one_line_after_the_commands_read_timeout() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            String tokenUri = "http://127.0.0.1:" + hole.port() + "/token";
            long[] took = new long[1];

            Cli r = withKey(List.of("status"), keyWithTokenUri(tokenUri), took);

            assertEquals(1, r.exitCode, r.toString());
            assertEquals("ytdc: cannot get an access token from " + tokenUri + " (connected, but no answer within "
                    + "15s): " + TOKEN_CHECK, r.err.strip(), r.toString());
            // The auth library's own 20 s timeouts and retries made this 88 s.
            assertTrue(took[0] < 25_000, "status took " + took[0] + " ms");
            assertEquals(1, hole.connections(), "one token request: the command's patience is spent");
        }
    }

    @Test
    @Timeout(30)
    void a_refused_token_endpoint_is_named_in_one_line_within_seconds() throws Exception {
        String tokenUri = "http://127.0.0.1:" + refusedPort() + "/token";
        long[] took = new long[1];

        Cli r = withKey(List.of("init"), keyWithTokenUri(tokenUri), took);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("ytdc: cannot get an access token from " + tokenUri + " (connection refused; 3 "
                + "attempts in "), r.toString());
        assertTrue(r.err.strip().endsWith("): " + TOKEN_CHECK), r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.toString());
        assertTrue(took[0] < 8_000, "init took " + took[0] + " ms");
    }
}
