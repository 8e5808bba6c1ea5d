package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.ExpandOptions;
import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.SystemTools;
import io.github.ytdc.testing.Processes;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 5,000-item feed with the real yt-dlp: entries are streamed, not collected. */
class BigFeedExpansionTest {
    @TempDir
    static Path dir;
    static FixtureServer fixture;

    @BeforeAll
    static void startFixture() throws Exception {
        fixture = FixtureServer.start(dir.resolve("fx"), 5000);
    }

    @AfterAll
    static void stopFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void five_thousand_entries_reach_the_sink_one_by_one_while_yt_dlp_is_still_running() {
        Toolchain tools = SystemTools.require(false);
        AtomicInteger count = new AtomicInteger();
        AtomicBoolean firstArrivedWhileRunning = new AtomicBoolean();
        Set<String> ids = new HashSet<>();
        new YtDlpMediaPort(tools).expand(fixture.url("/channel.rss"), ExpandOptions.defaults(), e -> {
            if (count.getAndIncrement() == 0) {
                firstArrivedWhileRunning.set(!Processes.liveDescendants("yt-dlp").isEmpty());
            }
            ids.add(e.id());
        }, TaskContext.detached());
        assertEquals(5000, count.get());
        assertEquals(5000, ids.size());
        assertTrue(ids.contains("video-00001") && ids.contains("video-05000"));
        assertTrue(firstArrivedWhileRunning.get(), "the first entry was handed over before yt-dlp finished");
    }
}
