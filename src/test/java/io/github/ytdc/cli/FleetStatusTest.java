package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.coord.Timestamps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ytdc status} tells the truth about the fleet and its progress, as a person reading it needs. */
class FleetStatusTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @TempDir
    Path dir;

    private static String ago(Duration d) {
        return Timestamps.format(NOW.minus(d));
    }

    private static Cli status(LocalSheet s, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "status";
        System.arraycopy(more, 0, args, 1, more.length);
        args[more.length + 1] = "--local";
        args[more.length + 2] = s.local();
        return Cli.run(cl -> ((StatusCommand) Cli.command(cl, "status")).clock = Clock.fixed(NOW, ZoneOffset.UTC), args);
    }

    private static String line(Cli r, String start) {
        return r.out.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in\n" + r.out));
    }

    private LocalSheet fleet() {
        String w = LocalSheet.T.workers();
        String v = LocalSheet.T.videos();
        return LocalSheet.prepared(dir)
                .add(LocalSheet.T.sources(), "ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done")
                .add(w, "Worker", "alive", "Host", "a", "Status", "running", "LastSeen", ago(Duration.ofSeconds(5)),
                        "Current", "video a1 (running 42%, 1.2M/s, 1m30s left)", "Done", "3", "Failed", "0",
                        "Heartbeat", "1m", "StallTimeout", "10m")
                .add(v, "ID", "a1", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "alive", "HeartbeatAt",
                        ago(Duration.ofSeconds(40)))
                // killed with -9 while holding k1: its row still says idle, 23 minutes ago
                .add(w, "Worker", "killed", "Host", "b", "Status", "idle", "LastSeen", ago(Duration.ofMinutes(23)),
                        "Done", "7", "Failed", "1", "Heartbeat", "1m", "StallTimeout", "10m")
                .add(v, "ID", "k1", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "killed", "HeartbeatAt",
                        ago(Duration.ofMinutes(23)))
                // its row was written idle before its claim of q1 went out
                .add(w, "Worker", "quiet", "Host", "c", "Status", "idle", "LastSeen", ago(Duration.ofSeconds(20)),
                        "StallTimeout", "10m")
                .add(v, "ID", "q1", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "quiet", "HeartbeatAt",
                        ago(Duration.ofSeconds(20)))
                .add(w, "Worker", "full", "Host", "d", "Status", "paused: only 2.0G free in /srv (minimum 5G)",
                        "LastSeen", ago(Duration.ofSeconds(30)), "StallTimeout", "10m")
                .add(w, "Worker", "home", "Host", "e", "Status", "stopped", "LastSeen", ago(Duration.ofHours(2)))
                .add(w, "Worker", "last-week", "Host", "f", "Status", "stopped", "LastSeen", ago(Duration.ofDays(3)))
                .add(w, "Worker", "long-dead", "Host", "g", "Status", "running", "LastSeen", ago(Duration.ofDays(5)));
    }

    @Test
    void each_worker_state_is_judged_from_its_lease_and_heartbeat_not_copied_from_its_status_cell() {
        Cli r = status(fleet());

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Workers (5): 2 running, 1 paused, 1 stopped, 1 dead\n"), r.out);
        assertTrue(line(r, "  alive").matches("  alive\\s+a\\s+running\\s+5s ago\\s+3\\s+0\\s+"
                + "video a1 \\(running 42%, 1\\.2M/s, 1m30s left\\)"), r.out);
        assertTrue(line(r, "  killed").matches("  killed\\s+b\\s+dead \\(silent 23m > stall timeout 10m\\)\\s+23m ago"
                + "\\s+7\\s+1\\s+left video:k1 to other agents"), r.out);
        assertTrue(line(r, "  quiet").matches("  quiet\\s+c\\s+running\\s+20s ago\\s+-\\s+-\\s+video:q1"), r.out);
        assertTrue(line(r, "  full").contains("paused (only 2.0G free in /srv (minimum 5G))"), r.out);
        assertTrue(line(r, "  home").matches("  home\\s+e\\s+stopped\\s+2h ago.*"), r.out);
        assertTrue(r.out.contains("  + 2 stopped or dead for over 1d, not listed (new agents take over their rows; "
                + "--json lists them)\n"), r.out);
        assertFalse(r.out.contains("last-week") || r.out.contains("long-dead"), r.out);
    }

    @Test
    void json_gives_every_worker_its_state_and_what_it_was_judged_by() throws Exception {
        Cli r = status(fleet(), "--json");

        assertEquals(0, r.exitCode, r.toString());
        JsonNode workers = new ObjectMapper().readTree(r.out).get("workers");
        assertEquals(7, workers.size(), "aged-out workers are left out of the text only");
        JsonNode killed = workers.get(1);
        assertEquals("killed", killed.get("name").asText());
        assertEquals("idle", killed.get("status").asText(), "the cell as written");
        assertEquals("dead", killed.get("state").asText());
        assertEquals(600, killed.get("stallTimeoutSeconds").asInt());
        assertEquals(60, killed.get("heartbeatSeconds").asInt());
        assertEquals("running", workers.get(2).get("state").asText());
        assertEquals("only 2.0G free in /srv (minimum 5G)", workers.get(3).get("reason").asText());
    }

    /** "restarted" under the same name by a version that appended a second row; "quit" stopped but kept a claim. */
    private LocalSheet restartedAndQuit() {
        String w = LocalSheet.T.workers();
        String v = LocalSheet.T.videos();
        return LocalSheet.prepared(dir)
                .add(w, "Worker", "restarted", "Host", "a", "Status", "idle", "LastSeen", ago(Duration.ofHours(2)),
                        "Done", "40", "Failed", "3", "StallTimeout", "10m")
                .add(w, "Worker", "quit", "Host", "b", "Status", "stopped", "LastSeen", ago(Duration.ofMinutes(1)),
                        "Done", "5", "Failed", "0", "StallTimeout", "10m")
                .add(w, "Worker", "restarted", "Host", "a", "Status", "running", "LastSeen", ago(Duration.ofSeconds(3)),
                        "Done", "2", "Failed", "0", "StallTimeout", "10m",
                        "Current", "video r1 (running 7%, 512K/s, 4m left)")
                .add(v, "ID", "r1", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "restarted",
                        "HeartbeatAt", ago(Duration.ofSeconds(3)))
                // its release write failed at shutdown: the lease runs out and another agent takes the row over
                .add(v, "ID", "r2", "SourceID", "S1", "Status", "in-progress", "ClaimedBy", "quit",
                        "HeartbeatAt", ago(Duration.ofMinutes(1)))
                // its circuit breaker is open: nothing held, but its row is refreshed every heartbeat
                .add(w, "Worker", "blocked", "Host", "c", "Status", "paused until 2026-11-21T08:30:00Z (2 host "
                        + "failure(s) in a row): [youtube] x1: Sign in to confirm you're not a bot. Use "
                        + "--cookies-from-browser or --cookies for the authentication. See https://github.com/yt-dlp/"
                        + "yt-dlp/wiki/FAQ#how-do-i-pass-cookies-to-yt-dlp", "LastSeen", ago(Duration.ofSeconds(40)),
                        "StallTimeout", "10m");
    }

    @Test
    void a_restarted_worker_shows_its_current_run_and_a_stopped_one_what_it_left() throws Exception {
        LocalSheet sheet = restartedAndQuit();
        Cli r = status(sheet);

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Workers (3): 1 running, 1 paused, 1 stopped\n"), r.out);
        assertTrue(line(r, "  blocked").matches("  blocked\\s+c\\s+paused \\(until 2026-11-21T08:30:00Z \\(2 host "
                + "failure\\(s\\) in a row\\): \\[youtube\\] x1: Sign in to confirm you're \\.\\.\\.\\)"
                + "\\s+40s ago\\s+-\\s+-\\s*"), r.out);
        assertTrue(line(r, "  restarted").matches("  restarted\\s+a\\s+running\\s+3s ago\\s+2\\s+0\\s+"
                + "video r1 \\(running 7%, 512K/s, 4m left\\)"), r.out);
        assertTrue(line(r, "  quit").matches("  quit\\s+b\\s+stopped\\s+1m ago\\s+5\\s+0\\s+"
                + "left video:r2 to other agents"), r.out);
        assertTrue(r.out.contains("'Workers' row 2 (restarted): worker 'restarted' is listed more than once; row 4 "
                + "(seen last) is shown"), r.out);

        JsonNode workers = new ObjectMapper().readTree(status(sheet, "--json").out).get("workers");
        assertEquals(3, workers.size());
        assertTrue(workers.get(2).get("reason").asText().startsWith("until 2026-11-21T08:30:00Z (2 host failure(s) in "
                + "a row): [youtube] x1: Sign in"), workers.get(2).toString());
        assertTrue(workers.get(2).get("reason").asText().endsWith("#how-do-i-pass-cookies-to-yt-dlp"), "in full");
        JsonNode download = workers.get(0).at("/tasks/0");
        assertEquals("r1", download.get("id").asText());
        assertEquals(7, download.get("percent").asInt());
        assertEquals(512 * 1024, download.get("bytesPerSecond").asLong());
        assertEquals(240, download.get("etaSeconds").asLong());
        assertEquals(0, workers.get(1).get("tasks").size(), "a stopped agent runs nothing");
    }

    @Test
    void the_eta_is_never_earlier_than_the_end_of_a_retry_backoff() {
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.sources(), "ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done")
                .add(LocalSheet.T.videos(), "ID", "d1", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofSeconds(20)))
                .add(LocalSheet.T.videos(), "ID", "d2", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofSeconds(10)))
                .add(LocalSheet.T.videos(), "ID", "p1", "SourceID", "S1", "Status", "pending", "RetryCount", "1",
                        "NotBefore", Timestamps.format(NOW.plusSeconds(60)))
                .add(LocalSheet.T.workers(), "Worker", "w", "Status", "idle", "LastSeen", ago(Duration.ofSeconds(3)));

        Cli r = status(s);

        assertEquals(0, r.exitCode, r.toString());
        // Two done in the last 20 s: 360/h, so one more would take 10 s, but it may not start for a minute.
        assertTrue(line(r, "Videos").endsWith("2 done, 1 pending (1 in retry backoff until 2026-11-21T08:01:00Z), "
                + "0 running, 0 error, 360/h, ETA ~1m"), r.out);
        assertTrue(line(r, "  S1").matches("  S1 .* 2/3\\s+1 \\(1 in backoff\\)\\s+0\\s+0\\s+360/h\\s+~1m\\s+listed.*"),
                r.out);
    }

    @Test
    void the_rate_counts_from_when_the_first_completions_began_not_from_their_burst() {
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.workers(), "Worker", "w", "Status", "running", "LastSeen", ago(Duration.ofSeconds(1)));
        // Four slots started a minute ago and finished within two seconds of each other; eight videos are left.
        for (int i = 1; i <= 4; i++) {
            s.add(LocalSheet.T.videos(), "ID", "d" + i, "SourceID", "S1", "Status", "done", "ClaimedAt",
                    ago(Duration.ofSeconds(62)), "DoneAt", ago(Duration.ofSeconds(2 + i % 2)));
        }
        for (int i = 1; i <= 8; i++) {
            s.add(LocalSheet.T.videos(), "ID", "p" + i, "SourceID", "S1", "Status", "pending");
        }

        Cli r = status(s);

        // 4 in the 62 s since they began: about 232/h, so 8 more take about 2 minutes, not 4 seconds.
        assertTrue(line(r, "Videos").endsWith("232/h, ETA ~2m"), r.out);
    }

    @Test
    void a_source_with_nothing_left_shows_no_decaying_rate_and_is_done_not_ended() {
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.sources(), "ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done")
                .add(LocalSheet.T.sources(), "ID", "S2", "URL", "https://www.youtube.com/@two", "Status", "done")
                .add(LocalSheet.T.videos(), "ID", "a", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(40)))
                .add(LocalSheet.T.videos(), "ID", "b", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(30)))
                .add(LocalSheet.T.videos(), "ID", "c", "SourceID", "S1", "Status", "error", "LastError", "Private video")
                .add(LocalSheet.T.videos(), "ID", "d", "SourceID", "S2", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(20)))
                .add(LocalSheet.T.videos(), "ID", "e", "SourceID", "S2", "Status", "pending");

        Cli r = status(s);

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(line(r, "  S1").matches("  S1 .* 2/3\\s+0\\s+0\\s+1\\s+-\\s+done\\s+listed.*"), r.out);
        assertFalse(r.out.contains("ended"), r.out);
        assertTrue(line(r, "Videos").endsWith("3 done, 1 pending, 0 running, 1 error, no agent running"), r.out);
    }

    @Test
    void with_every_agent_dead_there_is_a_rate_but_no_eta_for_what_is_left() throws Exception {
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.sources(), "ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done")
                .add(LocalSheet.T.videos(), "ID", "d1", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(30)))
                .add(LocalSheet.T.videos(), "ID", "d2", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(25)))
                .add(LocalSheet.T.videos(), "ID", "p1", "SourceID", "S1", "Status", "pending")
                .add(LocalSheet.T.workers(), "Worker", "killed", "Status", "running", "LastSeen",
                        ago(Duration.ofMinutes(25)), "StallTimeout", "10m");

        Cli r = status(s);

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(line(r, "Videos").endsWith("2 done, 1 pending, 0 running, 0 error, no agent running"), r.out);
        assertTrue(line(r, "  S1").matches("  S1 .* 2/3\\s+1\\s+0\\s+0\\s+4\\.0/h\\s+-\\s+listed.*"), r.out);
        JsonNode j = new ObjectMapper().readTree(status(s, "--json").out);
        assertTrue(j.at("/totals/etaSeconds").isNull(), j.toString());
        assertTrue(j.at("/sources/0/etaSeconds").isNull(), j.toString());
        assertEquals(4.0, j.at("/sources/0/videosPerHour").asDouble(), "the rate is still what it was");

        s.add(LocalSheet.T.workers(), "Worker", "alive", "Status", "idle", "LastSeen", ago(Duration.ofSeconds(5)));
        assertTrue(line(status(s), "  S1").matches("  S1 .* 4\\.0/h\\s+~15m\\s+listed.*"), "an agent is back");
    }

    @Test
    void a_queue_with_nothing_left_is_all_done_even_with_dead_letters() {
        LocalSheet s = LocalSheet.prepared(dir)
                .add(LocalSheet.T.videos(), "ID", "a", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(4)))
                .add(LocalSheet.T.videos(), "ID", "b", "SourceID", "S1", "Status", "done", "DoneAt",
                        ago(Duration.ofMinutes(2)))
                .add(LocalSheet.T.videos(), "ID", "c", "SourceID", "S1", "Status", "error");

        Cli r = status(s);

        assertTrue(line(r, "Videos").endsWith("2 done, 0 pending, 0 running, 1 error, all done"), r.out);
    }
}
