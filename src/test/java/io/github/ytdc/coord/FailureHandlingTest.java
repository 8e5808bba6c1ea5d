package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.Sheet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries through NotBefore, dead-letter (G5: never deleting), fatal and host-blocked failures, the journal. */
class FailureHandlingTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    @Test
    void a_transient_failure_retries_only_after_the_backoff_in_NotBefore() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.TRANSIENT, "HTTP Error 503"));
        a.tick();
        WorkRow row = sheet.video("vid00000001");
        assertEquals("pending", row.get("Status"));
        assertEquals(1, row.retryCount());
        assertEquals("HTTP Error 503", row.get("LastError"));
        assertEquals(Timestamps.format(agents.clock.instant().plus(Duration.ofMinutes(1))), row.get("NotBefore"));
        agents.clock.advance(Duration.ofSeconds(30));
        agents.claimAndSettle(a);
        a.tick();
        assertTrue(a.pollClaim().isEmpty(), "claimed during its backoff");
        assertFalse(a.isIdle(), "a row waiting out a backoff is still work");
        agents.clock.advance(Duration.ofSeconds(30));
        Claim second = agents.claimOne(a);
        assertEquals(2, second.task().attempt());
    }

    @Test
    void backoff_doubles_per_retry_and_is_capped() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 0);
        var r = new java.util.SplittableRandom(1);
        assertEquals(Duration.ofMinutes(1), p.backoff(1, r));
        assertEquals(Duration.ofMinutes(2), p.backoff(2, r));
        assertEquals(Duration.ofMinutes(4), p.backoff(3, r));
        assertEquals(Duration.ofMinutes(5), p.backoff(4, r));
        assertEquals(Duration.ofMinutes(5), p.backoff(60, r));
    }

    @Test
    void a_row_is_dead_lettered_after_max_retries_and_kept_in_place_as_error() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = new Engine(agents.config(sheet.port, "agent-a").maxRetries(1).build());
        a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.TRANSIENT, "first"));
        a.tick();
        agents.clock.advance(Duration.ofMinutes(2));
        a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.TRANSIENT, "second"));
        a.tick();
        WorkRow row = sheet.video("vid00000001");
        assertEquals("error", row.get("Status"));
        assertEquals(2, row.retryCount());
        List<WorkRow> dead = sheet.rows("Dead-Letter Tasks");
        assertEquals(1, dead.size());
        assertEquals("vid00000001", dead.get(0).id());
        assertEquals("second", dead.get(0).get("LastError"));
        assertEquals("https://youtu.be/vid00000001", dead.get(0).url());
        assertEquals(1, sheet.rows("Video Tasks").size(), "work rows are never deleted");
    }

    @Test
    void a_fatal_failure_dead_letters_at_once_and_a_copy_already_there_is_not_duplicated() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.add("Dead-Letter Tasks", java.util.Map.of("ID", "vid00000001", "Status", "error"));
        Engine a = agents.engine(sheet.port, "agent-a");
        a.complete(agents.claimOne(a), new Outcome.Failed(FailureClass.FATAL, "Private video"));
        a.tick();
        assertEquals("error", sheet.video("vid00000001").get("Status"));
        assertEquals(0, sheet.video("vid00000001").retryCount());
        assertEquals(1, sheet.rows("Dead-Letter Tasks").size());
    }

    @Test
    void host_blocked_releases_without_counting_a_retry_and_opens_the_breaker() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        Engine a = agents.engine(sheet.port, "agent-a");
        Claim c = agents.claimOne(a);
        a.complete(c, new Outcome.Failed(FailureClass.HOST_BLOCKED, "Sign in to confirm you're not a bot"));
        a.tick();
        WorkRow row = sheet.video(c.id());
        assertEquals("pending", row.get("Status"));
        assertEquals(0, row.retryCount());
        assertTrue(a.breakerState().open());
        agents.settle();
        agents.claimAndSettle(a);
        a.tick();
        assertTrue(a.pollClaim().isEmpty(), "no claims while the breaker is open");
        agents.clock.advance(CoordinatorConfig.DEFAULT_BREAKER_COOLDOWN);
        assertFalse(a.breakerState().open());
        Claim again = agents.claimOne(a);
        a.complete(again, new Outcome.Failed(FailureClass.HOST_BLOCKED, "429"));
        assertEquals(CoordinatorConfig.DEFAULT_BREAKER_COOLDOWN.multipliedBy(2), a.breakerState().cooldown(),
                "the cooldown grows while blocks repeat");
    }

    @Test
    void the_journal_records_each_event_as_one_json_line(@TempDir Path dir) throws Exception {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Path journal = dir.resolve("journal.jsonl");
        Engine a = new Engine(agents.config(sheet.port, "agent-a").journal(journal).build());
        a.complete(agents.claimOne(a), Outcome.done("x"));
        a.tick();
        List<String> lines = Files.readAllLines(journal);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"event\":\"claimed\"") && lines.get(0).contains("\"kind\":\"video\"")
                && lines.get(0).contains("\"id\":\"vid00000001\"") && lines.get(0).contains("\"worker\":\"agent-a\"")
                && lines.get(0).contains("\"attempt\":1"), lines.get(0));
        assertTrue(lines.get(0).contains("\"elapsed_ms\":" + agents.settleDelay().toMillis()),
                "a claim's latency is its settle delay on a clock that only the settle advanced: " + lines.get(0));
        assertTrue(lines.get(1).contains("\"event\":\"processed\""));
        assertTrue(lines.get(2).contains("\"event\":\"done\""));
    }

    @Test
    void config_rejects_a_stall_timeout_shorter_than_four_heartbeats() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> agents.config(sheet.port, "x").heartbeat(Duration.ofMinutes(1))
                        .stallTimeout(Duration.ofMinutes(3)).build());
        assertTrue(e.getMessage().contains("4 x heartbeat"), e.getMessage());
    }
}
