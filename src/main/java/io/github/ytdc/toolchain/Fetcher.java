package io.github.ytdc.toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads release files over HTTP(S), following redirects (GitHub answers release downloads with one). Writes
 * files while hashing them, so the checksum is known the moment the download ends.
 */
final class Fetcher {
    private static final long MAX_TEXT = 1L << 20;
    private static final long MAX_FILE = 1L << 30;
    private final HttpClient client;
    private final Duration timeout;

    Fetcher(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
    }

    /** The default: 20 s to connect, 10 minutes for a whole download. */
    static Fetcher standard() {
        return new Fetcher(Duration.ofSeconds(20), Duration.ofMinutes(10));
    }

    /** A small text file, such as {@code SHA2-256SUMS}. */
    String text(URI uri) throws IOException {
        try (InputStream in = open(uri)) {
            byte[] body = in.readNBytes((int) MAX_TEXT + 1);
            if (body.length > MAX_TEXT) {
                throw new IOException(uri + " is larger than " + MAX_TEXT + " bytes; not a checksum file");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A downloaded file.
     *
     * @param sha256 its SHA-256, lower-case hex
     * @param from   where it finally came from, after redirects (e.g. the versioned release URL)
     */
    record Download(String sha256, URI from) {}

    /** Downloads {@code uri} into {@code target} (created or replaced). */
    Download file(URI uri, Path target) throws IOException {
        MessageDigest sha = sha256();
        long total = 0;
        Opened response = send(uri);
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > MAX_FILE) {
                    throw new IOException(uri + " is larger than " + MAX_FILE + " bytes");
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return new Download(HexFormat.of().formatHex(sha.digest()), response.from());
    }

    private InputStream open(URI uri) throws IOException {
        return send(uri).body();
    }

    /** A {@code file:} mirror (a folder on this host or a mounted share) is read directly. */
    private static boolean isFile(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    /** A response body and where it finally came from. */
    private record Opened(InputStream body, URI from) {}

    private Opened send(URI uri) throws IOException {
        if (isFile(uri)) {
            Path p = Path.of(uri);
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + " does not exist in the mirror folder");
            }
            return new Opened(Files.newInputStream(p), uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("User-Agent", "ytdc-toolchain").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } catch (IOException e) {
            // a refused connection or an unknown host has no message of its own
            throw e.getMessage() == null ? new IOException("cannot reach " + uri.getHost() + " (" + e.getClass()
                    .getSimpleName() + (e.getCause() == null ? "" : ": " + e.getCause()) + "); is this host offline, "
                    + "or is a mirror needed?", e) : e;
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode() + " from " + response.uri());
        }
        return new Opened(response.body(), response.uri());
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
