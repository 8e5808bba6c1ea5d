package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Counts the claim ticks that failed on bench agents, by message (row numbers taken out, so one cause is one line):
 * a thread agent of the bench logs them and goes on, where {@code ytdc agent} stops at the first one that is not
 * retryable ("the spreadsheet cannot be used"), so they are worth reporting.
 */
class TickFailures implements CoordinatorListener {
    private static final int MAX_MESSAGE = 160;
    private final AtomicLong count = new AtomicLong();
    private final Map<String, Long> byMessage = new ConcurrentHashMap<>();

    @Override
    public void onTickFailed(Exception error) {
        count.incrementAndGet();
        String m = String.valueOf(error.getMessage()).replaceAll("\\d+", "N");
        byMessage.merge(m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m, 1L, Long::sum);
    }

    /** Failed ticks so far. */
    long count() {
        return count.get();
    }

    /** One line: each distinct message with its count; empty when none failed. */
    String summary() {
        return byMessage.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + "x)")
                .collect(Collectors.joining("; "));
    }
}
