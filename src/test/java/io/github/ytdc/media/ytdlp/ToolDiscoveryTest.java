package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.YtdcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real yt-dlp and ffmpeg installed in /usr/bin. */
class ToolDiscoveryTest {
    private static final Path YT_DLP = Path.of("/usr/bin/yt-dlp");
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
    @TempDir
    Path dir;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void yt_dlp_on_the_path_is_found_and_its_date_version_gives_its_age() {
        String version = new ToolDiscovery(Map.of("PATH", SYSTEM_PATH), at("2020-01-01T00:00:00Z")).inspectYtDlp(null).version();
        Instant tenDaysLater = java.time.LocalDate.parse(version.substring(0, 10).replace('.', '-'))
                .plusDays(10).atStartOfDay().toInstant(ZoneOffset.UTC);
        ToolReport r = new ToolDiscovery(Map.of("PATH", SYSTEM_PATH), Clock.fixed(tenDaysLater, ZoneOffset.UTC)).inspectYtDlp(null);
        assertTrue(r.healthy(), r.toString());
        assertEquals("PATH", r.foundVia());
        assertEquals(10, r.age().toDays());
    }

    @Test
    void a_release_older_than_90_days_is_reported_with_how_to_update() {
        ToolDiscovery d = new ToolDiscovery(Map.of("PATH", SYSTEM_PATH), at("2026-11-21T08:00:00Z"));
        assertEquals(1358, d.ageOf("2023.03.04").toDays());
        ToolReport r = d.inspectYtDlp(null);
        assertTrue(r.usable());
        assertFalse(r.healthy());
        assertTrue(r.problems().get(0).contains("ytdc tools install"), r.problems().toString());
        assertTrue(r.problems().get(0).contains("github.com/yt-dlp/yt-dlp/releases"), r.problems().toString());
        // the agent still starts with an old release: it only warns
        assertEquals(r.path(), d.require(null, null, false).ytDlp());
    }

    @Test
    void nightly_versions_have_an_age_and_odd_ones_have_none() {
        ToolDiscovery d = new ToolDiscovery(Map.of(), at("2024-08-16T00:00:00Z"));
        assertEquals(10, d.ageOf("2024.08.06.232739").toDays());
        assertNull(d.ageOf("master-build"));
    }

    @Test
    void an_explicit_path_wins_over_the_environment_and_the_environment_over_path() {
        ToolDiscovery d = new ToolDiscovery(Map.of("PATH", "", ToolDiscovery.YT_DLP_ENV, YT_DLP.toString()), Clock.systemUTC());
        assertEquals("YTDC_YT_DLP", d.inspectYtDlp(null).foundVia());
        assertEquals(YT_DLP, d.inspectYtDlp(null).path());
        ToolReport explicit = new ToolDiscovery(Map.of(ToolDiscovery.YT_DLP_ENV, "/nowhere/yt-dlp"), Clock.systemUTC())
                .inspectYtDlp(YT_DLP);
        assertEquals("--yt-dlp", explicit.foundVia());
        assertTrue(explicit.usable());
    }

    @Test
    void a_wrong_configured_path_is_an_error_not_a_silent_fallback_to_path() {
        ToolReport r = new ToolDiscovery(Map.of("PATH", SYSTEM_PATH, ToolDiscovery.YT_DLP_ENV, "/nowhere/yt-dlp"), Clock.systemUTC())
                .inspectYtDlp(null);
        assertFalse(r.usable());
        assertTrue(r.problems().get(0).contains("YTDC_YT_DLP") && r.problems().get(0).contains("/nowhere/yt-dlp"), r.problems().toString());
    }

    @Test
    void missing_yt_dlp_stops_start_up_with_how_to_install_it() {
        ToolDiscovery d = new ToolDiscovery(Map.of("PATH", dir.toString()), Clock.systemUTC());
        YtdcException e = assertThrows(YtdcException.class, () -> d.require(null, null, false));
        assertTrue(e.getMessage().contains("yt-dlp not found") && e.getMessage().contains("ytdc tools install"), e.getMessage());
    }

    @Test
    void missing_ffmpeg_is_fatal_only_when_audio_extraction_is_asked_for() {
        ToolDiscovery d = new ToolDiscovery(Map.of("PATH", dir.toString(), ToolDiscovery.YT_DLP_ENV, YT_DLP.toString()), Clock.systemUTC());
        assertNull(d.require(null, null, false).ffmpeg());
        YtdcException e = assertThrows(YtdcException.class, () -> d.require(null, null, true));
        assertTrue(e.getMessage().contains("ffmpeg") && e.getMessage().contains("--ffmpeg"), e.getMessage());
        ToolReport ffmpeg = new ToolDiscovery(Map.of("PATH", SYSTEM_PATH), Clock.systemUTC()).inspectFfmpeg(null);
        assertTrue(ffmpeg.healthy(), ffmpeg.toString());
        assertNotNull(ffmpeg.version());
        assertFalse(ffmpeg.version().startsWith("version"), ffmpeg.version());
    }

    @Test
    void a_yt_dlp_that_cannot_run_is_reported_as_unusable() throws Exception {
        Path broken = dir.resolve("yt-dlp");
        Files.writeString(broken, "#!/bin/sh\necho 'ModuleNotFoundError: No module named yt_dlp' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        ToolReport r = new ToolDiscovery(Map.of("PATH", dir.toString()), Clock.systemUTC()).inspectYtDlp(null);
        assertFalse(r.usable());
        assertTrue(r.problems().get(0).contains("ModuleNotFoundError"), r.problems().toString());
    }
}
