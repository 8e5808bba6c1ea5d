package io.github.ytdc.toolchain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a yt-dlp version string says: its release date, and whether it can still download from YouTube. */
final class YtDlpRelease {
    /**
     * The first release that runs YouTube's JavaScript challenge in an external runtime (Changelog 2025.11.12: "An
     * external JavaScript runtime is now required for full YouTube support"). Older releases cannot solve it at all.
     */
    public static final LocalDate FIRST_WITH_JS_CHALLENGES = LocalDate.of(2025, 11, 12);
    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})");

    private YtDlpRelease() {}

    /** The date of a date-versioned release: {@code 2026.08.19}, nightly {@code 2026.08.19.232739}. */
    public static Optional<LocalDate> date(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(version.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** True when {@code version} is a release at least as new as {@link #FIRST_WITH_JS_CHALLENGES}. */
    public static boolean solvesJsChallenges(String version) {
        return date(version).map(d -> !d.isBefore(FIRST_WITH_JS_CHALLENGES)).orElse(false);
    }
}
