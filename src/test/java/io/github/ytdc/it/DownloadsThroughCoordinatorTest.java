package io.github.ytdc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.Coordinator;
import io.github.ytdc.coord.EngineAccess;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.media.ytdlp.DownloadOptions;
import io.github.ytdc.media.ytdlp.Toolchain;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.RealTimeConfig;
import io.github.ytdc.testing.SystemTools;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import io.github.ytdc.testing.ShiftingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in downloader as the processor of a real {@link Coordinator}: the real yt-dlp and ffmpeg against the
 * offline fixture, results written to the in-memory spreadsheet model.
 */
class DownloadsThroughCoordinatorTest {
    private static final String VIDEOS = "Video Tasks";
    /** Where the built-in downloader keeps its per-task work folders, inside the output folder. */
    private static final String WORK_AREA = ".ytdc-tmp";

    @TempDir
    static Path fixtureDir;
    static FixtureServer fixture;
    static Toolchain tools;

    @TempDir
    Path out;
    @TempDir
    Path hookOut;

    private final ShiftingClock clock = new ShiftingClock();
    private final Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("it-downloads"));
    private final List<TaskEvent> events = new CopyOnWriteArrayList<>();

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
    void noToolIsLeftRunning() {
        Processes.awaitNoneRunning("yt-dlp", "ffmpeg");
    }

    private CoordinatorConfig.Builder config(String worker) {
        return RealTimeConfig.builder(sheet.port, worker, clock, 5)
                .retryBackoff(Duration.ofMinutes(1))
                .breakerCooldown(Duration.ofMinutes(2))
                .listener(new CoordinatorListener() {
                    @Override
                    public void onTaskEvent(TaskEvent event) {
                        events.add(event);
                    }
                });
    }

    /** A video the fixture serves whole: its row and the fixture file it must equal. */
    private record Good(String id, String path, String title, String media) {
        String fileName() {
            return id + " [" + id + "]" + media.substring(media.lastIndexOf('.'));
        }
    }

    private void addVideo(String id, String path, String title) {
        sheet.add(VIDEOS, Map.of("ID", id, "URL", fixture.url(path), "Status", "pending", "Title", title));
    }

    private WorkRow row(String id) {
        return sheet.video(id);
    }

    /** Every regular file under {@code folder}, the temporary area included. */
    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static byte[] media(String name) throws IOException {
        return Files.readAllBytes(fixture.dir.resolve("site/media").resolve(name));
    }

    @Test
    void a_sheet_of_videos_ends_with_each_good_file_once_and_each_failure_in_its_class() throws Exception {
        // Good videos, with titles that must reach the hook (and stay in the sheet) literally.
        List<Good> good = List.of(
                new Good("good-mp4", "/v/good-mp4.mp4", "=HYPERLINK(\"http://x\";\"click\")", "clip.mp4"),
                new Good("good-webm", "/v/good-webm.webm", "Ünïcödé — “quotes” & <tags>\ttab", "clip.webm"),
                new Good("good-mp3", "/v/good-mp3.mp3", "0012", "tone.mp3"));
        good.forEach(g -> addVideo(g.id(), g.path(), g.title()));
        addVideo("page-404", "/error/404/video.mp4", "page answers 404");
        addVideo("media-404", "/dl-error-404.html", "media file answers 404");
        addVideo("page-500", "/error/500", "page answers 500");
        addVideo("dropped", "/drop/cut.mp4", "connection dropped after each KiB");

        DownloadOptions options = DownloadOptions.builder(out)
                .execHook(List.of("sh", "-c", "printf %s \"$1\" > \"$2\"", "title-hook", "{title}",
                        hookOut.resolve("{id}.title").toString()))
                .build();
        TaskProcessor downloader = tools.downloader(options);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        TaskProcessor measured = (task, context) -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return downloader.process(task, context);
            } finally {
                inFlight.decrementAndGet();
            }
        };

        Instant start = clock.instant();
        try (Coordinator c = new Coordinator(config("it-downloader").concurrency(2).build())) {
            List<CompletableFuture<Void>> slots = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                slots.add(CompletableFuture.runAsync(() -> {
                    while (c.processNextTask(measured)) {
                        // next task
                    }
                }));
            }
            CompletableFuture.allOf(slots.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Processes.await(Duration.ofSeconds(10), "the last results to be written", () -> c.held().isEmpty());

            assertEquals(2, maxInFlight.get(), "two downloads ran at once, never more");
            assertEquals(3, c.doneCount());
            assertEquals(4, c.failedCount());

            // The output: each good video exactly once and whole; no .part, no work folder left behind.
            List<String> names = filesUnder(out).stream().map(out::relativize).map(Path::toString).sorted().toList();
            List<String> wanted = new ArrayList<>(good.stream().map(Good::fileName).toList());
            wanted.add(DownloadOptions.ARCHIVE_NAME);
            assertEquals(wanted.stream().sorted().toList(), names);
            assertFalse(Files.exists(out.resolve(WORK_AREA)), "work folders, and their parent, are removed");
            for (Good g : good) {
                Path file = out.resolve(g.fileName()).toAbsolutePath();
                assertArrayEquals(media(g.media()), Files.readAllBytes(file), g.id());
                WorkRow r = row(g.id());
                assertEquals("done", r.get("Status"), g.id());
                assertEquals(file.toString(), r.get("Output"));
                assertEquals(0, r.retryCount(), g.id());
                assertEquals(g.title(), r.get("Title"), "the title in the sheet is unchanged");
                assertEquals(g.title(), Files.readString(hookOut.resolve(g.id() + ".title")),
                        "the hook received the title literally");
            }

            // A page that answers 404 is gone for good: dead-lettered on the first attempt.
            WorkRow page404 = row("page-404");
            assertEquals("error", page404.get("Status"));
            assertTrue(page404.get("LastError").contains("HTTP Error 404"), page404.get("LastError"));
            assertEquals(1, sheet.rows("Dead-Letter Tasks").stream().filter(r -> r.id().equals("page-404")).count());
            assertEquals(1, sheet.rows("Dead-Letter Tasks").size());

            // 5xx, a dropped connection, and a media URL answering 404 (what YouTube does to expired or throttled
            // media URLs) are retried later.
            for (String id : List.of("page-500", "dropped", "media-404")) {
                WorkRow r = row(id);
                assertEquals("pending", r.get("Status"), id);
                assertEquals(1, r.retryCount(), id);
                Instant notBefore = r.time("NotBefore").orElseThrow(() -> new AssertionError(id + " has no NotBefore"));
                // The first retry waits retryBackoff (1 min) +-20% jitter after the failure, which came after start.
                assertTrue(notBefore.isAfter(start.plusSeconds(45)), id + " NotBefore " + notBefore);
            }
            assertTrue(row("page-500").get("LastError").contains("HTTP Error 500"), row("page-500").get("LastError"));
            assertTrue(row("dropped").get("LastError").contains("Giving up after"), row("dropped").get("LastError"));
            assertTrue(row("media-404").get("LastError").contains("unable to download video data: HTTP Error 404"),
                    row("media-404").get("LastError"));

            // The site answers 429: this host is blocked. Not the video's fault, so no retry is counted, and the
            // agent stops claiming for a cooldown.
            addVideo("blocked", "/error/429", "site answers 429");
            assertTrue(c.processNextTask(measured));
            Processes.await(Duration.ofSeconds(10), "the release to be written", () -> c.held().isEmpty());
            WorkRow blocked = row("blocked");
            assertEquals("pending", blocked.get("Status"));
            assertEquals(0, blocked.retryCount());
            assertEquals("", blocked.get("NotBefore"));
            assertTrue(blocked.get("LastError").contains("HTTP Error 429"), blocked.get("LastError"));
            assertTrue(c.claimsPausedBecause().isPresent(), "the breaker opened");
            assertTrue(c.claimsPausedBecause().get().contains("429"), c.claimsPausedBecause().get());
            List<String> processedWhileOpen = new ArrayList<>();
            assertFalse(c.processNextTask((task, context) -> {
                processedWhileOpen.add(task.id());
                return measured.process(task, context);
            }), () -> "the open breaker stops claiming though a row is pending; processed " + processedWhileOpen
                    + ", breaker " + c.claimsPausedBecause() + ", events " + events);
            assertEquals(4, c.failedCount(), "a host block is not counted as a failed attempt");
        }
    }

    @Test
    void a_lost_claim_kills_the_download_tree_and_leaves_no_partial_file() throws Exception {
        addVideo("crawl", "/slow/1/v/crawl.webm", "a slow download");
        // ffmpeg as the downloader, reading at a tenth of real time: a yt-dlp -> ffmpeg tree busy for ~40 s.
        DownloadOptions options = DownloadOptions.builder(out)
                .extraArgs(List.of("--downloader", "ffmpeg", "--downloader-args", "ffmpeg_i:-readrate 0.1"))
                .build();
        TaskProcessor downloader = tools.downloader(options);

        try (Coordinator c = new Coordinator(config("it-loser").build())) {
            CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> c.processNextTask(downloader));
            Processes.await(Duration.ofSeconds(20), "a partial file in the work folder",
                    () -> partialFiles(out.resolve(WORK_AREA)).size() == 1);
            List<ProcessHandle> tree = new ArrayList<>();
            for (ProcessHandle ytDlp : Processes.liveDescendants("yt-dlp")) {
                tree.add(ytDlp);
                ytDlp.descendants().forEach(tree::add);
            }
            assertTrue(tree.stream().anyMatch(h -> h.info().command().orElse("").endsWith("ffmpeg")),
                    "yt-dlp runs ffmpeg: " + tree.stream().map(h -> h.info().command().orElse("?")).toList());

            // Another agent takes the row over (its stall check misfired, or a person requeued it).
            sheet.edit(VIDEOS, "crawl", "ClaimedBy", "agent-b");
            sheet.edit(VIDEOS, "crawl", "ClaimToken", "token-of-agent-b");
            clock.shift(Duration.ofMinutes(1));
            EngineAccess.tick(c); // the lease renewal finds the row is no longer ours

            assertTrue(events.stream().anyMatch(e -> e.type() == TaskEvent.Type.LOST_CLAIM && e.id().equals("crawl")),
                    events.toString());
            assertTrue(run.get(15, TimeUnit.SECONDS), "processNextTask returned once the download was stopped");
            Processes.await(Duration.ofSeconds(5), "the whole yt-dlp tree to be gone",
                    () -> tree.stream().noneMatch(ProcessHandle::isAlive));
            assertEquals(List.of(), filesUnder(out), "no partial (or any) file in the output");

            EngineAccess.tick(c);
            WorkRow r = row("crawl");
            assertEquals("token-of-agent-b", r.claimToken(), "the loser wrote nothing after losing (G4)");
            assertEquals("agent-b", r.claimedBy());
            assertEquals("in-progress", r.get("Status"));
            assertEquals("", r.get("LastError"));
            assertEquals(0, r.retryCount());
        }
    }

    private static List<Path> partialFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try {
            return filesUnder(folder).stream().filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        } catch (IOException | java.io.UncheckedIOException racingWithCleanup) {
            return List.of();
        }
    }
}
