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
                "stallTimeoutSeconds", "lastSeen", "lastSeenSecondsAgo", "version", "current", "done", "failed", "holds"),
                keys(w1));
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
