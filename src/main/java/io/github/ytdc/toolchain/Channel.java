package io.github.ytdc.toolchain;

import java.net.URI;
import java.util.Locale;

/**
 * Which yt-dlp builds to follow. yt-dlp's README calls stable "often stale" and recommends nightly to regular users;
 * YouTube changes faster than stable releases come out.
 */
enum Channel {
    /** Tagged releases of {@code yt-dlp/yt-dlp}. */
    STABLE("https://github.com/yt-dlp/yt-dlp/releases/latest/download/"),
    /** Daily builds from {@code yt-dlp/yt-dlp-nightly-builds}. */
    NIGHTLY("https://github.com/yt-dlp/yt-dlp-nightly-builds/releases/latest/download/");

    private final URI releaseUrl;

    Channel(String releaseUrl) {
        this.releaseUrl = URI.create(releaseUrl);
    }

    /** Where the channel's latest release assets (and their {@code SHA2-256SUMS}) are downloaded from. */
    URI defaultReleaseUrl() {
        return releaseUrl;
    }

    /** {@code stable} or {@code nightly}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code stable} or {@code nightly} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Channel parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.label().equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + text + "'; use stable or nightly");
    }
}
