package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads about a task: one INFO line per task event (claimed, done, retry, dead-letter, released;
 * lost-claim is a WARN), each with the task, how long it took, the attempt and why; durations as options take them.
 */
class TaskLogLinesTest {
    /** A duration in the form the options take: {@code 840ms}, {@code 21.7s}, {@code 2m5s}. */
    private static final String DURATION = "(\\d+(\\.\\d)?(ms|s|m|h|d)){1,2}";

    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    @Test
    void a_source_and_its_videos_log_one_line_when_claimed_and_one_when_done() {
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        MediaPort twoVideos = (url, options, sink, context) -> {
            for (String id : List.of("v0000000001", "v0000000002")) {
                sink.accept(new VideoEntry(id, "https://youtu.be/" + id, "Title " + id, Duration.ofSeconds(61)));
            }
        };
        CoordinatorConfig cfg = CoordinatorConfig.builder(sheet.port).workerName("lib").mediaPort(twoVideos)
                .settleDelay(Duration.ofMillis(50)).heartbeat(Duration.ofMillis(500))
                .stallTimeout(Duration.ofSeconds(5)).minTickInterval(Duration.ofMillis(10))
                .claimJitter(Duration.ZERO).build();
        List<String> lines;
        try (LogCapture log = new LogCapture(); Coordinator c = new Coordinator(cfg)) {
            int processed = 0;
            while (c.processNextTask((task, context) -> "/downloads/" + task.id() + ".mp4")) {
                processed++;
                assertTrue(processed <= 3, "only the source and its two videos");
            }
            lines = log.lines();
        }
        assertTrue(sheet.rows("Video Tasks").stream().allMatch(r -> r.hasStatus(Status.DONE)), sheet.rows("Video Tasks").toString());

        List<String> source = about(lines, "s1");
        assertEquals(2, source.size(), "claimed and done, nothing else:\n" + String.join("\n", lines));
        assertEquals("INFO EventLog: claimed source s1 (attempt 1): https://www.youtube.com/@chan", source.get(0));
        assertTrue(source.get(1).matches("INFO EventLog: done source s1 after " + DURATION
                + " \\(attempt 1\\): expanded into 2 videos, 2 new"), source.get(1));
        for (String id : List.of("v0000000001", "v0000000002")) {
            List<String> video = about(lines, id);
            assertEquals(2, video.size(), id + ": claimed and done, nothing else:\n" + String.join("\n", lines));
            assertEquals("INFO EventLog: claimed video " + id + " (attempt 1): https://youtu.be/" + id, video.get(0));
            assertTrue(video.get(1).matches("INFO EventLog: done video " + id + " after " + DURATION
                    + " \\(attempt 1\\): /downloads/" + id + "\\.mp4"), video.get(1));
        }
        assertNoIsoDurations(lines);
    }

    @Test
    void a_retry_and_a_dead_letter_say_the_attempt_how_long_it_ran_and_why() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            Engine a = agents.engine(sheet.port, "agent-a");
            a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.TRANSIENT, "HTTP Error 503"));
            a.tick();
            agents.clock.advance(Duration.ofMinutes(1));
            a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.FATAL, "Private video"));
            a.tick();
            lines = log.lines();
        }
        // The fake clock moves only by the settle delay (2s) between choosing a row and its result.
        assertEquals(List.of(
                "INFO EventLog: claimed video vid00000001 (attempt 1): https://youtu.be/vid00000001",
                "INFO EventLog: retry video vid00000001 after 2s (attempt 1 of 4): HTTP Error 503; next attempt in 1m",
                "INFO EventLog: claimed video vid00000001 (attempt 2): https://youtu.be/vid00000001",
                "INFO EventLog: dead-letter video vid00000001 after 2s (attempt 2): Private video"),
                about(lines, "vid00000001"));
        assertNoIsoDurations(lines);
    }

    @Test
    void a_short_backoff_is_not_rounded_away() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            Engine a = new Engine(agents.config(sheet.port, "agent-a").retryBackoff(Duration.ofMillis(1500)).build());
            a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.TRANSIENT, "timed out"));
            a.tick();
            lines = log.lines();
        }
        assertEquals("INFO EventLog: retry video vid00000001 after 2s (attempt 1 of 4): timed out; next attempt in 1.5s",
                about(lines, "vid00000001").get(1));
    }

    @Test
    void a_blocked_host_releases_the_task_in_one_line_and_warns_once_how_long_claims_pause() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            Engine a = agents.engine(sheet.port, "agent-a");
            a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.HOST_BLOCKED, "Sign in to confirm you're "
                    + "not a bot"));
            a.tick();
            lines = log.lines();
        }
        assertEquals(List.of(
                "INFO EventLog: claimed video vid00000001 (attempt 1): https://youtu.be/vid00000001",
                "INFO EventLog: released video vid00000001 after 2s (attempt 1): Sign in to confirm you're not a bot"),
                about(lines, "vid00000001"));
        assertEquals(List.of("WARN Engine: host blocked (Sign in to confirm you're not a bot); pausing claims for 2m "
                + "(until 2026-11-21T08:02:02Z)"), about(lines, "pausing"));
    }

    @Test
    void a_lost_claim_is_one_warning_not_two() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            Engine a = agents.engine(sheet.port, "agent-a");
            agents.claimOne(a);
            sheet.edit("Video Tasks", "vid00000001", "Status", "pending");
            a.tick();
            lines = log.lines();
        }
        assertEquals(List.of(
                "INFO EventLog: claimed video vid00000001 (attempt 1): https://youtu.be/vid00000001",
                "WARN EventLog: lost-claim video vid00000001 after 2s (attempt 1): Status set to 'pending' by a "
                        + "person; its result will not be recorded"),
                about(lines, "vid00000001"));
    }

    @Test
    void a_stalled_claim_taken_over_is_one_retry_line_saying_why() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            Engine dead = agents.engine(sheet.port, "agent-dead");
            agents.claimOne(dead); // then agent-dead is killed: it never ticks again
            agents.clock.advance(Duration.ofMinutes(6));
            Engine b = agents.engine(sheet.port, "agent-b");
            agents.claimAndSettle(b);
            b.tick();
            b.tick();
            assertEquals(1, sheet.video("vid00000001").retryCount(), "taken over through the retry policy");
            lines = log.lines();
        }
        List<String> stalled = about(lines, "vid00000001");
        assertEquals(2, stalled.size(), "the dead agent's claim, then the takeover:\n" + String.join("\n", lines));
        // No "after": the takeover's own few seconds say nothing about the task.
        assertTrue(stalled.get(1).matches("INFO EventLog: retry video vid00000001 \\(attempt 1 of 4\\): "
                + "stalled: lease of agent-dead last renewed \\S+, older than 5m; next attempt in 1m"), stalled.get(1));
        assertNoIsoDurations(lines);
    }

    @Test
    void steps_between_events_stay_out_of_the_info_log() {
        assertEquals(org.slf4j.event.Level.DEBUG, EventLog.level(TaskEvent.Type.PROCESSED));
        assertEquals(org.slf4j.event.Level.DEBUG, EventLog.level(TaskEvent.Type.RESTORED));
        for (TaskEvent.Type t : List.of(TaskEvent.Type.CLAIMED, TaskEvent.Type.DONE, TaskEvent.Type.RETRY,
                TaskEvent.Type.DEAD_LETTER, TaskEvent.Type.RELEASED)) {
            assertEquals(org.slf4j.event.Level.INFO, EventLog.level(t), t.label());
        }
        assertEquals(org.slf4j.event.Level.WARN, EventLog.level(TaskEvent.Type.LOST_CLAIM));
    }

    private static List<String> about(List<String> lines, String id) {
        return lines.stream().filter(l -> l.contains(id)).toList();
    }

    private static void assertNoIsoDurations(List<String> lines) {
        assertFalse(lines.stream().anyMatch(l -> l.matches(".*\\bPT\\d.*")), String.join("\n", lines));
    }
}
