package io.github.ytdc.media.ytdlp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The external programs the adapter runs, found and checked once at start-up by {@link ToolDiscovery}.
 *
 * @param ytDlp        the yt-dlp executable
 * @param ytDlpVersion the version it reported, e.g. {@code 2023.03.04}
 * @param ffmpeg       the ffmpeg executable, or {@code null} when none was found (no audio extraction, no merging)
 */
public record Toolchain(Path ytDlp, String ytDlpVersion, Path ffmpeg) {
    public Toolchain {
        Objects.requireNonNull(ytDlp, "ytDlp");
        ytDlpVersion = ytDlpVersion == null ? "unknown" : ytDlpVersion;
    }

    /** A toolchain from known paths, without checking them (tests, or callers that did their own checks). */
    public static Toolchain of(Path ytDlp, Path ffmpeg) {
        return new Toolchain(ytDlp, null, ffmpeg);
    }

    /**
     * The start of every yt-dlp command line. {@code --ignore-config} because a user's or the system's yt-dlp
     * config would silently change what agents do.
     */
    List<String> ytDlpCommand() {
        List<String> argv = new ArrayList<>(List.of(ytDlp.toString(), "--ignore-config"));
        if (ffmpeg != null) {
            argv.add("--ffmpeg-location");
            argv.add(ffmpeg.toString());
        }
        return argv;
    }

    /**
     * Environment for yt-dlp: UTF-8 on its pipes and file names whatever the host's locale, and unbuffered
     * output so progress and entries arrive as they happen.
     */
    static Map<String, String> ytDlpEnvironment() {
        return Map.of("PYTHONIOENCODING", "utf-8", "PYTHONUTF8", "1", "PYTHONUNBUFFERED", "1");
    }
}
