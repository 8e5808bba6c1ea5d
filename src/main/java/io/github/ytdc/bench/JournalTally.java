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
final class JournalTally {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<TaskEvent.Type, Map<String, Integer>> byType = new EnumMap<>(TaskEvent.Type.class);
    private final List<Duration> claimLatencies = new ArrayList<>();
    /** Every run of a video (from its claim to the end of processing), by video. */
    private final Map<String, List<Run>> runs = new HashMap<>();
    private final Map<String, List<java.time.Instant>> kills = new HashMap<>();
    private int tornLines;

    /** One agent running one video from {@code from} to {@code to} (epoch milliseconds). */
    private record Run(String worker, long from, long to) {}

    private JournalTally() {
        for (TaskEvent.Type t : TaskEvent.Type.values()) {
            byType.put(t, new HashMap<>());
        }
    }

    /** Reads every journal given; a file that does not exist yet counts as empty. */
    public static JournalTally read(Collection<Path> journals) {
        return read(journals, Map.of());
    }

    /**
     * Reads every journal given, knowing when agents were killed ({@code kill -9}, by worker name): a run cut by a kill
     * ends at the kill.
     */
    public static JournalTally read(Collection<Path> journals, Map<String, List<java.time.Instant>> kills) {
        JournalTally t = new JournalTally();
        t.kills.putAll(kills);
        for (Path p : journals) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                List<JsonNode> events = new ArrayList<>();
                for (String line : Files.readAllLines(p)) {
                    JsonNode e = t.add(line);
                    if (e != null) {
                        events.add(e);
                    }
                }
                t.addRuns(events);
            } catch (IOException e) {
                throw new YtdcException("cannot read journal " + p + ": " + e.getMessage(), e);
            }
        }
        return t;
    }

    private JsonNode add(String line) {
        if (line.isBlank()) {
            return null;
        }
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (JsonProcessingException torn) {
            tornLines++;
            return null;
        }
        TaskEvent.Type type = typeOf(e.path("event").asText());
        if (type == null || !e.path("kind").asText().equals("video")) {
            return null;
        }
        byType.get(type).merge(e.path("id").asText(), 1, Integer::sum);
        if (type == TaskEvent.Type.CLAIMED) {
            claimLatencies.add(Duration.ofMillis(e.path("elapsed_ms").asLong(0)));
        }
        return e;
    }

    /**
     * The runs in one journal (in the order written): a claim starts a run of its video, the agent's next event for
     * that video or its next kill, whichever comes first, ends it. A run with no such event was cut by a kill -9; it ends at the kill when the kill times are
     * known, else at the journal's next line (which the restarted agent wrote after the kill): an upper bound.
     */
    private void addRuns(List<JsonNode> events) {
        Map<String, Integer> open = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String key = e.path("worker").asText() + "\u0000" + e.path("id").asText();
            long at = java.time.Instant.parse(e.path("at").asText()).toEpochMilli();
            Integer start = open.remove(key);
            if (start != null) {
                // The next event may come from a later life of the agent (a takeover after its restart): a kill
                // between them ended the run.
                addRun(events.get(start), Math.min(at, killAfter(events.get(start)).orElse(at)));
            }
            if (typeOf(e.path("event").asText()) == TaskEvent.Type.CLAIMED) {
                open.put(key, i);
            }
        }
        for (int start : open.values()) {
            JsonNode claim = events.get(start);
            long from = java.time.Instant.parse(claim.path("at").asText()).toEpochMilli();
            long nextLine = start + 1 < events.size()
                    ? java.time.Instant.parse(events.get(start + 1).path("at").asText()).toEpochMilli() : from;
            long end = killAfter(claim).orElse(nextLine);
            addRun(claim, Math.min(end, Math.max(nextLine, from)));
        }
    }

    /** The first kill of the claiming agent at or after its claim, in epoch milliseconds, if the kills are known. */
    private java.util.OptionalLong killAfter(JsonNode claim) {
        long from = java.time.Instant.parse(claim.path("at").asText()).toEpochMilli();
        return kills.getOrDefault(claim.path("worker").asText(), List.of()).stream()
                .mapToLong(java.time.Instant::toEpochMilli).filter(k -> k >= from).min();
    }

    private void addRun(JsonNode claim, long end) {
        long from = java.time.Instant.parse(claim.path("at").asText()).toEpochMilli();
        runs.computeIfAbsent(claim.path("id").asText(), k -> new ArrayList<>())
                .add(new Run(claim.path("worker").asText(), from, end));
    }

    /**
     * Videos that two agents ran at the same time: runs by different agents whose intervals overlap (G1). A run cut by
     * a kill counts until the killed agent's journal shows its restart, so this may over-count, never under-count.
     */
    public Set<String> runByTwoLiveAgents() {
        Set<String> out = new java.util.TreeSet<>();
        runs.forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Run a = list.get(i);
                    Run b = list.get(j);
                    if (!a.worker().equals(b.worker()) && a.from() < b.to() && b.from() < a.to()) {
                        out.add(id);
                    }
                }
            }
        });
        return out;
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
