package io.github.ytdc.media;

import java.time.Duration;
import java.util.Objects;

/**
 * One video found while expanding a source.
 *
 * @param id       a stable id (yt-dlp's, or derived from the URL when yt-dlp gives none)
 * @param url      the URL to download it from, passed back to yt-dlp unchanged
 * @param title    the title as listed, or {@code ""}
 * @param duration the duration where known, else {@code null}
 */
public record VideoEntry(String id, String url, String title, Duration duration) {
    public VideoEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        title = title == null ? "" : title;
    }
}
