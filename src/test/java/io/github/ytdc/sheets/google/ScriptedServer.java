package io.github.ytdc.sheets.google;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import io.github.ytdc.util.HttpServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A loopback HTTP server answering with scripted responses in order, recording every request. It stands in for
 * Google where a test needs exact control of failures (429s, 5xx, refused tokens); everything on the client side
 * (the Google client, auth, JSON) is real.
 */
final class ScriptedServer implements AutoCloseable {
    /** A request as received (body decompressed). */
    record Received(String method, String uri, Headers headers, String body) {}

    record Answer(int status, String body) {}

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Answer fallback = new Answer(500, error(500, "no scripted answer left", "INTERNAL"));

    private ScriptedServer(InetAddress bind) {
        try {
            server = HttpServers.create(new InetSocketAddress(bind, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    static ScriptedServer onLoopback() {
        return new ScriptedServer(InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getAddress().getPort();
    }

    synchronized ScriptedServer then(int status, String body) {
        script.add(new Answer(status, body));
        return this;
    }

    synchronized ScriptedServer thenError(int status, String message, String googleStatus) {
        return then(status, error(status, message, googleStatus));
    }

    synchronized ScriptedServer otherwise(int status, String body) {
        fallback = new Answer(status, body);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Google's error envelope (no {@code errors[]}, as Sheets sends it). */
    static String error(int code, String message, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    /** Google's 429 body for a per-user write quota breach. */
    static String quotaError() {
        return "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for quota metric 'Write requests' and limit "
                + "'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer "
                + "'project_number:1'.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"RATE_LIMIT_EXCEEDED\",\"domain\":"
                + "\"googleapis.com\",\"metadata\":{\"quota_limit\":\"WriteRequestsPerMinutePerUser\"}}]}}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            in.transferTo(body);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body.toString(StandardCharsets.UTF_8)));
            Answer answer;
            synchronized (this) {
                answer = script.isEmpty() ? fallback : script.poll();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
