package io.github.ytdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.coord.Coordinator;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.media.ytdlp.YtDlpMediaPort;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.RealTimeConfig;
import io.github.ytdc.testing.Processes;
import io.github.ytdc.testing.Sheet;
import io.github.ytdc.testing.ShiftingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source expansion across the real yt-dlp (against the offline fixture), the real {@link Coordinator} and the
 * in-memory spreadsheet model, with every Sheets request counted.
 */
class ExpansionThroughCoordinatorTest {
    private static final Logger LOG = LoggerFactory.getLogger(ExpansionThroughCoordinatorTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    /** Its channel.rss has 5,000 items. */
    static FixtureServer big;
    /** Its channel.rss has the default 50 items. */
    static FixtureServer small;
    static YtDlpMediaPort media;

    private final ShiftingClock clock = new ShiftingClock();
    /** Appends of video rows: the coordinator also appends its own Workers row once. */
    private final AtomicInteger videoAppends = new AtomicInteger();
    private final CountingPort port = new CountingPort(InMemorySpreadsheetPort.create("it-expansion")) {
        @Override
        public AppendResult append(String range, List<List<String>> rows) {
            if (range.contains(TabNames.DEFAULT.videos())) {
                videoAppends.incrementAndGet();
            }
            return super.append(range, rows);
        }
    };
    private final Sheet sheet = new Sheet(port);

    @BeforeAll
    static void startFixtures() throws Exception {
        big = FixtureServer.start(dir.resolve("big"), 5000);
        small = FixtureServer.start(dir.resolve("small"), 50);
        media = new YtDlpMediaPort(new ToolDiscovery(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), Clock.systemUTC())
                .require(null, null, false));
    }

    @AfterAll
    static void stopFixtures() {
        for (FixtureServer f : new FixtureServer[] {big, small}) {
            if (f != null) {
                f.close();
            }
        }
    }

    private Coordinator coordinator(Duration resync) {
        return new Coordinator(RealTimeConfig.builder(port, "it-expander", clock, 11)
                .mediaPort(media)
                .resyncInterval(resync)
                .build());
    }

    private void addSource(String id, String url) {
        sheet.add(sheet.tabs.sources(), Map.of("ID", id, "URL", url, "Status", "pending"));
    }

    /**
     * Claims the one source and expands it; processNextTask returns once the source's result is in the sheet (the
     * coordinator may already hold a claim on the next video for this thread, released by close()).
     */
    private void expandOnce(Coordinator c) {
        assertTrue(c.processNextTask(url -> fail("only the source may be claimed, got video " + url)),
                "a source was claimed and expanded");
        assertTrue(sheet.rows(sheet.tabs.sources()).stream().noneMatch(r -> "in-progress".equals(r.get("Status"))),
                "the source's result is written when processNextTask returns");
    }

    /** Ground truth written by make-fixture.sh: id -> {url, title, duration}. */
    private static Map<String, JsonNode> expected(FixtureServer f) throws IOException {
        try (var lines = Files.lines(f.dir.resolve("expected/channel.jsonl"))) {
            return lines.map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new IllegalStateException(l, e);
                }
            }).collect(Collectors.toMap(n -> n.path("id").asText(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
        }
    }

    /** Each video row's fields against the ground truth: ID, URL (the smuggled guid fragment kept), Title, Duration. */
    private static void assertRowsMatch(Map<String, JsonNode> truth, List<WorkRow> rows, String sourceId) {
        Map<String, Long> perId = rows.stream().collect(Collectors.groupingBy(WorkRow::id, Collectors.counting()));
        assertEquals(truth.keySet(), perId.keySet(), "exactly the feed's videos");
        assertTrue(perId.values().stream().allMatch(n -> n == 1), "each video exactly once");
        for (WorkRow r : rows) {
            JsonNode t = truth.get(r.id());
            assertEquals(t.path("title").asText(), r.get("Title"), r.id());
            assertEquals(t.path("duration").isNumber() ? t.path("duration").asText() : "", r.get("Duration"), r.id());
            assertTrue(r.url().startsWith(t.path("url").asText() + "#__youtubedl_smuggle="), r.url());
            assertEquals(sourceId, r.get("SourceID"));
            // The thread that expanded the source may already hold its next video (claimed in the same write as
            // the source's result); every other row is as appended.
            if (!"in-progress".equals(r.get("Status"))) {
                assertEquals("pending", r.get("Status"), r.id());
            } else {
                assertEquals("it-expander", r.get("ClaimedBy"), r.id());
            }
        }
        assertTrue(rows.stream().filter(r -> "in-progress".equals(r.get("Status"))).count() <= 1,
                "at most one video claimed ahead for the one thread");
    }

    @Test
    void a_5000_item_feed_expands_through_the_coordinator_in_at_most_15_sheets_requests() throws IOException {
        addSource("big", big.url("/channel.rss"));
        port.reset();
        videoAppends.set(0);
        // Counted as the bench counts it: every request from the agent's start (schema check, tag, claim,
        // verification, the expansion itself) until the source's result is written. What the engine sends after that
        // (rows tagged ahead for this thread's next video) belongs to the next claim, not to the expansion.
        int[] requests = {-1};
        int[] appends = {-1};
        Map<String, Integer>[] byMethod = new Map[1];
        CoordinatorListener countAtDone = new CoordinatorListener() {
            @Override
            public void onTaskEvent(TaskEvent e) {
                if (e.type() == TaskEvent.Type.DONE && e.kind() == TaskKind.SOURCE) {
                    requests[0] = port.total();
                    byMethod[0] = port.counts();
                    appends[0] = videoAppends.get();
                }
            }
        };
        try (Coordinator c = new Coordinator(RealTimeConfig.builder(port, "it-expander", clock, 11)
                .mediaPort(media).resyncInterval(Duration.ZERO).listener(countAtDone).build())) {
            expandOnce(c);
        }
        LOG.info("expanding 5,000 videos cost {} Sheets requests: {}", requests[0], byMethod[0]);
        assertTrue(requests[0] > 0, "the source was marked done");
        assertTrue(requests[0] <= 15, "SPEC 8: at most 15 requests, sent " + requests[0] + " " + byMethod[0]);
        assertEquals(3, appends[0], "5,000 rows in batches of 2,000: " + byMethod[0]);

        assertRowsMatch(expected(big), sheet.rows(sheet.tabs.videos()), "big");
        WorkRow source = sheet.find(sheet.tabs.sources(), "big").orElseThrow();
        assertEquals("done", source.get("Status"));
        assertEquals("5000", source.get("Videos"));
    }

    @Test
    void re_syncing_the_50_item_feed_lists_it_again_and_adds_nothing() throws IOException {
        addSource("small", small.url("/channel.rss"));
        try (Coordinator c = coordinator(Duration.ofDays(1))) {
            expandOnce(c);
            assertRowsMatch(expected(small), sheet.rows(sheet.tabs.videos()), "small");
            Instant expandedAt = sheet.find(sheet.tabs.sources(), "small").orElseThrow().time("ExpandedAt").orElseThrow();

            sheet.fill(sheet.tabs.videos(), "Status", "done"); // as if this agent had downloaded them all
            List<List<String>> before = cells(sheet.rows(sheet.tabs.videos()));
            assertFalse(c.processNextTask(url -> fail("nothing is due yet")), "the re-sync is not due before a day");

            clock.shift(Duration.ofDays(1).plusMinutes(1));
            port.reset();
            expandOnce(c);
            assertEquals(0, port.count("append"), "the re-sync appended rows: " + port.counts());
            WorkRow source = sheet.find(sheet.tabs.sources(), "small").orElseThrow();
            assertTrue(source.time("ExpandedAt").orElseThrow().isAfter(expandedAt.plus(Duration.ofDays(1))),
                    "the source was listed again: " + source);
            assertEquals("50", source.get("Videos"));
            assertTrue(before.equals(cells(sheet.rows(sheet.tabs.videos()))), "Video Tasks changed by the re-sync");
        }
    }

    @Test
    void titles_reach_the_sheet_literally_formulas_numbers_and_control_characters_included() throws IOException {
        String[] titles = {
            "=HYPERLINK(\"http://x\";\"click\")", "0012", "+33 1 23 45", "-x1", "'quoted", "TRUE", "1/2/2024",
            "Ünïcödé — “quotes” & <tags>\ttab", "two\nlines",
        };
        StringBuilder feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Literal titles</title>");
        for (int i = 0; i < titles.length; i++) {
            feed.append("<item><title>").append(xml(titles[i])).append("</title><guid>lit-").append(i)
                    .append("</guid><enclosure url=\"").append(small.url("/v/lit-" + i + ".mp4"))
                    .append("\" type=\"video/mp4\"/></item>");
        }
        small.writeSiteFile("literal.rss", feed.append("</channel></rss>\n").toString());
        addSource("lit", small.url("/literal.rss"));
        try (Coordinator c = coordinator(Duration.ZERO)) {
            expandOnce(c);
        }
        Map<String, String> got = sheet.rows(sheet.tabs.videos()).stream()
                .collect(Collectors.toMap(WorkRow::id, r -> r.get("Title")));
        for (int i = 0; i < titles.length; i++) {
            assertEquals(titles[i], got.get("lit-" + i), "title " + i);
        }
        assertEquals(titles.length, got.size());
    }

    private static List<List<String>> cells(List<WorkRow> rows) {
        return rows.stream().map(WorkRow::cells).toList();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
