package io.github.ytdc.ops;

import io.github.ytdc.coord.TabNames;
import io.github.ytdc.sheets.ConnectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code ytdc doctor} checks.
 *
 * @param connection   the spreadsheet and credentials
 * @param tabs         the tab titles in use
 * @param ytDlp        the {@code --yt-dlp} path, or {@code null} to look it up as the agent would
 * @param ffmpeg       the {@code --ffmpeg} path, or {@code null}
 * @param output       the download folder whose free space matters
 * @param minFreeBytes less free space than this fails the disk check
 * @param maxSkew      agent timestamps further ahead of this host's clock than this are flagged
 * @param jsRuntime    the {@code --js-runtime} given, or {@code null} to look for one as the agent would
 * @param canaryUrl    a video to extract for real ({@code --canary}), or {@code null}
 */
public record DoctorOptions(ConnectionSettings connection, TabNames tabs, Path ytDlp, Path ffmpeg, Path output,
                            long minFreeBytes, Duration maxSkew, Path jsRuntime, String canaryUrl) {
    /** 1 GiB: a few videos' worth. */
    public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(1);

    public DoctorOptions {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(tabs, "tabs");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(maxSkew, "maxSkew");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minimum free space must be >= 0, was " + minFreeBytes);
        }
    }

    /** Options without a named runtime or a canary. */
    public DoctorOptions(ConnectionSettings connection, TabNames tabs, Path ytDlp, Path ffmpeg, Path output,
                         long minFreeBytes, Duration maxSkew) {
        this(connection, tabs, ytDlp, ffmpeg, output, minFreeBytes, maxSkew, null, null);
    }
}
