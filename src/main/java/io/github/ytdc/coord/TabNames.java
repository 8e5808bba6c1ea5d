package io.github.ytdc.coord;

import java.util.List;
import java.util.Objects;

/**
 * The titles of the five tabs.
 *
 * @param sources     channels and playlists to expand
 * @param videos      one row per video
 * @param deadSources sources that exhausted their retries or failed fatally
 * @param deadVideos  videos that exhausted their retries or failed fatally
 * @param workers     one row per agent
 */
public record TabNames(String sources, String videos, String deadSources, String deadVideos, String workers) {
    /** {@code Sources}, {@code Video Tasks}, {@code Dead-Letter Sources}, {@code Dead-Letter Tasks}, {@code Workers}. */
    public static final TabNames DEFAULT =
            new TabNames("Sources", "Video Tasks", "Dead-Letter Sources", "Dead-Letter Tasks", "Workers");

    /** The compact archive of finished rows moved out of Video Tasks: one row per archived block. */
    public static final String ARCHIVE = "Archive";

    /** The compact archive's title ({@value #ARCHIVE}); not configurable, so every agent finds the same tab. */
    public String archive() {
        return ARCHIVE;
    }

    public TabNames {
        for (String t : List.of(sources, videos, deadSources, deadVideos, workers)) {
            if (Objects.requireNonNull(t, "tab name").isBlank()) {
                throw new IllegalArgumentException("tab names must not be blank");
            }
        }
        if (List.of(sources, videos, deadSources, deadVideos, workers).stream()
                .map(String::toLowerCase).distinct().count() != 5) {
            throw new IllegalArgumentException("the five tab names must differ: " + List.of(sources, videos,
                    deadSources, deadVideos, workers));
        }
    }
}
