package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@code /health} says around a stop request: a stopping agent takes no new work, so it is not healthy. */
class AgentHealthTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> health(Agent agent) {
        URI uri = URI.create("http://127.0.0.1:" + agent.httpAddress().orElseThrow().getPort() + "/health");
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(60)
    void health_turns_503_stopping_at_the_stop_request_while_a_task_finishes_its_grace_period() throws Exception {
        InMemorySpreadsheetPort port = InMemorySpreadsheetPort.create("health");
        new SheetInitializer(port, TabNames.DEFAULT).ensureColumns();
        Sheet.appendTo(port, "Video Tasks", List.of(Map.of("ID", "v1", "URL", "https://example.com/v/1",
                "Status", "pending")));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Agent agent = Agent.builder(port, (task, context) -> {
                    started.countDown();
                    release.await();
                    return "";
                })
                .configure(c -> c.workerName("healthy").settleDelay(Duration.ofMillis(50))
                        .heartbeat(Duration.ofSeconds(1)).stallTimeout(Duration.ofSeconds(30))
                        .minTickInterval(Duration.ofMillis(10)).claimJitter(Duration.ZERO))
                .grace(Duration.ofMinutes(1))
                .idlePoll(Duration.ofMillis(50), Duration.ofMillis(200))
                .supervisorInterval(Duration.ofMillis(50))
                .http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build();
        Thread runner = new Thread(agent::run, "agent");
        runner.start();
        started.await();
        HttpResponse<String> working = health(agent);

        agent.stop();
        Processes.await(Duration.ofSeconds(10), "/health to answer 503", () -> health(agent).statusCode() == 503);
        HttpResponse<String> stopping = health(agent);
        release.countDown();

        assertTrue(agent.awaitFinished(Duration.ofSeconds(30)), "the agent stopped once its task finished");
        assertEquals(200, working.statusCode(), working.body());
        assertEquals("stopping: claiming nothing new; 1 running task(s) may finish within the "
                + "grace period of 1m\n", stopping.body());
        assertEquals("done", Sheet.rowsOf(port, "Video Tasks").get(0).get("Status"), "the task finished in its grace");
    }
}
