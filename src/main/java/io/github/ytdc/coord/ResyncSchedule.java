package io.github.ytdc.coord;

import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a done source is expanded again (SPEC 5, re-sync): its own {@code Resync} column (such as {@code 1d}) when
 * set, else the global interval; zero means never.
 */
final class ResyncSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncSchedule.class);

    private final Duration global;
    /** Sources read on every tick: warn about a typo once, not once per tick. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ResyncSchedule(Duration global) {
        this.global = global;
    }

    /** How often {@code source} is re-synced, or empty for never. */
    Optional<Duration> interval(WorkRow source) {
        String own = source.get(Columns.RESYNC);
        Duration d = global;
        if (!own.isEmpty()) {
            try {
                d = Durations.parse(own);
            } catch (IllegalArgumentException e) {
                if (warned.add(source.id() + "\u0000" + own)) {
                    LOG.warn("source {}: ignoring Resync '{}': {}", source.id(), own, e.getMessage());
                }
            }
        }
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** True when {@code source} re-syncs and its last expansion is at least one interval old (or unknown). */
    boolean due(WorkRow source, Instant now) {
        Optional<Duration> every = interval(source);
        if (every.isEmpty()) {
            return false;
        }
        return source.time(Columns.EXPANDED_AT).map(at -> !now.isBefore(at.plus(every.get()))).orElse(true);
    }
}
