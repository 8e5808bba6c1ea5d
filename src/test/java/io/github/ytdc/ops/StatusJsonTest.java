package io.github.ytdc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
    private final TestSheet sheet = new TestSheet();

    private JsonNode json() throws Exception {
        StatusReport r = new StatusCalculator(Clock.fixed(StatusCalculatorTest.NOW, ZoneOffset.UTC))
                .read(sheet.port, TestSheet.TABS);
        return new ObjectMapper().readTree(StatusJson.render(r));
    }

    @Test
    void the_documented_shape_carries_the_numbers() throws Exception {
        StatusCalculatorTest.fillOneSource(sheet);

        JsonNode j = json();

        assertEquals(List.of("schema", "at", "spreadsheet", "totals", "sources", "workers", "deadLetters", "problems"),
                keys(j));
        assertEquals(1, j.get("schema").asInt());
        assertEquals("2026-11-21T08:00:00Z", j.get("at").asText());
        assertEquals(List.of("total", "done", "pending", "inProgress", "error", "unreadable", "percentDone"),
                keys(j.at("/totals/videos")));
        assertEquals(10, j.at("/totals/videos/total").asInt());
        assertEquals(40.0, j.at("/totals/videos/percentDone").asDouble());
        assertEquals(3750, j.at("/totals/etaSeconds").asLong());
        JsonNode s1 = j.at("/sources/0");
        assertEquals(List.of("id", "url", "status", "listedVideos", "videos", "videosPerHour", "etaSeconds",
                "backingOff", "backoffUntil"), keys(s1));
        assertEquals("S1", s1.get("id").asText());
        assertEquals(4.8, s1.get("videosPerHour").asDouble());
        JsonNode w1 = j.at("/workers/0");
        assertEquals(List.of("name", "host", "status", "listed", "state", "reason", "heartbeatSeconds",
                "stallTimeoutSeconds", "lastSeen", "lastSeenSecondsAgo", "version", "current", "done", "failed", "tasks",
                "holds"), keys(w1));
        assertEquals("running", w1.get("state").asText());
        assertTrue(w1.get("stallTimeoutSeconds").isNull(), "a row without StallTimeout: unknown");
        assertEquals(12, w1.get("lastSeenSecondsAgo").asInt());
        assertEquals("video:v9", w1.at("/holds/0").asText());
        assertEquals(1, j.at("/deadLetters/total").asInt());
        assertEquals("Private video", j.at("/deadLetters/byError/0/error").asText());
        assertEquals(List.of("kind", "id", "sourceId", "error", "retryCount"), keys(j.at("/deadLetters/latest/0")));
        assertEquals("video", j.at("/deadLetters/latest/0/kind").asText());
        assertTrue(j.get("problems").isArray());
    }

    @Test
    void each_live_workers_downloads_are_read_back_from_its_current_cell_with_their_progress() throws Exception {
        sheet.add(TestSheet.TABS.workers(), Map.of("Worker", "w1", "Status", "running", "LastSeen",
                StatusCalculatorTest.ago(java.time.Duration.ofSeconds(5)), "StallTimeout", "10m",
                "Current", "video a1 (running 42%, 1.2M/s, 1m30s left), video a2 (verifying)"));
        sheet.add(TestSheet.TABS.workers(), Map.of("Worker", "gone", "Status", "running", "LastSeen",
                StatusCalculatorTest.ago(java.time.Duration.ofHours(1)), "StallTimeout", "10m",
                "Current", "video k1 (running 10%, 1.0M/s, 5m left)"));

        JsonNode j = json();

        JsonNode a1 = j.at("/workers/0/tasks/0");
        assertEquals(List.of("kind", "id", "phase", "percent", "bytesPerSecond", "etaSeconds"), keys(a1));
        assertEquals("video", a1.get("kind").asText());
        assertEquals("a1", a1.get("id").asText());
        assertEquals("running", a1.get("phase").asText());
        assertEquals(42, a1.get("percent").asInt());
        assertEquals(Math.round(1.2 * 1024 * 1024), a1.get("bytesPerSecond").asLong());
        assertEquals(90, a1.get("etaSeconds").asLong());
        JsonNode a2 = j.at("/workers/0/tasks/1");
        assertEquals("verifying", a2.get("phase").asText());
        assertTrue(a2.get("percent").isNull() && a2.get("bytesPerSecond").isNull() && a2.get("etaSeconds").isNull());
        assertEquals("dead", j.at("/workers/1/state").asText());
        assertEquals(0, j.at("/workers/1/tasks").size(), "a dead agent's last Current is no longer true");
    }

    @Test
    void unknown_values_are_present_as_null() throws Exception {
        sheet.add(TestSheet.TABS.sources(), Map.of("ID", "S1", "URL", "u", "Status", "pending"));
        sheet.add(TestSheet.TABS.videos(), Map.of("ID", "v", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "w"));

        JsonNode j = json();

        assertTrue(j.at("/sources/0/etaSeconds").isNull());
        assertTrue(j.at("/sources/0/videosPerHour").isNull());
        assertTrue(j.at("/sources/0/listedVideos").isNull());
        assertTrue(j.at("/totals/etaSeconds").isNull());
        assertTrue(j.at("/workers/0/lastSeen").isNull());
        assertEquals("unknown", j.at("/workers/0/state").asText(), "no lease time to judge by");
        assertEquals(0, j.at("/totals/backingOff").asInt());
        assertTrue(j.at("/totals/backoffUntil").isNull());
        assertTrue(j.at("/workers/0/done").isNull());
        assertEquals(false, j.at("/workers/0/listed").asBoolean(true));
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
