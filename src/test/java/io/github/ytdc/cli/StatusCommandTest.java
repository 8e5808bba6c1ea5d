package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.coord.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @TempDir
    Path dir;

    private LocalSheet sheet() {
        return LocalSheet.prepared(dir)
                .add(LocalSheet.T.sources(), "ID", "S1", "URL", "https://www.youtube.com/@one", "Status", "done")
                .add(LocalSheet.T.videos(), "ID", "v1", "SourceID", "S1", "Status", "done", "DoneAt",
                        Timestamps.format(NOW.minusSeconds(600)))
                .add(LocalSheet.T.videos(), "ID", "v2", "SourceID", "S1", "Status", "pending")
                .add(LocalSheet.T.workers(), "Worker", "w1", "Host", "box", "Status", "running", "LastSeen",
                        Timestamps.format(NOW.minusSeconds(12)));
    }

    private static void fixedClock(picocli.CommandLine cl) {
        StatusCommand status = Cli.command(cl, "status");
        status.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    void status_prints_progress_workers_and_ages_of_a_local_sheet() {
        LocalSheet s = sheet();

        Cli r = Cli.run(StatusCommandTest::fixedClock, "status", "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("  S1      [##########..........]  50%   1/2        1"), r.out);
        assertTrue(r.out.contains("  w1      box   running  12s ago"), r.out);
        assertFalse(r.out.contains("\u001B["), "no colour when not a terminal");
    }

    @Test
    void status_json_is_one_parseable_document_for_scripts() throws Exception {
        LocalSheet s = sheet();

        Cli r = Cli.run(StatusCommandTest::fixedClock, "status", "--json", "--local", s.local());

        assertEquals(0, r.exitCode, r.toString());
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals(1, j.get("schema").asInt());
        assertEquals("local", j.get("spreadsheet").asText());
        assertEquals(1, j.at("/sources/0/videos/done").asInt());
        assertEquals(12, j.at("/workers/0/lastSeenSecondsAgo").asInt());
    }

    @Test
    void watch_refreshes_at_the_given_interval_and_defaults_to_ten_seconds() {
        LocalSheet s = sheet();
        List<Duration> slept = new ArrayList<>();

        Cli given = Cli.run(cl -> {
            fixedClock(cl);
            StatusCommand status = Cli.command(cl, "status");
            status.sleeper = slept::add;
            status.maxRefreshes = 3;
        }, "status", "--watch=5s", "--local", s.local());
        Cli byDefault = Cli.run(cl -> {
            StatusCommand status = Cli.command(cl, "status");
            status.sleeper = slept::add;
            status.maxRefreshes = 2;
        }, "status", "--watch", "--local", s.local());

        assertEquals(0, given.exitCode, given.toString());
        assertEquals(3, given.out.split("Spreadsheet local at ", -1).length - 1, given.out);
        assertEquals(0, byDefault.exitCode, byDefault.toString());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)), slept);
    }

    @Test
    void status_of_a_folder_without_a_spreadsheet_says_to_run_init_and_creates_nothing() {
        Path empty = dir.resolve("nothing-here");

        Cli r = Cli.run("status", "--local", empty.toString());

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("No local spreadsheet in") && r.err.contains("run 'ytdc init'"), r.err);
        assertFalse(Files.exists(empty), "no folder, spreadsheet or lock file left behind");
    }

    @Test
    void a_bad_watch_interval_is_refused_with_the_accepted_forms() {
        Cli r = Cli.run("status", "--watch=soon", "--local", sheet().local());

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("not a duration: 'soon'; use forms like 500ms, 30s, 10m, 2h"), r.err);
    }
}
