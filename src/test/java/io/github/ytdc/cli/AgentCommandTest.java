package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {
    @TempDir
    Path dir;

    private Path sheet() {
        return dir.resolve("sheet");
    }

    @Test
    @Timeout(60)
    void simulate_with_exit_when_idle_finishes_a_small_hand_edited_queue_and_marks_the_worker_stopped() throws IOException {
        assertEquals(0, Cli.run("init", "--local", sheet().toString()).exitCode);
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(sheet())) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rows.add(Map.of("ID", "vid" + i, "URL", "https://example.com/v/" + i, "Status", "pending"));
            }
            rows.add(Map.of("URL", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")); // a person added only a URL
            rows.add(Map.of("ID", "odd", "URL", "https://example.com/v/odd", "Status", "Pending "));
            rows.add(Map.of("ID", "old", "URL", "https://example.com/v/old", "Status", "DONE"));
            Sheet.appendTo(port, "Video Tasks", rows);
        }
        Path journal = dir.resolve("journal.jsonl");

        Cli run = Cli.run("agent", "--local", sheet().toString(), "--simulate=50ms", "--exit-when-idle",
                "--concurrency", "3", "--settle-delay", "100ms", "--heartbeat", "1s", "--stall-timeout", "4s",
                "--idle-poll", "200ms", "--worker-name", "test-agent", "--journal", journal.toString(), "-q");

        assertEquals(0, run.exitCode, run.toString());
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(sheet())) {
            List<WorkRow> videos = Sheet.rowsOf(port, "Video Tasks");
            assertEquals(13, videos.size());
            for (WorkRow v : videos) {
                assertEquals("done", v.get("Status").trim().toLowerCase(), v.toString());
            }
            assertEquals("dQw4w9WgXcQ", videos.get(10).id(), "the URL-only row got its video id");
            List<WorkRow> workers = Sheet.rowsOf(port, "Workers");
            assertEquals(1, workers.size());
            assertEquals("test-agent", workers.get(0).get("Worker"));
            assertEquals("stopped", workers.get(0).get("Status"));
            assertEquals("12", workers.get(0).get("Done"));
            assertEquals("", workers.get(0).get("Current"));
        }
        long processed = Files.readAllLines(journal).stream().filter(l -> l.contains("\"event\":\"processed\"")).count();
        assertEquals(12, processed);
    }

    @Test
    void a_stall_timeout_under_four_heartbeats_is_refused_before_anything_runs() {
        Cli run = Cli.run("agent", "--local", sheet().toString(), "--simulate", "--heartbeat", "1m",
                "--stall-timeout", "3m");

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("--stall-timeout 3m must be at least 4 x --heartbeat 1m (4m)"), run.toString());
        assertTrue(!Files.exists(sheet()), "nothing was opened");
    }

    @Test
    void a_quota_user_without_an_endpoint_or_credentials_is_refused_before_anything_runs() {
        Cli run = Cli.run("agent", "--local", sheet().toString(), "--simulate", "--quota-user", "agent-7");

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("--quota-user needs --endpoint or --credentials"), run.toString());
        assertTrue(!Files.exists(sheet()), "nothing was opened");
    }

    @Test
    void a_project_quota_without_an_endpoint_or_credentials_is_refused_before_anything_runs() {
        Cli run = Cli.run("agent", "--local", sheet().toString(), "--simulate", "--project-quota", "600:600");

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("--project-quota needs --endpoint or --credentials"), run.toString());
        assertTrue(!Files.exists(sheet()), "nothing was opened");
    }

    @Test
    void a_malformed_project_quota_names_the_option_and_the_expected_form() {
        for (String bad : List.of("600", "600:0", "a:b", "600:600:600", ":300")) {
            Cli run = Cli.run("agent", "--endpoint", "http://127.0.0.1:9/", "--spreadsheet", "s", "--simulate",
                    "--project-quota", bad);

            assertEquals(1, run.exitCode, bad + ": " + run);
            assertTrue(run.err.contains("--project-quota " + bad + ": expected READS:WRITES per minute"),
                    bad + ": " + run);
        }
    }

    @Test
    void a_project_quota_is_read_as_reads_and_writes_per_minute() {
        assertArrayEquals(new int[] {600, 450}, AgentCommand.parseProjectQuota("600:450"));
        assertArrayEquals(new int[] {300, 300}, AgentCommand.parseProjectQuota(" 300 : 300 "));
    }

    @Test
    void a_bad_simulate_range_names_the_option() {
        Cli run = Cli.run("agent", "--local", sheet().toString(), "--simulate=3s..1s");

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("--simulate 3s..1s: a simulated task time needs 0 <= MIN <= MAX"), run.toString());
    }

    @Test
    void a_missing_yt_dlp_is_refused_unless_simulating() {
        assertEquals(0, Cli.run("init", "--local", sheet().toString()).exitCode); // tools are checked once the sheet is
        Cli run = Cli.run("agent", "--local", sheet().toString(), "--yt-dlp", dir.resolve("no-yt-dlp").toString(),
                "--output", dir.resolve("out").toString());

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("yt-dlp is not usable: yt-dlp given by --yt-dlp is not an executable file"),
                run.toString());
    }

    @Test
    void audio_only_without_ffmpeg_is_refused_with_how_to_get_it() {
        assertEquals(0, Cli.run("init", "--local", sheet().toString()).exitCode); // tools are checked once the sheet is
        Cli run = Cli.run("agent", "--local", sheet().toString(), "--audio-only", "--ffmpeg",
                dir.resolve("no-ffmpeg").toString(), "--output", dir.resolve("out").toString());

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("audio extraction needs ffmpeg"), run.toString());
    }

    @Test
    void a_bad_size_or_duration_names_its_option() {
        Cli size = Cli.run("agent", "--local", sheet().toString(), "--simulate", "--min-free-disk", "lots");
        Cli duration = Cli.run("agent", "--local", sheet().toString(), "--simulate", "--grace", "soon");

        assertEquals(1, size.exitCode, size.toString());
        assertTrue(size.err.contains("--min-free-disk: not a size: 'lots'"), size.toString());
        assertEquals(1, duration.exitCode, duration.toString());
        assertTrue(duration.err.contains("--grace: not a duration: 'soon'"), duration.toString());
    }
}
