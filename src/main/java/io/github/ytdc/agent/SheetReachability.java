package io.github.ytdc.agent;

import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.sheets.RangeWrite;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Whether the spreadsheet answers, as the coordinator's ticks find out: a tick that failed after the port's own
 * retries makes it unreachable until a later tick reads successfully (the engine asks for piggybacked writes only
 * once its read succeeded).
 */
final class SheetReachability implements CoordinatorListener {
    private final Clock clock;
    private Instant failingSince;
    private String lastError = "";

    SheetReachability(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void onTickFailed(Exception error) {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        lastError = String.valueOf(error.getMessage());
    }

    @Override
    public synchronized List<RangeWrite> piggybackWrites(Instant now) {
        failingSince = null;
        return List.of();
    }

    synchronized Health health() {
        return failingSince == null ? Health.ok()
                : Health.unhealthy("spreadsheet unreachable since " + Timestamps.format(failingSince) + ": " + lastError);
    }
}
