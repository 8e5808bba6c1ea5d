package io.github.ytdc.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.TaskEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a fleet did, counted from its agents' journals (one JSON line per task event, {@code ytdc agent --journal}):
 * tasks marked done more than once, tasks finished (done or dead-lettered), attempts that did not end in done, and
 * each claim's latency. Works the same for agents in this JVM and agents in other processes, and tolerates the torn
 * last line an agent killed mid-write may leave.
 */
public final class JournalTally {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<TaskEvent.Type, Map<String, Integer>> byType = new EnumMap<>(TaskEvent.Type.class);
    private final List<Duration> claimLatencies = new ArrayList<>();
    private int tornLines;

    private JournalTally() {
        for (TaskEvent.Type t : TaskEvent.Type.values()) {
            byType.put(t, new HashMap<>());
        }
    }

    /** Reads every journal given; a file that does not exist yet counts as empty. */
    public static JournalTally read(Collection<Path> journals) {
        JournalTally t = new JournalTally();
        for (Path p : journals) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(p)) {
                    t.add(line);
                }
            } catch (IOException e) {
                throw new YtdcException("cannot read journal " + p + ": " + e.getMessage(), e);
            }
        }
        return t;
    }

    private void add(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (JsonProcessingException torn) {
            tornLines++;
            return;
        }
        TaskEvent.Type type = typeOf(e.path("event").asText());
        if (type == null || !e.path("kind").asText().equals("video")) {
            return;
        }
        byType.get(type).merge(e.path("id").asText(), 1, Integer::sum);
        if (type == TaskEvent.Type.CLAIMED) {
            claimLatencies.add(Duration.ofMillis(e.path("elapsed_ms").asLong(0)));
        }
    }

    private static TaskEvent.Type typeOf(String label) {
        for (TaskEvent.Type t : TaskEvent.Type.values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        return null;
    }

    /** Video events of one type, all agents together. */
    public long count(TaskEvent.Type type) {
        return byType.get(type).values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Videos with an event of this type, and how many each had. */
    public Map<String, Integer> perVideo(TaskEvent.Type type) {
        return Map.copyOf(byType.get(type));
    }

    /** Videos marked done more than once: two agents completed the same task (what the protocol must prevent). */
    public Map<String, Integer> completedTwice() {
        return moreThanOnce(TaskEvent.Type.DONE);
    }

    /**
     * Videos the processor ran to the end more than once. Without faults this is a duplicate claim; with agents
     * killed mid-task it also counts the allowed re-run of a task whose first run never reached the sheet.
     */
    public Map<String, Integer> processedTwice() {
        return moreThanOnce(TaskEvent.Type.PROCESSED);
    }

    private Map<String, Integer> moreThanOnce(TaskEvent.Type type) {
        Map<String, Integer> out = new TreeMap<>();
        byType.get(type).forEach((id, n) -> {
            if (n > 1) {
                out.put(id, n);
            }
        });
        return out;
    }

    /** Videos whose journals end their story: marked done or dead-lettered. */
    public Set<String> finished() {
        Set<String> out = new HashSet<>(byType.get(TaskEvent.Type.DONE).keySet());
        out.addAll(byType.get(TaskEvent.Type.DEAD_LETTER).keySet());
        return out;
    }

    /** Attempts that ended in a retry, a dead-letter or a lost claim. */
    public long failedAttempts() {
        return count(TaskEvent.Type.RETRY) + count(TaskEvent.Type.DEAD_LETTER) + count(TaskEvent.Type.LOST_CLAIM);
    }

    /** Each won claim's latency: from choosing the row to winning it (write, settle delay, read-back). */
    public List<Duration> claimLatencies() {
        return List.copyOf(claimLatencies);
    }

    /** Lines that were not JSON: the end of a journal whose agent was killed while writing it. */
    public int tornLines() {
        return tornLines;
    }
}
