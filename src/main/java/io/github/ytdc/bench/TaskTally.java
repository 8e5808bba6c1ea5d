package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.sheets.SheetsException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a fleet of agents did, as seen from inside them: how often each task was processed (a no-op processor that
 * counts), the task events of every agent, failed ticks, and how long claims took to reach the processor. Shared by
 * all agents of a run; thread-safe.
 */
final class TaskTally {
    private final Map<String, LongAdder> processed = new ConcurrentHashMap<>();
    private final Map<TaskEvent.Type, LongAdder> events = new EnumMap<>(TaskEvent.Type.class);
    private final Map<String, LongAdder> tickFailures = new ConcurrentHashMap<>();
    private final LongAdder claimWaitNanos = new LongAdder();
    private final LongAdder claimsTimed = new LongAdder();

    TaskTally() {
        for (TaskEvent.Type t : TaskEvent.Type.values()) {
            events.put(t, new LongAdder());
        }
    }

    /** The no-op processor: counts the task and returns at once. */
    TaskProcessor processor() {
        return (Task task, TaskContext context) -> {
            processed(task.id());
            return null;
        };
    }

    void processed(String id) {
        processed.computeIfAbsent(id, k -> new LongAdder()).increment();
    }

    /** The listener to give every agent: counts task events and failed ticks (by the Sheets failure reason). */
    CoordinatorListener listener() {
        return new CoordinatorListener() {
            @Override
            public void onTaskEvent(TaskEvent event) {
                events.get(event.type()).increment();
            }

            @Override
            public void onTickFailed(Exception error) {
                String reason = error instanceof SheetsException se ? se.reason().name() : error.getClass().getSimpleName();
                tickFailures.computeIfAbsent(reason, k -> new LongAdder()).increment();
            }
        };
    }

    /** Records how long one {@code processNextTask} call waited before its task started. */
    void claimWaited(Duration wait) {
        claimWaitNanos.add(wait.toNanos());
        claimsTimed.increment();
    }

    long events(TaskEvent.Type type) {
        return events.get(type).sum();
    }

    /**
     * Task attempts that did not end in {@code done} although the processor never fails: retries, dead-letters and
     * lost claims. With a no-op processor every one of them was caused by the spreadsheet side (429s, 5xx, stalls).
     */
    long failedAttempts() {
        return events(TaskEvent.Type.RETRY) + events(TaskEvent.Type.DEAD_LETTER) + events(TaskEvent.Type.LOST_CLAIM);
    }

    /** Ticks that failed after the port's own retries, by reason (e.g. {@code QUOTA_EXCEEDED}). */
    Map<String, Long> tickFailures() {
        Map<String, Long> out = new java.util.TreeMap<>();
        tickFailures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Distinct tasks the processor saw. */
    int distinctProcessed() {
        return processed.size();
    }

    /** Tasks the processor saw more than once. */
    List<String> duplicates() {
        return processed.entrySet().stream().filter(e -> e.getValue().sum() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    /** Of {@code expected}, the ids the processor never saw. */
    List<String> neverProcessed(Set<String> expected) {
        return expected.stream().filter(id -> !processed.containsKey(id)).sorted().toList();
    }

    /** Mean wait of a claim from the {@code processNextTask} call to the processor, {@code null} when none was timed. */
    Duration meanClaimWait() {
        long n = claimsTimed.sum();
        return n == 0 ? null : Duration.ofNanos(claimWaitNanos.sum() / n);
    }
}
