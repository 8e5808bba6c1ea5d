package io.github.ytdc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The emulator's counters at one moment ({@code GET /__emulator/stats}, or the in-process equivalent); the difference
 * of two snapshots is what happened in between.
 *
 * @param reads          requests answered that count against the read quota
 * @param writes         requests answered that count against the write quota
 * @param byMethod       requests answered per API method
 * @param quotaRejected  requests refused with 429
 * @param injectedFaults answers replaced by an injected 500/503
 * @param latencySpikes  requests held back by an injected latency spike
 * @param responseBytes  bytes of the answers' bodies
 */
record StatsSnapshot(long reads, long writes, Map<String, Long> byMethod, long quotaRejected,
                            long injectedFaults, long latencySpikes, long responseBytes) {
    public StatsSnapshot {
        byMethod = Map.copyOf(byMethod);
    }

    /** Reads the stats JSON the emulator serves. */
    public static StatsSnapshot fromJson(JsonNode stats) {
        Map<String, Long> methods = new TreeMap<>();
        stats.path("requests").fields().forEachRemaining(e -> methods.put(e.getKey(), e.getValue().asLong()));
        return new StatsSnapshot(stats.path("reads").asLong(), stats.path("writes").asLong(), methods,
                stats.path("quotaRejected").asLong(), stats.path("injectedFailures").asLong(),
                stats.path("latencySpikes").asLong(), stats.path("responseBytes").asLong());
    }

    /** Requests answered, reads and writes together. */
    public long requests() {
        return reads + writes;
    }

    /** What happened since {@code earlier}. */
    public StatsSnapshot minus(StatsSnapshot earlier) {
        Map<String, Long> methods = new TreeMap<>(byMethod);
        earlier.byMethod.forEach((m, n) -> methods.merge(m, -n, Long::sum));
        methods.values().removeIf(n -> n == 0);
        return new StatsSnapshot(reads - earlier.reads, writes - earlier.writes, methods,
                quotaRejected - earlier.quotaRejected, injectedFaults - earlier.injectedFaults,
                latencySpikes - earlier.latencySpikes, responseBytes - earlier.responseBytes);
    }
}
