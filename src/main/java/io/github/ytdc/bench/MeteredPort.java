package io.github.ytdc.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.sheets.A1;
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
 *
 * <p>Where other clients share the emulator, {@link #ofAnswers} charges each call the size of what it returned as
 * JSON instead (the values without the API's envelope): exact per client, whatever else runs.
 */
final class MeteredPort extends ForwardingSpreadsheetPort {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LongSupplier responseBytes;
    private final boolean answerBytes;
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
        this(delegate, responseBytes, false, clock, sweepRange);
    }

    private MeteredPort(SpreadsheetPort delegate, LongSupplier responseBytes, boolean answerBytes, Clock clock,
                        Predicate<String> sweepRange) {
        super(delegate);
        this.responseBytes = responseBytes;
        this.answerBytes = answerBytes;
        this.clock = clock;
        this.sweepRange = sweepRange;
    }

    /** Ranges of a sweep of {@code tab}: the tab whole, or whole columns of it ({@code A1:A}), with no end row. */
    static Predicate<String> sweepsOf(String tab) {
        String quoted = A1.tab(tab);
        return r -> r.equals(quoted) || (r.startsWith(quoted + "!") && r.matches(".*![A-Z]+\\d+:[A-Z]+"));
    }

    /** A port charging each call the JSON size of what it returned, for an emulator shared with other clients. */
    static MeteredPort ofAnswers(SpreadsheetPort delegate, Clock clock, Predicate<String> sweepRange) {
        return new MeteredPort(delegate, () -> 0, true, clock, sweepRange);
    }

    /** Bytes of {@code answer} as JSON; 0 for none (a write that returns nothing). */
    static long jsonBytes(Object answer) {
        if (answer == null) {
            return 0;
        }
        try {
            return JSON.writeValueAsBytes(answer).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot measure " + answer.getClass().getSimpleName(), e);
        }
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
        T answer = null;
        try {
            answer = call.get();
            return answer;
        } finally {
            Duration took = Duration.between(start, clock.instant());
            (sweep ? sweeps : others).add(answerBytes ? jsonBytes(answer) : responseBytes.getAsLong() - bytesBefore, took);
        }
    }
}
