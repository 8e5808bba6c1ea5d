package io.github.ytdc.toolchain;

import java.util.Objects;
import java.util.Optional;

/**
 * What an install or update of one tool did.
 *
 * @param tool     {@code yt-dlp} or {@code deno}
 * @param previous the version that was current before, if any
 * @param current  the version current now, if any
 * @param changed  whether a new version was installed
 * @param failed   whether the install or update failed (the previous version, if any, stays current)
 * @param note     a line for the operator: what happened, or why nothing was installed and what to do
 */
record InstallResult(String tool, Optional<Installed> previous, Optional<Installed> current, boolean changed,
                            boolean failed, String note) {
    InstallResult {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(note, "note");
    }

    static InstallResult upToDate(Installed current) {
        return new InstallResult(current.tool(), Optional.of(current), Optional.of(current), false, false,
                current.tool() + " " + current.version() + " is up to date");
    }

    static InstallResult installed(Optional<Installed> previous, Installed now) {
        return new InstallResult(now.tool(), previous, Optional.of(now), true, false, now.tool() + " " + now.version()
                + " installed from " + now.source()
                + previous.map(p -> " (was " + p.version() + ")").orElse(""));
    }

    static InstallResult failed(String tool, Optional<Installed> current, String why) {
        return new InstallResult(tool, current, current, false, true, why);
    }
}
