package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadOptionsTest {
    @TempDir
    Path dir;

    @Test
    void defaults_put_the_archive_in_the_output_folder_and_use_the_id_template() {
        DownloadOptions o = DownloadOptions.builder(dir).build();
        assertEquals(dir.resolve(".ytdc-archive.txt"), o.archiveFile());
        assertEquals("%(title).200B [%(id)s].%(ext)s", o.outputTemplate());
        assertEquals(DownloadOptions.DEFAULT_TIMEOUT, o.timeout());
        assertTrue(o.extraArgs().isEmpty());
    }

    @Test
    void audio_format_is_normalised_and_unknown_ones_are_refused_with_the_valid_list() {
        assertEquals("mp3", DownloadOptions.builder(dir).audioFormat(" MP3 ").build().audioFormat());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DownloadOptions.builder(dir).audioFormat("mp5").build());
        assertTrue(e.getMessage().contains("mp3") && e.getMessage().contains("opus"), e.getMessage());
    }

    @Test
    void templates_that_escape_the_output_folder_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).outputTemplate("/tmp/%(id)s.%(ext)s").build());
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).outputTemplate("../%(id)s.%(ext)s").build());
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).outputTemplate(" ").build());
        assertEquals("%(uploader)s/%(id)s.%(ext)s",
                DownloadOptions.builder(dir).outputTemplate("%(uploader)s/%(id)s.%(ext)s").build().outputTemplate());
    }

    @Test
    void extra_arguments_that_would_bypass_the_temporary_folder_are_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DownloadOptions.builder(dir).extraArg("--socket-timeout").extraArg("5").extraArg("-o").extraArg("x").build());
        assertTrue(e.getMessage().contains("-o"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).extraArg("--paths=home:/x").build());
        assertEquals(List.of("--socket-timeout", "5"),
                DownloadOptions.builder(dir).extraArgs(List.of("--socket-timeout", "5")).build().extraArgs());
    }

    @Test
    void bad_rate_limits_timeouts_cookies_and_hook_placeholders_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).rateLimit("fast").build());
        assertEquals("4.2M", DownloadOptions.builder(dir).rateLimit("4.2M").build().rateLimit());
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).timeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.builder(dir).cookiesFile(dir.resolve("none.txt")).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DownloadOptions.builder(dir).execHook(List.of("aws", "s3", "cp", "{path}", "s3://b/")).build());
        assertTrue(e.getMessage().contains("{path}") && e.getMessage().contains("{file}"), e.getMessage());
    }

    @Test
    void the_archive_can_be_moved_or_turned_off() {
        assertEquals(dir.resolve("a.txt"), DownloadOptions.builder(dir).archiveFile(dir.resolve("a.txt")).build().archiveFile());
        assertNull(DownloadOptions.builder(dir).noArchive().build().archiveFile());
    }

    @Test
    void the_download_command_always_ignores_config_and_ends_with_the_url_after_a_separator() {
        DownloadOptions o = DownloadOptions.builder(dir).audioFormat("mp3").rateLimit("50K").extraArg("--socket-timeout=5").build();
        List<String> argv = YtDlpDownloader.command(Toolchain.of(Path.of("/usr/bin/yt-dlp"), Path.of("/usr/bin/ffmpeg")), o,
                dir.resolve("w"), "-odd-url");
        assertEquals("--ignore-config", argv.get(1));
        assertEquals(List.of("--", "-odd-url"), argv.subList(argv.size() - 2, argv.size()));
        assertTrue(argv.containsAll(List.of("--extract-audio", "--audio-format", "mp3", "--limit-rate", "50K",
                "--socket-timeout=5", "--ffmpeg-location", "/usr/bin/ffmpeg")), argv.toString());
    }
}
