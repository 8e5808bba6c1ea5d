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
 * @param invocation   how every run is set up: JavaScript runtime, cache folder, PO tokens, pacing
 */
public record Toolchain(Path ytDlp, String ytDlpVersion, Path ffmpeg, Invocation invocation) {
    public Toolchain {
        Objects.requireNonNull(ytDlp, "ytDlp");
        ytDlpVersion = ytDlpVersion == null ? "unknown" : ytDlpVersion;
        invocation = invocation == null ? Invocation.plain() : invocation;
    }

    /** A toolchain run with yt-dlp's defaults ({@link Invocation#plain()}). */
    public Toolchain(Path ytDlp, String ytDlpVersion, Path ffmpeg) {
        this(ytDlp, ytDlpVersion, ffmpeg, Invocation.plain());
    }

    /** The same tools, run as {@code how} says. */
    public Toolchain with(Invocation how) {
        return new Toolchain(ytDlp, ytDlpVersion, ffmpeg, how);
    }

    /** A toolchain from known paths, without checking them (tests, or callers that did their own checks). */
    public static Toolchain of(Path ytDlp, Path ffmpeg) {
        return new Toolchain(ytDlp, null, ffmpeg);
    }

    /**
     * The start of every yt-dlp command line. {@code --ignore-config} because a user's or the system's yt-dlp
     * config would silently change what agents do. The executable is resolved through links at each run, so when
     * the managed toolchain makes a new version current, new runs use it while running ones keep theirs.
     */
    List<String> ytDlpCommand() {
        List<String> argv = new ArrayList<>(List.of(resolved(ytDlp).toString(), "--ignore-config"));
        argv.addAll(invocation.commonArgs());
        if (ffmpeg != null) {
            argv.add("--ffmpeg-location");
            argv.add(ffmpeg.toString());
        }
        return argv;
    }

    /** {@code argv}, ending {@code -- URL}, with the pacing for that URL; see {@link Invocation#paced}. */
    List<String> paced(List<String> argv, boolean download) {
        return invocation.paced(argv, download);
    }

    private static Path resolved(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p; // the run itself will report a missing program
        }
    }

    /**
     * Environment for yt-dlp: UTF-8 on its pipes and file names whatever the host's locale, and unbuffered
     * output so progress and entries arrive as they happen.
     */
    static Map<String, String> ytDlpEnvironment() {
        return Map.of("PYTHONIOENCODING", "utf-8", "PYTHONUTF8", "1", "PYTHONUNBUFFERED", "1");
    }
}
