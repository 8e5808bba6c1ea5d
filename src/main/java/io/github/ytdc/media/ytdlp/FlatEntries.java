package io.github.ytdc.media.ytdlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.coord.VideoEntry;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one line of {@code yt-dlp --flat-playlist -j} into a {@link VideoEntry}. Pure; tolerant of missing and
 * null fields, because flat entries carry only what the listing page showed.
 */
final class FlatEntries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SMUGGLE = "#__youtubedl_smuggle=";
    /** What YouTube lists in place of videos nobody can watch (yt-dlp issue #9835). */
    private static final Set<String> PLACEHOLDER_TITLES = Set.of("[Private video]", "[Deleted video]");
    /** Availabilities a download without a member's cookies cannot get past. */
    private static final Set<String> UNAVAILABLE = Set.of("subscriber_only", "premium_only");

    private FlatEntries() {}

    /** What one output line turned out to be. */
    sealed interface Line {}

    /** A video to record. */
    record Video(VideoEntry entry) implements Line {}

    /** A YouTube channel tab (videos, shorts, streams ...) listed instead of videos. */
    record ChannelTab(String url, YouTubeTabs.Tab tab) implements Line {}

    /** Something to leave out: not JSON, no URL, or a private/deleted placeholder. */
    record Skipped(String why) implements Line {}

    static Line parse(String jsonLine) {
        JsonNode node;
        try {
            node = JSON.readTree(jsonLine);
        } catch (JsonProcessingException e) {
            return new Skipped("not JSON: " + abbreviate(jsonLine));
        }
        if (node == null || !node.isObject()) {
            return new Skipped("not a JSON object: " + abbreviate(jsonLine));
        }
        String url = text(node, "url");
        if (url == null) {
            url = text(node, "webpage_url");
        }
        if (url == null) {
            return new Skipped("entry without url");
        }
        String title = text(node, "title");
        if (title != null && PLACEHOLDER_TITLES.contains(title)) {
            return new Skipped("placeholder " + title + " for " + url);
        }
        Optional<YouTubeTabs.Tab> tab = YouTubeTabs.tabOf(url);
        if (tab.isPresent() && "url".equals(text(node, "_type"))) {
            return new ChannelTab(url, tab.get());
        }
        String id = text(node, "id");
        // XSPF entries all carry the playlist's own id; such an id names the container, not the video.
        if (id == null || id.equals(text(node, "playlist_id"))) {
            id = deriveId(url);
        }
        return new Video(new VideoEntry(id, url, title, duration(node), releaseOfUpcoming(node), unavailable(node)));
    }

    /**
     * A members-only or premium-only video, as a YouTube listing marks it ({@code availability}, from
     * {@code yt_dlp/extractor/youtube/_tab.py}'s badges): why it cannot be downloaded without a member's cookies.
     */
    private static String unavailable(JsonNode node) {
        String availability = text(node, "availability");
        if (availability == null || !UNAVAILABLE.contains(availability)) {
            return "";
        }
        return (availability.equals("premium_only") ? "YouTube Premium only" : "members-only")
                + " (listed with availability " + availability + "): not downloaded; to get it, give the agents "
                + "--cookies of an account with access and requeue it (ytdc requeue)";
    }

    /** For an upcoming premiere or live event ({@code live_status is_upcoming}), its {@code release_timestamp}. */
    private static Instant releaseOfUpcoming(JsonNode node) {
        JsonNode t = node.get("release_timestamp");
        if (!"is_upcoming".equals(text(node, "live_status")) || t == null || !t.isNumber() || t.asLong() <= 0) {
            return null;
        }
        return Instant.ofEpochSecond(t.asLong());
    }

    /**
     * A stable id for an entry yt-dlp gave none: the guid smuggled into the URL's fragment, else the last path
     * segment without its extension (when the URL has no query), else a hash of the URL.
     */
    static String deriveId(String url) {
        int at = url.indexOf(SMUGGLE);
        if (at >= 0) {
            String guid = smuggledVideoId(url.substring(at + SMUGGLE.length()));
            if (guid != null) {
                return guid;
            }
        }
        try {
            URI uri = URI.create(at >= 0 ? url.substring(0, at) : url);
            String path = uri.getRawPath();
            if (uri.getRawQuery() == null && path != null) {
                String last = path.substring(path.lastIndexOf('/') + 1);
                last = URLDecoder.decode(last, StandardCharsets.UTF_8);
                int dot = last.lastIndexOf('.');
                String stem = dot > 0 ? last.substring(0, dot) : last;
                if (!stem.isBlank()) {
                    return stem;
                }
            }
        } catch (IllegalArgumentException e) {
            // not a parseable URI: fall through to the hash
        }
        return "u" + sha256(url).substring(0, 16);
    }

    private static String smuggledVideoId(String encoded) {
        try {
            JsonNode data = JSON.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
            return data == null ? null : text(data, "force_videoid");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Duration duration(JsonNode node) {
        JsonNode d = node.get("duration");
        if (d == null || !d.isNumber() || d.asDouble() < 0) {
            return null;
        }
        return Duration.ofMillis(Math.round(d.asDouble() * 1000));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
