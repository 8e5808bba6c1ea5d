package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.YtdcException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Health> health = new AtomicReference<>(Health.ok());
    private final Metrics metrics = new Metrics();
    private HealthServer server;

    @BeforeEach
    void start() {
        server = HealthServer.start(0, health::get, metrics);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_is_200_ok_while_healthy_and_503_with_the_reason_while_not() throws Exception {
        HttpResponse<String> ok = request("GET", "/health");
        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());

        health.set(Health.unhealthy("circuit breaker open for 4m: YouTube asks this host to sign in"));
        HttpResponse<String> down = request("GET", "/health");
        assertEquals(503, down.statusCode());
        assertEquals("circuit breaker open for 4m: YouTube asks this host to sign in\n", down.body());
        assertEquals("no-store", down.headers().firstValue("Cache-Control").orElse(""));

        health.set(Health.ok());
        assertEquals(200, request("GET", "/health").statusCode());
    }

    @Test
    void a_health_check_that_throws_answers_503_instead_of_breaking_the_server() throws Exception {
        server.close();
        server = HealthServer.start(0, () -> {
            throw new IllegalStateException("sheet unreachable");
        }, metrics);
        HttpResponse<String> r = request("GET", "/health");
        assertEquals(503, r.statusCode());
        assertEquals("health check failed: sheet unreachable\n", r.body());
        assertEquals(503, request("GET", "/health").statusCode(), "still serving after the failure");
    }

    @Test
    void metrics_are_served_in_the_prometheus_text_format() throws Exception {
        metrics.counter("ytdc_tasks_total", "Tasks.", "outcome").inc("done");
        HttpResponse<String> r = request("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(metrics.scrape(), r.body());
        assertTrue(r.body().contains("ytdc_tasks_total{outcome=\"done\"} 1\n"));
    }

    @Test
    void other_paths_are_404_other_methods_405_and_head_has_no_body() throws Exception {
        assertEquals(404, request("GET", "/").statusCode());
        assertEquals(404, request("GET", "/health/extra").statusCode());
        HttpResponse<String> post = request("POST", "/health");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> head = request("HEAD", "/health");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void it_listens_on_loopback_by_default() {
        assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
    }

    @Test
    void a_taken_port_fails_with_a_clear_message() {
        int taken = server.address().getPort();
        YtdcException e = assertThrows(YtdcException.class, () -> HealthServer.start(taken, Health::ok, metrics));
        assertTrue(e.getMessage().startsWith("cannot serve health and metrics on 127.0.0.1:" + taken), e.getMessage());
    }

    @Test
    void after_close_the_port_refuses_connections_and_close_is_idempotent() {
        URI health = server.baseUri().resolve("/health");
        server.close();
        server.close();
        assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void listen_addresses_are_read_as_people_write_them() {
        assertEquals(new InetSocketAddress("127.0.0.1", 9090), HealthServer.parseAddress("9090"));
        assertEquals(new InetSocketAddress("127.0.0.1", 9090), HealthServer.parseAddress(":9090"));
        assertEquals(new InetSocketAddress("0.0.0.0", 9100), HealthServer.parseAddress(" 0.0.0.0:9100 "));
        assertEquals(new InetSocketAddress("::1", 9100), HealthServer.parseAddress("[::1]:9100"));
        assertThrows(IllegalArgumentException.class, () -> HealthServer.parseAddress("::1:9100"));
        assertThrows(IllegalArgumentException.class, () -> HealthServer.parseAddress("localhost"));
        assertThrows(IllegalArgumentException.class, () -> HealthServer.parseAddress("70000"));
        assertThrows(IllegalArgumentException.class, () -> HealthServer.parseAddress(""));
    }

    @Test
    void combined_checks_are_healthy_only_when_all_are_and_join_the_reasons() {
        HealthCheck all = HealthCheck.all(Health::ok, () -> Health.unhealthy("disk full"), () -> Health.unhealthy("sheet unreachable"));
        assertEquals(Health.unhealthy("disk full; sheet unreachable"), all.check());
        assertEquals(Health.ok(), HealthCheck.all(Health::ok, Health::ok).check());
    }
}
