package io.github.ytdc.media.ytdlp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What was found for one external tool, for {@code ytdc doctor} and the agent's start-up log.
 *
 * @param tool     {@code yt-dlp} or {@code ffmpeg}
 * @param path     where it was found, or {@code null} when it was not
 * @param foundVia how it was found: {@code --yt-dlp}, {@code YTDC_YT_DLP}, {@code PATH}, or {@code ""}
 * @param version  the version it printed, or {@code null} when it could not be run
 * @param age      for yt-dlp, how old its release is (its version is a date), else {@code null}
 * @param problems what is wrong or worth fixing, each with how to fix it; empty when all is well
 */
public record ToolReport(String tool, Path path, String foundVia, String version, Duration age, List<String> problems) {
    public ToolReport {
        Objects.requireNonNull(tool, "tool");
        foundVia = foundVia == null ? "" : foundVia;
        problems = List.copyOf(problems);
    }

    /** The tool was found and ran (it may still be outdated: see {@link #problems()}). */
    public boolean usable() {
        return path != null && version != null;
    }

    /** Usable and nothing to complain about. */
    public boolean healthy() {
        return usable() && problems.isEmpty();
    }
}
