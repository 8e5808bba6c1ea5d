package io.github.ytdc.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's periodic update, driven by hand with a test clock. */
class ToolUpdaterTest {
    @TempDir
    Path dir;
    private ReleaseServer release;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws Exception {
        release = new ReleaseServer();
    }

    @AfterEach
    void stop() {
        release.close();
    }

    private void publish(String version) {
        byte[] binary = ReleaseServer.script(version);
        release.publish(version, Map.of("yt-dlp_linux", binary, YtDlpInstaller.SUMS,
                ReleaseServer.sums(Map.of("yt-dlp_linux", binary))));
    }

    @Test
    void a_new_release_is_installed_once_the_interval_passed_and_the_workers_label_follows() {
        Map<String, String> env = Map.of("PATH", "");
        ManagedTools managed = new ManagedTools(ToolsConfig.defaults(dir.resolve("tools"))
                .withYtDlpRelease(release.latest(), "yt-dlp_linux")
                .withDeno(ToolsConfig.DenoSource.NONE, null, null, null), env, clock);
        ToolchainSetup setup = new ToolchainSetup(managed, new ToolDiscovery(env, clock), env);
        publish("2026.08.19");
        managed.install(false);
        ToolUpdater updater = new ToolUpdater(managed, setup, null, null, setup.choose(null, null));
        assertEquals("yt-dlp 2026.08.19, no JS runtime", updater.label());

        publish("2026.09.02");
        clock.advance(Duration.ofHours(1));
        updater.checkNow();
        assertEquals("yt-dlp 2026.08.19, no JS runtime", updater.label(), "not due yet");
        assertEquals(1, release.downloads("yt-dlp_linux"));

        clock.advance(Duration.ofHours(23));
        updater.checkNow();
        assertEquals("yt-dlp 2026.09.02, no JS runtime", updater.label());
        assertEquals("2026.09.02", managed.ytDlp().orElseThrow().version());
    }
}
