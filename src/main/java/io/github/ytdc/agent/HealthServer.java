package io.github.ytdc.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ytdc.YtdcException;
import io.github.ytdc.util.HttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's optional HTTP port: {@code GET /health} answers {@code 200 ok} while the {@link HealthCheck} says
 * healthy and {@code 503 <reason>} otherwise (for systemd, a load balancer or a monitoring probe), and
 * {@code GET /metrics} serves {@link Metrics} in the Prometheus text format. Binds to loopback unless told
 * otherwise, since neither endpoint needs to be public.
 */
final class HealthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    /** The default interface: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HealthCheck health;
    private final Metrics metrics;
    private boolean closed;

    private HealthServer(HttpServer server, ExecutorService executor, HealthCheck health, Metrics metrics) {
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * Starts serving on {@code bind} (port 0 picks a free port; see {@link #address()}).
     *
     * @throws YtdcException when the address cannot be bound, e.g. the port is taken
     */
    public static HealthServer start(InetSocketAddress bind, HealthCheck health, Metrics metrics) {
        HttpServer server;
        try {
            server = HttpServers.create(bind, 16);
        } catch (BindException e) {
            throw new YtdcException("cannot serve health and metrics on " + describe(bind) + ": " + e.getMessage()
                    + " (is another agent using this port? give each instance its own)", e);
        } catch (IOException e) {
            throw new YtdcException("cannot serve health and metrics on " + describe(bind) + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        // why: two threads so a slow scrape never delays a health probe; daemon so they never hold the JVM open
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ytdc-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HealthServer hs = new HealthServer(server, executor, health, metrics);
        server.createContext("/", hs::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("Serving /health and /metrics on http://{}/", describe(hs.address()));
        return hs;
    }

    /** Starts on {@link #DEFAULT_HOST} at {@code port}. */
    public static HealthServer start(int port, HealthCheck health, Metrics metrics) {
        return start(new InetSocketAddress(DEFAULT_HOST, port), health, metrics);
    }

    /**
     * Reads a listen address as people write it: {@code 9090} or {@code :9090} (loopback), {@code 0.0.0.0:9090},
     * {@code [::1]:9090}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static InetSocketAddress parseAddress(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? DEFAULT_HOST : t.substring(0, colon);
        String port = colon < 0 ? t : t.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, e.g. [::1]:9090");
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not a listen address; use a port (9090), or host:port (0.0.0.0:9090)");
        }
        return new InetSocketAddress(host.isEmpty() ? DEFAULT_HOST : host, Integer.parseInt(port));
    }

    /** The address actually bound (with the real port when started on port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/}. */
    public URI baseUri() {
        return URI.create("http://" + describe(address()) + "/");
    }

    /** Stops serving at once; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/health") && !path.equals("/metrics")) {
                send(exchange, 404, TEXT, "not found; this port serves /health and /metrics\n");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, "method not allowed; use GET\n");
                return;
            }
            if (path.equals("/health")) {
                Health h = checkHealth();
                send(exchange, h.healthy() ? 200 : 503, TEXT, (h.healthy() ? "ok" : h.reason()) + "\n");
            } else {
                send(exchange, 200, PROMETHEUS, metrics.scrape());
            }
        }
    }

    private Health checkHealth() {
        try {
            return health.check();
        } catch (RuntimeException e) {
            LOG.warn("Health check failed: {}", e.toString());
            return Health.unhealthy("health check failed: " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String describe(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
