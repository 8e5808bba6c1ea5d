package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.SystemTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's canary: a real extraction with the real yt-dlp against the offline fixture server. */
class CanaryTest {
    @TempDir
    static Path fixtureDir;
    static FixtureServer fixture;
    static Toolchain tools;

    @BeforeAll
    static void start() throws Exception {
        fixture = FixtureServer.start(fixtureDir.resolve("fx"), 3);
        // as the agent runs it: a cache folder, pacing (on YouTube hosts only, so not here), the options it knows
        tools = SystemTools.require(false).with(new Invocation(null, fixtureDir.resolve("cache"), null, null,
                Pacing.defaults(), Set.of("--cache-dir", "--sleep-requests")));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void an_extraction_reports_its_formats_and_their_best_height() {
        // the fixture's clip is 160x120: yt-dlp reads its height from the file only when it probes it, so the
        // generic extractor's single format may have no height at all; either way it is far below 360p
        Canary.Result r = Canary.run(tools, fixture.baseUrl + "/v/canary.mp4", Duration.ofSeconds(60));

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.error());
        assertTrue(r.formats() >= 1, r.toString());
        assertTrue(r.maxHeight() <= 360, r.toString());
        assertTrue(r.toolchainWarning().isEmpty(), r.toString());
    }

    @Test
    void a_failed_extraction_is_classified() {
        Canary.Result r = Canary.run(tools, fixture.baseUrl + "/empty.html", Duration.ofSeconds(60));

        assertEquals(1, r.exitCode());
        assertTrue(r.error().contains("Unsupported URL"), r.toString());
    }
}
