package io.github.ytdc.media.ytdlp;

import io.github.ytdc.testing.RecordingContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskFailure;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.YtdcException;
import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.SystemTools;
import io.github.ytdc.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Downloads with the real yt-dlp and ffmpeg against the offline fixture server. */
class YtDlpDownloaderTest {
    @TempDir
    static Path fixtureDir;
    static FixtureServer fixture;
    static Toolchain tools;
    @TempDir
    Path out;

    @BeforeAll
    static void startFixture() throws Exception {
        fixture = FixtureServer.start(fixtureDir.resolve("fx"), 10);
        tools = SystemTools.require(true);
    }

    @AfterAll
    static void stopFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void noYtDlpIsLeftRunning() {
        Processes.awaitNoneRunning("yt-dlp");
    }

    private YtDlpDownloader downloader(DownloadOptions.Builder options) {
        return YtDlpDownloader.create(tools, options.build(), new SplittableRandom(7));
    }

    private static Task task(String id, String path) {
        return new Task(TaskKind.VIDEO, id, fixture.url(path), "Title of " + id, "S1", Map.of(), 1);
    }

    /** Every file under the output folder except the archive, with the temporary area included. */
    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(DownloadOptions.ARCHIVE_NAME)).toList();
        }
    }

    @Test
    void a_video_lands_whole_in_the_output_under_the_default_name_with_progress_reported() throws Exception {
        RecordingContext ctx = new RecordingContext();
        String result = downloader(DownloadOptions.builder(out)).process(task("video-00001", "/v/video-00001.mp4"), ctx);
        Path file = out.resolve("video-00001 [video-00001].mp4");
        assertEquals(file.toAbsolutePath().toString(), result);
        assertArrayEquals(Files.readAllBytes(fixture.dir.resolve("site/media/clip.mp4")), Files.readAllBytes(file));
        assertEquals(List.of(file.toAbsolutePath()), filesIn(out).stream().map(Path::toAbsolutePath).toList(), "nothing else, no temp leftovers");
        assertTrue(ctx.progress.size() >= 2, ctx.progress.toString());
        assertEquals(100.0, ctx.progress.get(ctx.progress.size() - 1).percent(), 1e-9);
        assertEquals(20500, ctx.progress.get(ctx.progress.size() - 1).bytesDone());
    }

    @Test
    void audio_only_extracts_an_mp3_and_keeps_no_video() throws Exception {
        String result = downloader(DownloadOptions.builder(out).audioFormat("mp3"))
                .process(task("video-00004", "/v/video-00004.webm"), new RecordingContext());
        Path file = Path.of(result);
        assertEquals("video-00004 [video-00004].mp3", file.getFileName().toString());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 3);
        assertEquals("ID3", new String(head, StandardCharsets.ISO_8859_1));
        assertEquals(List.of(file), filesIn(out));
    }

    @Test
    void a_second_download_of_the_same_video_is_a_no_op_returning_the_existing_file() throws Exception {
        YtDlpDownloader d = downloader(DownloadOptions.builder(out));
        Path first = Path.of(d.process(task("arch-1", "/v/arch-1.mp4"), new RecordingContext()));
        FileTime written = Files.getLastModifiedTime(first);
        Files.setLastModifiedTime(first, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        RecordingContext again = new RecordingContext();
        String second = d.process(task("arch-1", "/v/arch-1.mp4"), again);
        assertEquals(first.toString(), second);
        assertEquals(FileTime.from(Instant.parse("2001-01-01T00:00:00Z")), Files.getLastModifiedTime(first), "not rewritten");
        assertTrue(again.progress.isEmpty(), "nothing was downloaded the second time");
        assertTrue(Files.readString(out.resolve(DownloadOptions.ARCHIVE_NAME)).contains("generic arch-1"));
        assertTrue(written.toMillis() > 0);
    }

    @Test
    void the_work_area_is_removed_when_the_last_of_several_concurrent_downloads_ends() throws Exception {
        YtDlpDownloader d = downloader(DownloadOptions.builder(out));
        ExecutorService slots = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                Task t = task("par-" + i, "/v/par-" + i + ".mp4");
                runs.add(slots.submit(() -> d.process(t, new RecordingContext())));
            }
            for (Future<String> r : runs) {
                assertTrue(Files.isRegularFile(Path.of(r.get(60, TimeUnit.SECONDS))));
            }
        } finally {
            slots.shutdownNow();
        }
        assertFalse(Files.exists(out.resolve(YtDlpDownloader.TEMP_DIR)), "no empty work area left in the output");

        // A later task creates the work area again, and a failed one removes it too.
        assertTrue(Files.isRegularFile(Path.of(d.process(task("par-5", "/v/par-5.mp4"), new RecordingContext()))));
        assertThrows(TaskFailure.class, () -> d.process(task("gone", "/error/404/video.mp4"), new RecordingContext()));
        assertFalse(Files.exists(out.resolve(YtDlpDownloader.TEMP_DIR)));
    }

    @Test
    void non_ascii_names_survive_the_trip_through_yt_dlp() throws Exception {
        String result = downloader(DownloadOptions.builder(out))
                .process(task("Ünï-cödé", "/v/%C3%9Cn%C3%AF-c%C3%B6d%C3%A9.mp4"), new RecordingContext());
        assertEquals(out.resolve("Ünï-cödé [Ünï-cödé].mp4").toAbsolutePath().toString(), result);
        assertTrue(Files.isRegularFile(Path.of(result)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/error/404/video.mp4, FATAL",
        "/error/500/video.mp4, TRANSIENT",
        "/error/429/video.mp4, HOST_BLOCKED",
        "/dl-error-403.html, TRANSIENT",
        "/dl-error-429.html, HOST_BLOCKED",
        "/dl-error-503.html, TRANSIENT",
        "/empty.html, FATAL",
    })
    void a_failing_download_ends_in_the_right_class_and_leaves_nothing_behind(String path, FailureClass expected) throws Exception {
        TaskFailure f = assertThrows(TaskFailure.class,
                () -> downloader(DownloadOptions.builder(out)).process(task("x", path), new RecordingContext()));
        assertEquals(expected, f.failureClass(), f.getMessage());
        assertEquals(List.of(), filesIn(out));
    }

    @Test
    void an_interrupted_download_is_transient_and_leaves_no_part_file() throws Exception {
        TaskFailure f = assertThrows(TaskFailure.class, () -> downloader(DownloadOptions.builder(out).extraArgs(List.of("--retries", "1")))
                .process(task("cut", "/drop/cut.mp4"), new RecordingContext()));
        assertEquals(FailureClass.TRANSIENT, f.failureClass());
        assertTrue(f.getMessage().contains("Giving up after 1 retries"), f.getMessage());
        assertEquals(List.of(), filesIn(out));
    }

    @Test
    void a_download_over_its_timeout_is_killed_and_transient() throws Exception {
        Instant start = Instant.now();
        TaskFailure f = assertThrows(TaskFailure.class, () -> downloader(DownloadOptions.builder(out).timeout(Duration.ofSeconds(2)))
                .process(task("late", "/slow/30/v/late.mp4"), new RecordingContext()));
        assertEquals(FailureClass.TRANSIENT, f.failureClass());
        assertTrue(f.getMessage().contains("timed out after 2s"), f.getMessage());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10);
        assertEquals(List.of(), filesIn(out));
    }

    @Test
    void cancelling_mid_download_kills_yt_dlp_and_leaves_no_partial_file() throws Exception {
        RecordingContext ctx = new RecordingContext();
        YtDlpDownloader d = downloader(DownloadOptions.builder(out).rateLimit("4K"));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                d.process(task("crawl", "/v/crawl.webm"), ctx);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Processes.await(Duration.ofSeconds(15), "the download to start", () -> !ctx.progress.isEmpty());
        ctx.cancel();
        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof TaskFailure f && f.getMessage().contains("cancelled"), String.valueOf(t));
        Processes.await(Duration.ofSeconds(5), "yt-dlp to be gone", () -> Processes.liveDescendants("yt-dlp").isEmpty());
        assertEquals(List.of(), filesIn(out));
    }

    @Test
    void the_exec_hook_receives_the_final_path_after_the_move() throws Exception {
        Path copies = Files.createDirectories(out.resolveSibling(out.getFileName() + "-copies"));
        String result = downloader(DownloadOptions.builder(out)
                .execHook(List.of("cp", "{file}", copies.resolve("{source}-{id}.bin").toString())))
                .process(task("video-00003", "/v/video-00003.mp4"), new RecordingContext());
        assertArrayEquals(Files.readAllBytes(Path.of(result)), Files.readAllBytes(copies.resolve("S1-video-00003.bin")));
    }

    @Test
    void a_failing_hook_fails_the_task_as_transient_with_its_message() throws Exception {
        TaskFailure f = assertThrows(TaskFailure.class, () -> downloader(DownloadOptions.builder(out)
                .execHook(List.of("sh", "-c", "echo upload refused >&2; exit 4", "{file}")))
                .process(task("video-00005", "/v/video-00005.mp4"), new RecordingContext()));
        assertEquals(FailureClass.TRANSIENT, f.failureClass());
        assertTrue(f.getMessage().contains("exited with code 4") && f.getMessage().contains("upload refused"), f.getMessage());
    }

    @Test
    void extra_arguments_this_yt_dlp_does_not_know_are_refused_at_start_up() {
        YtdcException e = assertThrows(YtdcException.class,
                () -> downloader(DownloadOptions.builder(out).extraArg("--no-such-option")));
        assertTrue(e.getMessage().contains("no such option: --no-such-option"), e.getMessage());
    }

    @Test
    void audio_extraction_without_ffmpeg_is_refused_at_start_up() {
        YtdcException e = assertThrows(YtdcException.class, () -> YtDlpDownloader.create(
                Toolchain.of(tools.ytDlp(), null), DownloadOptions.builder(out).audioFormat("mp3").build(), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("needs ffmpeg"), e.getMessage());
    }
}
