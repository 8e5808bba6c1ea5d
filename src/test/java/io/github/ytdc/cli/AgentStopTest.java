package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code systemctl stop} while the Sheets API has gone bad: the agent is a real process, its endpoint a proxy to
 * the emulator that starts swallowing every request, refusing connections, or answering every request with 503 or
 * 429. It must exit 0 within the grace period plus the release timeout (10 s), saying in one log line which claims
 * it leaves to their leases, instead of waiting out the Sheets client's retries and read timeouts for minutes.
 */
@Tag("slow")
class AgentStopTest {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "Sheets {0}")
    @ValueSource(strings = {"black-holed", "refusing connections", "answering 503", "answering 429"})
    @Timeout(150)
    void sigterm_with_sheets_gone_exits_within_grace_and_the_release_timeout_and_leaves_claims_to_leases(String how)
            throws Exception {
        try (SheetsEmulator emulator = SheetsEmulator.builder().port(0).create("demo").start();
             SilenceableProxy proxy = new SilenceableProxy(emulator.port())) {
            String endpoint = "http://127.0.0.1:" + proxy.port() + "/";
            assertEquals(0, Cli.run("init", "--endpoint", endpoint, "--spreadsheet", "demo").exitCode);
            InMemorySpreadsheetPort model = new InMemorySpreadsheetPort(emulator.spreadsheet("demo"));
            Sheet.appendTo(model, "Video Tasks", List.of(
                    Map.of("ID", "slow1", "URL", "https://example.com/v/slow1", "Status", "pending"),
                    Map.of("ID", "slow2", "URL", "https://example.com/v/slow2", "Status", "pending")));
            Path log = dir.resolve("agent.log");
            Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.github.ytdc.cli.Main", "agent",
                    "--endpoint", endpoint, "--spreadsheet", "demo", "--worker-name", "stopper",
                    "--simulate=10m..10m", "--concurrency", "2", "--grace", "2s", "--heartbeat", "1s",
                    "--stall-timeout", "4s", "--settle-delay", "200ms", "--idle-poll", "200ms")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Processes.await(Duration.ofSeconds(60), "the agent running both videos", () ->
                        Sheet.rowsOf(model, "Video Tasks").stream().filter(r -> r.claimedBy().equals("stopper")
                                && r.get("Status").equals("in-progress")).count() == 2);
                switch (how) {
                    case "black-holed" -> proxy.silence();
                    case "answering 503" -> proxy.answerAll(503, "{\"error\":{\"code\":503,\"message\":\"The "
                            + "service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}");
                    case "answering 429" -> proxy.answerAll(429, "{\"error\":{\"code\":429,\"message\":\"Quota "
                            + "exceeded for quota metric 'Write requests'.\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
                    default -> proxy.close();
                }
                long signalled = System.nanoTime();

                agent.destroy(); // SIGTERM

                boolean exited = agent.waitFor(60, TimeUnit.SECONDS);
                long tookMs = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
                String output = Files.readString(log);
                assertTrue(exited, "still running a minute after SIGTERM:\n" + output);
                assertEquals(0, agent.exitValue(), output);
                assertTrue(tookMs < GRACE.plusSeconds(10 + 4).toMillis(), "took " + tookMs + " ms\n" + output);
                List<String> leaseLines = output.lines().filter(l -> l.contains("left to their leases")).toList();
                assertEquals(1, leaseLines.size(), output);
                assertTrue(leaseLines.get(0).contains("could not release 2 claim(s) before the deadline for stopping: "),
                        output);
                assertTrue(leaseLines.get(0).contains("; left to their leases (taken over once older than the stall "
                        + "timeout, 4s): "), output);
                assertTrue(leaseLines.get(0).contains("video slow1") && leaseLines.get(0).contains("video slow2"),
                        output);
            } finally {
                agent.destroyForcibly();
            }
            List<WorkRow> rows = Sheet.rowsOf(model, "Video Tasks");
            assertTrue(rows.stream().allMatch(r -> r.get("Status").equals("in-progress")),
                    "nothing could be written once Sheets went silent: the leases hand the rows on " + rows);
        }
    }

    /**
     * Forwards TCP to a server until {@link #silence()}, then accepts and reads everything and answers nothing; or
     * until {@link #close()}, then refuses connections.
     */
    private static final class SilenceableProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean silent;
        private volatile String answer;

        SilenceableProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(this::acceptLoop);
        }

        int port() {
            return server.getLocalPort();
        }

        void silence() {
            silent = true;
        }

        /** From now on every request, on a new connection, gets this answer; connections under way are cut. */
        void answerAll(int status, String json) throws IOException {
            answer = "HTTP/1.1 " + status + " Error\r\nContent-Type: application/json; charset=UTF-8\r\n"
                    + "Content-Length: " + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n" + json;
            List<Socket> open = new ArrayList<>(sockets);
            for (Socket s : open) {
                s.close();
            }
        }

        /** Reads one request (headers and body) and sends the canned answer. */
        private void answer(Socket client, String response) {
            try (client) {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)")
                        .matcher(head);
                if (m.find()) {
                    in.readNBytes(Integer.parseInt(m.group(1)));
                }
                OutputStream out = client.getOutputStream();
                out.write(response.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closed) {
                // the client went away
            }
        }

        private void acceptLoop() {
            try {
                while (true) {
                    Socket client = server.accept();
                    sockets.add(client);
                    String response = answer;
                    if (response != null) {
                        daemon(() -> answer(client, response));
                        continue;
                    }
                    if (silent) {
                        daemon(() -> pump(client, null));
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(upstream);
                    daemon(() -> pump(client, upstream));
                    daemon(() -> pump(upstream, client));
                }
            } catch (IOException closed) {
                // the proxy is closed
            }
        }

        /** Copies {@code from} to {@code to} until silenced; from then on bytes are read and dropped. */
        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to == null ? null : to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (!silent && out != null) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // either side closed
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "proxy");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            List<Socket> all = new ArrayList<>(sockets);
            for (Socket s : all) {
                s.close();
            }
        }
    }
}
