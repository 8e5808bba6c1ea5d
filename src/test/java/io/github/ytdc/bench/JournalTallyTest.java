package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.TaskEvent.Type;
import io.github.ytdc.coord.TaskKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting a fleet's journals. The lines are written here in the journal's format (one JSON object per line; pinned on
 * the writer's side by {@code coord.JournalTest}), since the agents' own writer is internal to the coordinator.
 */
class JournalTallyTest {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One journal line, as the coordinator's journal writes it. */
    private static String line(TaskEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("at", e.at().toString());
        o.put("event", e.type().label());
        o.put("worker", e.worker());
        o.put("kind", e.kind().label());
        o.put("id", e.id());
        o.put("attempt", e.attempt());
        if (!e.elapsed().isZero()) {
            o.put("elapsed_ms", e.elapsed().toMillis());
        }
        return o.toString();
    }

    private Path journal(String worker, TaskEvent... events) {
        Path p = dir.resolve(worker + ".jsonl");
        StringBuilder lines = new StringBuilder();
        for (TaskEvent e : events) {
            lines.append(line(e)).append('\n');
        }
        try {
            Files.writeString(p, lines, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return p;
    }

    private static TaskEvent video(String worker, Type type, String id) {
        return new TaskEvent(AT, worker, type, TaskKind.VIDEO, id, 1, "", Duration.ZERO);
    }

    private static TaskEvent claimed(String worker, String id, long millis) {
        return new TaskEvent(AT, worker, Type.CLAIMED, TaskKind.VIDEO, id, 1, "", Duration.ofMillis(millis));
    }

    @Test
    void a_video_done_by_two_agents_is_completed_twice_and_processed_twice() {
        Path a = journal("a", claimed("a", "v1", 300), video("a", Type.PROCESSED, "v1"), video("a", Type.DONE, "v1"),
                claimed("a", "v2", 310), video("a", Type.PROCESSED, "v2"), video("a", Type.DONE, "v2"));
        Path b = journal("b", claimed("b", "v1", 320), video("b", Type.PROCESSED, "v1"), video("b", Type.DONE, "v1"));

        JournalTally t = JournalTally.read(List.of(a, b));

        assertEquals(Map.of("v1", 2), t.completedTwice());
        assertEquals(Map.of("v1", 2), t.processedTwice());
        assertEquals(3, t.count(Type.DONE));
        assertEquals(Map.of("v1", 2, "v2", 1), t.perVideo(Type.DONE));
        assertEquals(Set.of("v1", "v2"), t.finished());
    }

    @Test
    void a_rerun_after_a_lost_claim_is_processed_twice_but_completed_once() {
        Path a = journal("a", claimed("a", "v1", 300), video("a", Type.PROCESSED, "v1"),
                video("a", Type.LOST_CLAIM, "v1"));
        Path b = journal("b", claimed("b", "v1", 300), video("b", Type.PROCESSED, "v1"), video("b", Type.DONE, "v1"));

        JournalTally t = JournalTally.read(List.of(a, b));

        assertEquals(Map.of(), t.completedTwice());
        assertEquals(Map.of("v1", 2), t.processedTwice());
        assertEquals(1, t.failedAttempts());
    }

    @Test
    void finished_is_done_and_dead_lettered_together_and_failed_attempts_count_retries_dead_letters_and_lost_claims() {
        Path a = journal("a", video("a", Type.DONE, "v1"), video("a", Type.RETRY, "v2"),
                video("a", Type.DEAD_LETTER, "v2"), video("a", Type.RETRY, "v3"), video("a", Type.LOST_CLAIM, "v4"),
                video("a", Type.RELEASED, "v5"));

        JournalTally t = JournalTally.read(List.of(a));

        assertEquals(Set.of("v1", "v2"), t.finished());
        assertEquals(4, t.failedAttempts(), "2 retries, 1 dead-letter, 1 lost claim; a release is no failure");
        assertEquals(1, t.count(Type.RELEASED));
    }

    @Test
    void source_events_are_not_counted() {
        Path a = journal("a",
                new TaskEvent(AT, "a", Type.CLAIMED, TaskKind.SOURCE, "s1", 1, "", Duration.ofMillis(900)),
                new TaskEvent(AT, "a", Type.DONE, TaskKind.SOURCE, "s1", 1, "", Duration.ZERO),
                new TaskEvent(AT, "a", Type.DONE, TaskKind.SOURCE, "s1", 1, "", Duration.ZERO),
                video("a", Type.DONE, "v1"));

        JournalTally t = JournalTally.read(List.of(a));

        assertEquals(Set.of("v1"), t.finished());
        assertEquals(Map.of(), t.completedTwice());
        assertEquals(0, t.count(Type.CLAIMED));
        assertEquals(List.of(), t.claimLatencies());
    }

    @Test
    void claim_latencies_come_from_each_claimed_events_elapsed_ms() {
        Path a = journal("a", claimed("a", "v1", 250), video("a", Type.DONE, "v1"), claimed("a", "v2", 1200));
        Path b = journal("b", claimed("b", "v3", 400));

        JournalTally t = JournalTally.read(List.of(a, b));

        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(1200), Duration.ofMillis(400)),
                t.claimLatencies());
        assertEquals(3, t.count(Type.CLAIMED));
    }

    @Test
    void a_torn_last_line_of_a_killed_agent_is_counted_and_the_lines_before_it_still_are() throws IOException {
        Path a = journal("a", claimed("a", "v1", 300), video("a", Type.DONE, "v1"));
        String half = line(video("a", Type.DONE, "v2"));
        Files.writeString(a, half.substring(0, half.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        JournalTally t = JournalTally.read(List.of(a));

        assertEquals(1, t.tornLines());
        assertEquals(Set.of("v1"), t.finished());
        assertEquals(1, t.count(Type.CLAIMED));
    }

    @Test
    void a_journal_that_does_not_exist_yet_counts_as_empty() {
        Path a = journal("a", video("a", Type.DONE, "v1"));

        JournalTally t = JournalTally.read(List.of(a, dir.resolve("not-started.jsonl")));

        assertEquals(Set.of("v1"), t.finished());
        assertEquals(0, t.tornLines());
        assertEquals(0, JournalTally.read(List.of(dir.resolve("none.jsonl"))).count(Type.DONE));
    }

    private static TaskEvent at(long second, String worker, Type type, String id) {
        return new TaskEvent(AT.plusSeconds(second), worker, type, TaskKind.VIDEO, id, 1, "", Duration.ZERO);
    }

    @Test
    void runs_of_one_video_by_two_agents_that_overlap_in_time_are_counted() {
        Path a = journal("a", at(0, "a", Type.CLAIMED, "v1"), at(10, "a", Type.PROCESSED, "v1"),
                at(20, "a", Type.CLAIMED, "v2"), at(30, "a", Type.PROCESSED, "v2"));
        Path b = journal("b", at(5, "b", Type.CLAIMED, "v1"), at(8, "b", Type.LOST_CLAIM, "v1"),
                at(31, "b", Type.CLAIMED, "v2"), at(40, "b", Type.PROCESSED, "v2"));

        JournalTally t = JournalTally.read(List.of(a, b));

        assertEquals(Set.of("v1"), t.runByTwoLiveAgents(), "v2 ran twice, but one run after the other");
    }

    @Test
    void a_run_cut_by_a_kill_ends_at_the_kill() {
        // a was killed at second 3 while running v1 and restarted much later; b took v1 over at second 20.
        Path a = journal("a", at(0, "a", Type.CLAIMED, "v1"), at(60, "a", Type.CLAIMED, "v9"),
                at(61, "a", Type.PROCESSED, "v9"));
        Path b = journal("b", at(20, "b", Type.CLAIMED, "v1"), at(25, "b", Type.PROCESSED, "v1"));

        assertEquals(Set.of("v1"), JournalTally.read(List.of(a, b)).runByTwoLiveAgents(),
                "without the kill time the cut run lasts until the restarted agent's next line");
        assertEquals(Set.of(), JournalTally.read(List.of(a, b), Map.of("a", List.of(AT.plusSeconds(3))))
                .runByTwoLiveAgents());
    }

    @Test
    void a_run_cut_by_a_kill_ends_at_the_kill_even_when_a_later_life_of_the_agent_writes_about_the_video() {
        // a won v1 at 0 and was killed at 3; b ran v1 from 20 to 25; a's restart took v1 over at 28 and found it done.
        Path a = journal("a", at(0, "a", Type.CLAIMED, "v1"), at(30, "a", Type.RESTORED, "v1"));
        Path b = journal("b", at(20, "b", Type.CLAIMED, "v1"), at(25, "b", Type.DONE, "v1"));

        assertEquals(Set.of(), JournalTally.read(List.of(a, b), Map.of("a", List.of(AT.plusSeconds(3))))
                .runByTwoLiveAgents());
        assertEquals(Set.of("v1"), JournalTally.read(List.of(a, b), Map.of("a", List.of(AT.plusSeconds(26))))
                .runByTwoLiveAgents(), "killed only after b's run: both ran it at once");
    }
}
