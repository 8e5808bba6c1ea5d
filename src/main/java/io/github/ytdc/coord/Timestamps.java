package io.github.ytdc.coord;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Timestamps in cells. Written as ISO-8601 UTC to the second ({@code 2026-11-21T08:00:00Z}) so that hosts in
 * different zones agree. The Python tool's naive {@code YYYY-MM-DD HH:MM:SS} is still read, as UTC: it carries
 * no zone, and UTC is the only reading all hosts share.
 */
public final class Timestamps {
    private static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Timestamps() {}

    /** {@code 2026-11-21T08:00:00Z}. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * {@code 2026-11-21T08:00:00.123Z}: to the millisecond, for ClaimedAt, which owners compare to tell a late claim
     * decided before they won from a newer one; two agents often decide within the same second.
     */
    public static String formatMillis(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Reads ISO-8601 (with or without zone, zone-less read as UTC) or {@code YYYY-MM-DD HH:MM:SS}; empty if neither. */
    public static Optional<Instant> parse(String cell) {
        if (cell == null || cell.isBlank()) {
            return Optional.empty();
        }
        String t = cell.trim();
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException notIsoInstant) {
            // fall through to zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            try {
                return Optional.of(LocalDateTime.parse(t, PYTHON).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
