package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequeueCommandTest {
    @TempDir
    Path dir;

    private LocalSheet deadLetters() {
        return LocalSheet.prepared(dir)
                .add(LocalSheet.T.videos(), "ID", "a", "SourceID", "S1", "Status", "done")
                .add(LocalSheet.T.videos(), "ID", "b", "SourceID", "S1", "Status", "error", "RetryCount", "3",
                        "LastError", "HTTP Error 500")
                .add(LocalSheet.T.deadVideos(), "ID", "b", "SourceID", "S1", "Status", "error", "RetryCount", "3");
    }

    @Test
    void requeue_prints_exactly_what_it_moved() {
        LocalSheet s = deadLetters();

        Cli r = Cli.run("requeue", "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertEquals("""
                requeued video b: 'Video Tasks' row 3: error -> pending, RetryCount 3 -> 0; cleared the dead-letter copy at 'Dead-Letter Tasks' row 2
                Requeued 1 video and 0 sources.
                """, r.out);
        assertEquals("pending", s.find(LocalSheet.T.videos(), "b").orElseThrow().get("Status"));
        assertTrue(s.find(LocalSheet.T.deadVideos(), "b").isEmpty());
    }

    @Test
    void a_dry_run_says_what_would_move_and_leaves_the_sheet_alone() {
        LocalSheet s = deadLetters();

        Cli r = Cli.run("requeue", "--dry-run", "--kind", "video", "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertEquals("would requeue video b: 'Video Tasks' row 3: error -> pending, RetryCount 3 -> 0; would clear the "
                + "dead-letter copy at 'Dead-Letter Tasks' row 2\n", r.out.lines().findFirst().orElse("") + "\n", r.out);
        assertFalse(r.out.contains("cleared") || r.out.contains("appended"), "a dry run speaks in the conditional");
        assertTrue(r.out.endsWith("Dry run: would requeue 1 video and 0 sources; nothing was written.\n"), r.out);
        assertEquals("error", s.find(LocalSheet.T.videos(), "b").orElseThrow().get("Status"));
        assertTrue(s.find(LocalSheet.T.deadVideos(), "b").isPresent());
    }

    @Test
    void a_dry_run_of_a_dead_letter_whose_row_is_gone_says_it_would_be_appended() {
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.deadVideos(), "ID", "gone", "SourceID", "S1", "Status", "error", "RetryCount", "3");

        Cli r = Cli.run("requeue", "--dry-run", "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.startsWith("would requeue video gone: would be appended to 'Video Tasks' as pending (its row "
                + "there was gone); would clear the dead-letter copy at 'Dead-Letter Tasks' row 2\n"), r.out);
        assertTrue(s.find(LocalSheet.T.videos(), "gone").isEmpty(), "nothing written");
    }

    @Test
    void an_id_that_is_not_dead_lettered_is_reported_and_fails_the_command() {
        LocalSheet s = deadLetters();

        Cli r = Cli.run("requeue", "a", "nope", "--local", s.local());

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("Nothing dead-lettered to requeue.\n", r.out);
        assertEquals("ytdc: not dead-lettered, or no such ID: a, nope\n", r.err);
    }

    @Test
    void stalled_rows_are_requeued_under_the_given_stall_timeout() {
        String twentyMinutesAgo = Timestamps.format(Instant.now().minusSeconds(1200));
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.videos(), "ID", "s", "Status", "in-progress", "ClaimedBy", "gone", "HeartbeatAt",
                        twentyMinutesAgo);

        Cli patient = Cli.run("requeue", "--stalled", "--stall-timeout", "30m", "--local", s.local());
        Cli strict = Cli.run("requeue", "--stalled", "--stall-timeout", "15m", "--local", s.local());

        assertEquals("Nothing stalled to requeue.\n", patient.out, patient.toString());
        assertTrue(strict.out.startsWith("requeued video s: 'Video Tasks' row 2: in-progress -> pending (held by gone, "
                + "lease renewed 20m ago)"), strict.toString());
        assertEquals("pending", s.find(LocalSheet.T.videos(), "s").orElseThrow().get("Status"));
    }

    @Test
    void bad_options_are_refused_with_a_clear_message() {
        LocalSheet s = deadLetters();

        Cli kind = Cli.run("requeue", "--kind", "playlist", "--local", s.local());
        Cli timeout = Cli.run("requeue", "--stall-timeout", "5m", "--local", s.local());

        assertEquals(1, kind.exitCode);
        assertEquals("ytdc: --kind must be 'video' or 'source', not 'playlist' (see 'ytdc requeue --help')\n", kind.err);
        assertEquals(1, timeout.exitCode);
        assertEquals("ytdc: --stall-timeout only applies with --stalled (see 'ytdc requeue --help')\n", timeout.err);
    }
}
