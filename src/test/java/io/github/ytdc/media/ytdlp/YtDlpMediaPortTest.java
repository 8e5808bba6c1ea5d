package io.github.ytdc.media.ytdlp;

import io.github.ytdc.testing.RecordingContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskFailure;
import io.github.ytdc.coord.ExpandOptions;
import io.github.ytdc.coord.VideoEntry;
import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.SystemTools;
import io.github.ytdc.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expansion with the real yt-dlp against the offline fixture server. */
class YtDlpMediaPortTest {
    @TempDir
    static Path dir;
    static FixtureServer fixture;
    static Toolchain tools;
    static YtDlpMediaPort port;

    @BeforeAll
    static void startFixture() throws Exception {
        fixture = FixtureServer.start(dir.resolve("fx"), 50);
        tools = SystemTools.require(false);
        port = new YtDlpMediaPort(tools);
    }

    @AfterAll
    static void stopFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static List<VideoEntry> expand(String path, ExpandOptions options) {
        List<VideoEntry> out = new ArrayList<>();
        port.expand(fixture.url(path), options, out::add, TaskContext.detached());
        return out;
    }

    private static List<String> ids(List<VideoEntry> entries) {
        return entries.stream().map(VideoEntry::id).toList();
    }

    @Test
    void the_channel_feed_expands_into_its_50_videos_with_the_ids_titles_and_durations_it_declares() throws Exception {
        List<VideoEntry> got = expand("/channel.rss", ExpandOptions.defaults());
        List<String> expected = Files.readAllLines(fixture.dir.resolve("expected/channel.jsonl"));
        assertEquals(expected.size(), got.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = json.readTree(expected.get(i));
            VideoEntry e = got.get(i);
            assertEquals(want.get("id").asText(), e.id());
            assertEquals(want.get("title").asText(), e.title());
            assertEquals(want.get("url").asText(), e.url().substring(0, e.url().indexOf('#')), "download URL keeps the guid fragment");
            if (want.get("duration").isNull()) {
                assertNull(e.duration(), e.id());
            } else {
                assertEquals(Duration.ofSeconds(want.get("duration").asLong()), e.duration(), e.id());
            }
        }
    }

    @Test
    void a_limit_is_applied_by_yt_dlp_so_the_listing_still_succeeds() {
        List<VideoEntry> got = expand("/channel.rss", ExpandOptions.defaults().withMaxVideos(7));
        assertEquals(List.of("video-00001", "video-00002", "video-00003", "video-00004", "video-00005", "video-00006",
                "video-00007"), ids(got));
    }

    @Test
    void rss_without_guids_html5_xspf_and_youtube_embeds_get_distinct_ids() {
        List<VideoEntry> rss = expand("/playlist.rss", ExpandOptions.defaults());
        assertEquals(List.of("pl-one", "pl-two", "pl-three"), ids(rss));
        assertEquals(fixture.url("/v/pl-one.mp4"), rss.get(0).url());
        assertEquals(Duration.ofSeconds(3), rss.get(0).duration());

        List<VideoEntry> html = expand("/playlist.html", ExpandOptions.defaults());
        assertEquals(List.of("playlist-1", "playlist-2", "playlist-3"), ids(html));
        assertEquals(fixture.url("/v/html-two.webm"), html.get(1).url());

        List<VideoEntry> xspf = expand("/playlist.xspf", ExpandOptions.defaults());
        assertEquals(List.of("xspf-one", "xspf-two"), ids(xspf));
        assertEquals(List.of("XSPF one", "XSPF two"), xspf.stream().map(VideoEntry::title).toList());

        assertEquals(List.of("aaaaaaaaaaa", "bbbbbbbbbbb"), ids(expand("/yt-embeds.html", ExpandOptions.defaults())));
    }

    @Test
    void tricky_titles_are_preserved_literally() throws Exception {
        fixture.writeSiteFile("formula.rss", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>F</title>"
                + "<item><title>=HYPERLINK(\"http://x\";\"click\")</title><enclosure url=\"" + fixture.url("/v/0012.mp4")
                + "\" type=\"video/mp4\"/></item></channel></rss>\n");
        List<VideoEntry> tricky = expand("/tricky.rss", ExpandOptions.defaults());
        assertEquals(List.of("Ünïcödé — “quotes” & <tags>\ttab", "two\nlines", "", ""),
                tricky.stream().map(VideoEntry::title).toList());
        assertEquals(List.of("tricky-1", "tricky-2", "tricky-3", "tricky-4"), ids(tricky));
        List<VideoEntry> formula = expand("/formula.rss", ExpandOptions.defaults());
        assertEquals("=HYPERLINK(\"http://x\";\"click\")", formula.get(0).title());
        assertEquals("0012", formula.get(0).id());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/error/404, FATAL",
        "/error/403, FATAL",
        "/error/429, HOST_BLOCKED",
        "/error/500, TRANSIENT",
        "/error/503, TRANSIENT",
        "/empty.html, FATAL",
        "/index.html, FATAL",
    })
    void a_failing_source_ends_in_the_right_class(String path, FailureClass expected) {
        TaskFailure f = assertThrows(TaskFailure.class, () -> expand(path, ExpandOptions.defaults()));
        assertEquals(expected, f.failureClass(), f.getMessage());
        assertTrue(!f.getMessage().startsWith("ERROR") && !f.getMessage().contains("please report"), f.getMessage());
    }

    @Test
    void an_unreachable_server_is_transient() throws Exception {
        String url = "http://127.0.0.1:" + FixtureServer.freePort() + "/channel.rss";
        TaskFailure f = assertThrows(TaskFailure.class,
                () -> port.expand(url, ExpandOptions.defaults(), e -> {}, TaskContext.detached()));
        assertEquals(FailureClass.TRANSIENT, f.failureClass());
        assertTrue(f.getMessage().contains("Connection refused"), f.getMessage());
    }

    @Test
    void a_listing_that_takes_too_long_is_killed_and_transient() {
        YtDlpMediaPort impatient = new YtDlpMediaPort(tools, YtDlpMediaPort.ChannelTabs.TARGET, Duration.ofSeconds(1));
        Instant start = Instant.now();
        TaskFailure f = assertThrows(TaskFailure.class, () -> impatient.expand(fixture.url("/slow/30/channel.rss"),
                ExpandOptions.defaults(), e -> {}, TaskContext.detached()));
        assertEquals(FailureClass.TRANSIENT, f.failureClass());
        assertTrue(f.getMessage().contains("timed out"), f.getMessage());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10);
        Processes.await(Duration.ofSeconds(5), "yt-dlp to be gone", () -> Processes.liveDescendants("yt-dlp").isEmpty());
    }

    @Test
    void cancelling_the_task_kills_the_listing() throws Exception {
        RecordingContext ctx = new RecordingContext();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                port.expand(fixture.url("/slow/30/channel.rss"), ExpandOptions.defaults(), e -> {}, ctx);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Processes.await(Duration.ofSeconds(10), "yt-dlp to start", () -> !Processes.liveDescendants("yt-dlp").isEmpty());
        ctx.cancel();
        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof TaskFailure f && f.getMessage().contains("cancelled"), String.valueOf(t));
        Processes.await(Duration.ofSeconds(5), "yt-dlp to be gone", () -> Processes.liveDescendants("yt-dlp").isEmpty());
    }
}
