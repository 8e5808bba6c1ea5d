package io.github.ytdc.media.ytdlp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The offline yt-dlp lab ({@code fixtures/ytdlp/make-fixture.sh}) served on a free loopback port. */
final class FixtureServer implements AutoCloseable {
    final Path dir;
    final String baseUrl;
    private final long pid;

    private FixtureServer(Path dir, String baseUrl, long pid) {
        this.dir = dir;
        this.baseUrl = baseUrl;
        this.pid = pid;
    }

    static Path sharedDir() {
        String prop = System.getProperty("ytdc.shared.dir");
        return Path.of(prop != null ? prop : "../shared").toAbsolutePath().normalize();
    }

    /** Generates the fixture into {@code dir} ({@code items} entries in channel.rss) and starts its server. */
    static FixtureServer start(Path dir, int items) throws IOException, InterruptedException {
        Path script = sharedDir().resolve("fixtures/ytdlp/make-fixture.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("fixture script not found at " + script + " (set -Dytdc.shared.dir)");
        }
        String lastError = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> argv = new ArrayList<>(List.of("bash", script.toString(), "--items", Integer.toString(items),
                    dir.toString(), Integer.toString(port)));
            Process p = new ProcessBuilder(argv).redirectError(dir.resolveSibling(dir.getFileName() + ".make.log").toFile())
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("make-fixture.sh did not finish");
            }
            if (p.exitValue() == 0) {
                long pid = Long.parseLong(value(out, "FIXTURE_PID"));
                return new FixtureServer(dir, value(out, "FIXTURE_URL"), pid);
            }
            lastError = "exit " + p.exitValue() + ": " + out; // most likely the port was taken meanwhile: try another
        }
        throw new IllegalStateException("could not start the fixture server: " + lastError);
    }

    String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /** Adds a page to the served site. */
    void writeSiteFile(String name, String content) throws IOException {
        Files.writeString(dir.resolve("site").resolve(name), content, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
                h.destroyForcibly();
                return h;
            }).join();
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new IllegalStateException("make-fixture.sh printed no " + key + ": " + out);
    }
}
