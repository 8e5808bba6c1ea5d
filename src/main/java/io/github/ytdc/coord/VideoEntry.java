package io.github.ytdc.coord;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One video found while expanding a source.
 *
 * @param id          a stable id (yt-dlp's, or derived from the URL when yt-dlp gives none)
 * @param url         the URL to download it from, passed back to yt-dlp unchanged
 * @param title       the title as listed, or {@code ""}
 * @param duration    the duration where known, else {@code null}
 * @param notBefore   for an upcoming premiere or live event, when it is released: its row waits until then;
 *                    else {@code null}
 * @param unavailable why this video cannot be downloaded at all, as the listing says (members-only): its row is
 *                    recorded as {@code error} without a download; {@code ""} for a downloadable video
 */
public record VideoEntry(String id, String url, String title, Duration duration, Instant notBefore, String unavailable) {
    public VideoEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        title = title == null ? "" : title;
        unavailable = unavailable == null ? "" : unavailable;
    }

    /** A downloadable video available now. */
    public VideoEntry(String id, String url, String title, Duration duration) {
        this(id, url, title, duration, null, "");
    }

    /** The same video, downloadable after all (e.g. members-only with a member's cookies). */
    public VideoEntry available() {
        return new VideoEntry(id, url, title, duration, notBefore, "");
    }
}
