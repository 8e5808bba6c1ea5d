package io.github.ytdc.bench;

import io.github.ytdc.sheets.ForwardingSpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A port that times every call and charges it the bytes the emulator answered meanwhile. Exact only while this port
 * is the emulator's one client and its calls do not overlap (one agent, whose engine thread makes every call).
 * Reads that include a range reaching to the end of a work tab ({@code sweepRange}: the whole tab, or whole columns
 * of it) are totalled apart: they are the coordinator's periodic sweeps, whose size grows with the sheet.
 */
final class MeteredPort extends ForwardingSpreadsheetPort {
    private final LongSupplier responseBytes;
    private final Clock clock;
    private final Predicate<String> sweepRange;
    private final Totals sweeps = new Totals();
    private final Totals others = new Totals();

    /** Calls, answer bytes and time of one kind of call. */
    static final class Totals {
        private long calls;
        private long bytes;
        private Duration time = Duration.ZERO;

        synchronized void add(long b, Duration t) {
            calls++;
            bytes += b;
            time = time.plus(t);
        }

        synchronized long calls() {
            return calls;
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized Duration time() {
            return time;
        }
    }

    MeteredPort(SpreadsheetPort delegate, LongSupplier responseBytes, Clock clock, Predicate<String> sweepRange) {
        super(delegate);
        this.responseBytes = responseBytes;
        this.clock = clock;
        this.sweepRange = sweepRange;
    }

    /** Reads of the swept tab down to its end. */
    Totals sweeps() {
        return sweeps;
    }

    /** Every other call. */
    Totals others() {
        return others;
    }

    @Override
    protected <T> T send(Request request, Supplier<T> call) {
        boolean sweep = !request.write() && request.ranges().stream().anyMatch(sweepRange);
        long bytesBefore = responseBytes.getAsLong();
        Instant start = clock.instant();
        try {
            return call.get();
        } finally {
            (sweep ? sweeps : others).add(responseBytes.getAsLong() - bytesBefore, Duration.between(start, clock.instant()));
        }
    }
}
