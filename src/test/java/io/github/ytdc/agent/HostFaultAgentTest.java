package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.media.ytdlp.DownloadOptions;
import io.github.ytdc.media.ytdlp.Toolchain;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent on a host that cannot download: a stand-in yt-dlp printing 2026's failure chain for a host without a
 * JavaScript runtime, or an output folder that cannot be used. Nothing may be dead-lettered or charged a retry, and
 * the agent must say why it stopped claiming (log, Workers row, /health).
 */
class HostFaultAgentTest {
    private static final String EJS = "https://github.com/yt-dlp/yt-dlp/wiki/EJS";
    @TempDir
    Path dir;
    private final Sheet sheet = new Sheet();

    /** A stand-in yt-dlp printing the chain of {@code yt_dlp/extractor/youtube/_video.py} and YoutubeDL.py. */
    private Path standIn() throws IOException {
        Path script = dir.resolve("yt-dlp");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "for a in \"$@\"; do id=\"$a\"; done",
                "id=${id##*=}",
                "echo \"[youtube] Extracting URL: $id\"",
                "echo \"WARNING: [youtube] No supported JavaScript runtime could be found. Only deno is enabled by default; "
                        + "to use another runtime add  --js-runtimes RUNTIME[:PATH]  to your command/config. YouTube extraction "
                        + "without a JS runtime has been deprecated, and some formats may be missing. See  " + EJS
                        + "  for details on installing one\" >&2",
                "echo \"WARNING: [youtube] $id: n challenge solving failed: Some formats may be missing. Ensure you have a "
                        + "supported JavaScript runtime and challenge solver script distribution installed. Review any warnings "
                        + "presented before this message. For more details, refer to  " + EJS + "\" >&2",
                "echo \"WARNING: Only images are available for download. use --list-formats to see them\" >&2",
                "echo \"ERROR: [youtube] $id: Requested format is not available. Use --list-formats for a list of available "
                        + "formats\" >&2",
                "exit 1", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Agent agent(TaskProcessor downloader, ClaimGuard guard) {
        return Agent.builder(sheet.port, downloader)
                .configure(c -> c.workerName("host-a").clock(Clock.systemUTC()).random(new SplittableRandom(3))
                        .settleDelay(Duration.ofMillis(50)).heartbeat(Duration.ofMinutes(1))
                        .stallTimeout(Duration.ofMinutes(5)).minTickInterval(Duration.ofMillis(10))
                        .claimJitter(Duration.ZERO).maxRetries(0))
                .idlePoll(Duration.ofMillis(50), Duration.ofMillis(200))
                .supervisorInterval(Duration.ofMillis(50))
                .pauseClaimsWhen(guard::pauseReason)
                .grace(Duration.ofSeconds(5))
                .host("test-host")
                .tools(() -> "yt-dlp 2026.08.19 stable, no JavaScript runtime")
                .build();
    }

    private static Thread start(Agent agent, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                agent.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "agent-under-test");
        t.start();
        return t;
    }

    private void addVideos(int n) {
        for (int i = 0; i < n; i++) {
            sheet.addVideo(String.format("vid%08d", i), "https://www.youtube.com/watch?v=" + String.format("vid%08d", i));
        }
    }

    private void assertNothingChargedOrDeadLettered() {
        assertTrue(sheet.rows("Dead-Letter Tasks").isEmpty(), "dead letters: " + sheet.rows("Dead-Letter Tasks"));
        for (WorkRow r : sheet.rows("Video Tasks")) {
            assertEquals("pending", r.get("Status"), r.toString());
            assertEquals(0, r.retryCount(), r.toString());
        }
    }

    @Test
    @Timeout(60)
    void a_toolchain_failure_chain_releases_every_video_uncharged_and_the_reason_is_visible() throws Exception {
        addVideos(4);
        TaskProcessor downloader = Toolchain.of(standIn(), null)
                .downloader(DownloadOptions.builder(dir.resolve("out")).build());
        Agent agent = agent(downloader, ClaimGuard.all(List.of()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(agent, failure);

        Processes.await(Duration.ofSeconds(30), "claims to pause", () -> !agent.health().healthy());
        Health h = agent.health();
        assertTrue(h.reason().contains("No supported JavaScript runtime") && h.reason().contains("ytdc tools install"),
                h.reason());
        Processes.await(Duration.ofSeconds(30), "the Workers row to show the pause", () -> sheet.rows("Workers").stream()
                .anyMatch(r -> r.get("Status").startsWith("paused") && r.get("Status").contains("JavaScript runtime")));
        Processes.await(Duration.ofSeconds(30), "the failed video to be released", () -> sheet.rows("Video Tasks")
                .stream().allMatch(r -> r.get("Status").equals("pending")));

        agent.stop();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertEquals(null, failure.get());
        assertNothingChargedOrDeadLettered();
        assertEquals(0, agent.coordinator().failedCount());
        WorkRow worker = sheet.rows("Workers").get(0);
        assertEquals("stopped", worker.get("Status"));
        assertTrue(worker.get("Version").endsWith("; yt-dlp 2026.08.19 stable, no JavaScript runtime"),
                "the fleet's toolchain drift is visible: " + worker.get("Version"));
    }

    @Test
    @Timeout(60)
    void an_output_folder_that_cannot_be_created_pauses_claiming_before_the_first_claim() throws Exception {
        addVideos(3);
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path output = blocker.resolve("out"); // under a regular file: cannot be created, even by root
        TaskProcessor downloader = Toolchain.of(standIn(), null)
                .downloader(DownloadOptions.builder(output).build());
        Agent agent = agent(downloader, OutputFolderGuard.of(output, Clock.systemUTC()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(agent, failure);

        Processes.await(Duration.ofSeconds(30), "claims to pause", () -> !agent.health().healthy());
        assertTrue(agent.health().reason().contains("output folder " + output.toAbsolutePath()), agent.health().reason());
        Processes.await(Duration.ofSeconds(30), "the Workers row to show the pause", () -> sheet.rows("Workers")
                .stream().anyMatch(r -> r.get("Status").startsWith("paused: output folder")));

        agent.stop();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertNothingChargedOrDeadLettered();
        assertTrue(sheet.rows("Video Tasks").stream().allMatch(r -> r.get("ClaimedBy").isEmpty()), "nothing was claimed");
    }

    @Test
    @Timeout(60)
    void an_output_folder_lost_while_running_is_a_host_fault_not_the_videos() throws Exception {
        addVideos(3);
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        TaskProcessor downloader = Toolchain.of(standIn(), null)
                .downloader(DownloadOptions.builder(blocker.resolve("out")).build());
        Agent agent = agent(downloader, ClaimGuard.all(List.of())); // no guard: the download itself finds out
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(agent, failure);

        Processes.await(Duration.ofSeconds(30), "claims to pause", () -> !agent.health().healthy());
        assertTrue(agent.health().reason().contains("output folder"), agent.health().reason());
        Processes.await(Duration.ofSeconds(30), "the failed video to be released", () -> sheet.rows("Video Tasks")
                .stream().allMatch(r -> r.get("Status").equals("pending")));
        agent.stop();
        t.join(30_000);
        assertNothingChargedOrDeadLettered();
    }
}
