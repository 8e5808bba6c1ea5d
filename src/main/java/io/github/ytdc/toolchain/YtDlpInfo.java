package io.github.ytdc.toolchain;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a yt-dlp executable says about itself in its {@code --help} and verbose header.
 *
 * @param version     e.g. {@code 2026.08.19}
 * @param channel     {@code stable}, {@code nightly}, ... as its header names it, or {@code ""} if unknown
 * @param variant     how it was built or installed: {@code zip}, {@code linux_exe}, {@code pip}, {@code debian*},
 *                    ... or {@code ""}
 * @param hasEjs      whether the challenge-solver scripts (the {@code yt_dlp_ejs} package) are bundled
 * @param jsRuntimes  its header's {@code JS runtimes:} line, e.g. {@code deno-2.9.6}; empty when it has none (a yt-dlp
 *                    older than 2025.11.12)
 * @param options     the long options its {@code --help} lists
 */
record YtDlpInfo(String version, String channel, String variant, boolean hasEjs, Optional<String> jsRuntimes,
                        Set<String> options) {
    public YtDlpInfo {
        Objects.requireNonNull(version, "version");
        channel = channel == null ? "" : channel;
        variant = variant == null ? "" : variant;
        Objects.requireNonNull(jsRuntimes, "jsRuntimes");
        options = Set.copyOf(options);
    }

    /** Whether it knows {@code option}. */
    boolean knows(String option) {
        return options.contains(option);
    }
}
