package io.github.ytdc.coord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives a row ID for a row a person added with only a URL. */
final class RowIds {
    private static final Pattern YOUTUBE_VIDEO = Pattern.compile(
            "(?i)^(?:https?://)?(?:www\\.|m\\.|music\\.)?(?:youtube\\.com/(?:watch\\?(?:.*&)?v=|shorts/|embed/|live/)"
                    + "|youtu\\.be/)([A-Za-z0-9_-]{11})(?:[^A-Za-z0-9_-].*)?$");

    private RowIds() {}

    /** The YouTube video id of a watch, youtu.be, shorts, embed or live URL, if it is one. */
    static Optional<String> youtubeVideoId(String url) {
        Matcher m = YOUTUBE_VIDEO.matcher(url.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The video id for YouTube video URLs, else {@code u} + 10 hex digits of the URL's SHA-256 (stable across hosts). */
    static String fromUrl(String url) {
        return youtubeVideoId(url).orElseGet(() -> "u" + sha256Hex(url.trim()).substring(0, 10));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
