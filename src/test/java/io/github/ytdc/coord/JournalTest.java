package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's line format, which the bench's tally (and anyone's jq) reads: one JSON object per event. */
class JournalTest {
    @TempDir
    Path dir;

    @Test
    void each_event_is_one_json_line_with_millisecond_times_and_only_the_fields_it_has() throws IOException {
        Path p = dir.resolve("a.jsonl");
        try (Journal j = Journal.open(p)) {
            j.record(new TaskEvent(Instant.parse("2026-11-21T10:00:00.123456Z"), "a", TaskEvent.Type.CLAIMED,
                    TaskKind.VIDEO, "v1", 1, "", Duration.ofMillis(250)));
            j.record(new TaskEvent(Instant.parse("2026-11-21T10:00:01Z"), "a", TaskEvent.Type.RETRY,
                    TaskKind.VIDEO, "v1", 2, "HTTP Error 503", Duration.ZERO));
        }

        assertEquals(List.of(
                "{\"at\":\"2026-11-21T10:00:00.123Z\",\"event\":\"claimed\",\"worker\":\"a\",\"kind\":\"video\","
                        + "\"id\":\"v1\",\"attempt\":1,\"elapsed_ms\":250}",
                "{\"at\":\"2026-11-21T10:00:01Z\",\"event\":\"retry\",\"worker\":\"a\",\"kind\":\"video\","
                        + "\"id\":\"v1\",\"attempt\":2,\"error\":\"HTTP Error 503\"}"),
                Files.readAllLines(p, StandardCharsets.UTF_8));
    }
}
