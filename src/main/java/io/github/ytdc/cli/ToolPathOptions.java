package io.github.ytdc.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where yt-dlp and ffmpeg are, when not found the usual way; shared by {@code agent} and {@code doctor}. */
final class ToolPathOptions {
    @Option(names = "--yt-dlp", paramLabel = "PATH",
            description = "The yt-dlp executable (default: YTDC_YT_DLP, else found on PATH).")
    Path ytDlp;

    @Option(names = "--ffmpeg", paramLabel = "PATH",
            description = "The ffmpeg executable (default: YTDC_FFMPEG, else found on PATH).")
    Path ffmpeg;

    /** The yt-dlp given, or null to discover it. */
    public Path ytDlp() {
        return ytDlp;
    }

    /** The ffmpeg given, or null to discover it. */
    public Path ffmpeg() {
        return ffmpeg;
    }
}
