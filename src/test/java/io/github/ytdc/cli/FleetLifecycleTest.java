package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person watching a fleet with {@code ytdc status}: an agent downloading (its progress on show), then killed with
 * -9 (shown dead, with what it left), then restarted under the same name (it takes its row back, finishes the queue
 * and logs one line per video).
 */
@Tag("slow")
class FleetLifecycleTest {
    @TempDir
    Path dir;

    private Path sheet() {
        return dir.resolve("sheet");
    }

    private Process agent(Path log, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.github.ytdc.cli.Main", "agent",
                "--local", sheet().toString(), "--worker-name", "victim", "--heartbeat", "1s", "--stall-timeout", "4s",
                "--settle-delay", "200ms", "--idle-poll", "200ms"));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String status() {
        Cli r = Cli.run("status", "--local", sheet().toString());
        assertEquals(0, r.exitCode, r.toString());
        return r.out;
    }

    private static String victimLine(String status) {
        return status.lines().filter(l -> l.startsWith("  victim")).findFirst().orElse("");
    }

    @Test
    @Timeout(180)
    void a_killed_agent_shows_dead_and_its_restart_takes_its_row_back_and_finishes_the_queue() throws Exception {
        assertEquals(0, Cli.run("init", "--local", sheet().toString()).exitCode);
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(sheet(), false)) {
            Sheet.appendTo(port, "Video Tasks", List.of(
                    Map.of("ID", "v1", "URL", "https://example.com/v/1", "Status", "pending"),
                    Map.of("ID", "v2", "URL", "https://example.com/v/2", "Status", "pending"),
                    Map.of("ID", "v3", "URL", "https://example.com/v/3", "Status", "pending")));
        }
        Path firstLog = dir.resolve("first.log");
        Process first = agent(firstLog, "--simulate=60s..60s");
        String watching;
        try {
            Processes.await(Duration.ofSeconds(60), "status showing the download's progress", () ->
                    victimLine(status()).matches(".*running .*video v\\d \\(running \\d+%, 1\\.0M/s, \\d+s left\\).*"));
            watching = status();
        } finally {
            first.destroyForcibly(); // kill -9
            first.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(watching.contains("Workers (1): 1 running"), watching);

        Processes.await(Duration.ofSeconds(30), "status showing the killed agent dead", () ->
                victimLine(status()).contains("dead (silent"));
        String afterKill = status();
        assertTrue(victimLine(afterKill).matches(".*dead \\(silent \\d+s > stall timeout 4s\\).*left video:v\\d to other "
                + "agents"), afterKill);
        assertTrue(afterKill.contains("Workers (1): 1 dead"), afterKill);

        Path secondLog = dir.resolve("second.log");
        Process second = agent(secondLog, "--simulate=100ms..100ms", "--exit-when-idle");
        assertTrue(second.waitFor(90, TimeUnit.SECONDS), Files.readString(secondLog));
        String log = Files.readString(secondLog);
        assertEquals(0, second.exitValue(), log);

        try (SpreadsheetPort port = LocalSpreadsheetPort.open(sheet(), false)) {
            List<WorkRow> workers = Sheet.rowsOf(port, "Workers");
            assertEquals(1, workers.size(), "the restart took its row back: " + workers);
            assertEquals("stopped", workers.get(0).get("Status"));
            assertEquals("3", workers.get(0).get("Done"), "three videos, whatever the killed run had done");
            assertEquals("0", workers.get(0).get("Failed"), "taking over the killed run's stalled claim is no failure "
                    + "of the restart's: " + log);
            assertEquals("4s", workers.get(0).get("StallTimeout"));
            assertTrue(Sheet.rowsOf(port, "Video Tasks").stream().allMatch(r -> r.get("Status").equals("done")));
        }
        List<String> info = log.lines().filter(l -> l.contains(" INFO ") || l.contains(" WARN ")).toList();
        String shown = String.join("\n", info);
        // One line per task event: claimed (and started) with its URL, then done with its time, attempt and output.
        assertEquals(3, info.stream().filter(l -> l.matches(".*EventLog: claimed video v\\d \\(attempt \\d\\): "
                + "https://example\\.com/v/\\d")).count(), shown);
        assertEquals(3, info.stream().filter(l -> l.matches(".*EventLog: done video v\\d after \\S+ \\(attempt \\d\\): "
                + "simulated:100ms")).count(), shown);
        assertTrue(info.stream().filter(l -> l.contains("video v")).allMatch(l -> l.matches(
                ".* INFO .*EventLog: (claimed|done|retry) video v\\d.*")), "nothing else about a video:\n" + shown);
        assertFalse(info.stream().anyMatch(l -> l.matches(".*\\bPT\\d.*")), "durations as options take them:\n" + log);
        assertTrue(status().contains("Workers (1): 1 stopped"));
    }
}
