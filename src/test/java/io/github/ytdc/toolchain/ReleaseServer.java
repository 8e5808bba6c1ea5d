package io.github.ytdc.toolchain;

import com.sun.net.httpserver.HttpServer;
import io.github.ytdc.util.HttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A release folder on loopback, laid out like GitHub's: {@code /latest/download/NAME} answers with a redirect to
 * {@code /download/TAG/NAME}, which serves the file. Files can be replaced between requests to publish a new release.
 */
public final class ReleaseServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String tag = "v1";

    public ReleaseServer() throws IOException {
        server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            try (exchange) {
                if (path.startsWith("/latest/download/")) {
                    exchange.getResponseHeaders().add("Location", "/download/" + tag + "/"
                            + path.substring("/latest/download/".length()));
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                String name = path.substring(path.lastIndexOf('/') + 1);
                byte[] body = path.startsWith("/download/" + tag + "/") ? files.get(name) : null;
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /** The folder URL tools are configured with. */
    public URI latest() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/latest/download/");
    }

    /** Publishes a release: the files, under a new tag. */
    public void publish(String newTag, Map<String, byte[]> release) {
        files.clear();
        files.putAll(release);
        tag = newTag;
    }

    /** How many times a file of this name was downloaded (not counting the redirect). */
    public long downloads(String name) {
        return requests.stream().filter(p -> p.startsWith("/download/") && p.endsWith("/" + name)).count();
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256sum}'s output for the given files. */
    public static byte[] sums(Map<String, byte[]> files) {
        StringBuilder sb = new StringBuilder();
        files.forEach((name, data) -> sb.append(sha256(data)).append("  ").append(name).append('\n'));
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A stand-in program: a shell script that prints {@code versionLine} for {@code --version}. */
    public static byte[] script(String versionLine) {
        return ("#!/bin/sh\nif [ \"$1\" = --version ]; then echo '" + versionLine + "'; exit 0; fi\necho \"$@\"\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
