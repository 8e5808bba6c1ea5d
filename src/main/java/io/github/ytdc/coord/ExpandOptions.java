package io.github.ytdc.coord;

/**
 * How to expand a source.
 *
 * @param maxVideos      stop after this many entries; 0 for no limit
 * @param includeShorts  whether a YouTube channel's shorts are listed
 * @param includeLive    whether a YouTube channel's live streams are listed
 */
public record ExpandOptions(int maxVideos, boolean includeShorts, boolean includeLive) {
    public ExpandOptions {
        if (maxVideos < 0) {
            throw new IllegalArgumentException("maxVideos must be >= 0, was " + maxVideos);
        }
    }

    /** No limit, regular videos only. */
    public static ExpandOptions defaults() {
        return new ExpandOptions(0, false, false);
    }

    public ExpandOptions withMaxVideos(int max) {
        return new ExpandOptions(max, includeShorts, includeLive);
    }
}
