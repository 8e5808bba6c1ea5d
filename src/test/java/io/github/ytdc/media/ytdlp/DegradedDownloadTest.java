package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A "successful" download after toolchain warnings that fell back to 360p is a host problem, not a success. */
class DegradedDownloadTest {
    /** {@code yt_dlp/extractor/youtube/_video.py} (2026.08.19) line 3356. */
    private static final String N_FAILED = "WARNING: [youtube] dQw4w9WgXcQ: n challenge solving failed: Some formats may "
            + "be missing. Ensure you have a supported JavaScript runtime and challenge solver script distribution "
            + "installed. Review any warnings presented before this message. For more details, refer to  "
            + "https://github.com/yt-dlp/yt-dlp/wiki/EJS";

    @Test
    void format_18_after_a_challenge_warning_is_degraded_and_says_how_to_fix_it() {
        var d = YtDlpDownloader.degradation(List.of(N_FAILED), List.of("360 18"));
        assertTrue(d.isPresent());
        assertTrue(d.get().contains("format 18 (360p)") && d.get().contains("ytdc tools install"), d.get());
        assertTrue(YtDlpDownloader.degradation(List.of(N_FAILED), List.of("NA 18")).isPresent(), "audio taken from 18");
        assertTrue(YtDlpDownloader.degradation(List.of(N_FAILED), List.of("240 133+140")).isPresent());
    }

    @Test
    void a_good_format_or_no_toolchain_warning_is_a_real_success() {
        assertTrue(YtDlpDownloader.degradation(List.of(N_FAILED), List.of("1080 137+140")).isEmpty());
        assertTrue(YtDlpDownloader.degradation(List.of("WARNING: [generic] Falling back"), List.of("360 18")).isEmpty());
        assertTrue(YtDlpDownloader.degradation(List.of(), List.of("120 mp4")).isEmpty(), "a small fixture clip");
    }
}
