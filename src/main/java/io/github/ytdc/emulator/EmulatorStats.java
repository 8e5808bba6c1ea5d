package io.github.ytdc.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counts of a running emulator: per API method, per caller, and the 429s, injected failures and latency
 * spikes.
 */
public final class EmulatorStats {
    private final Map<String, Long> byMethod = new TreeMap<>();
    private final Map<String, Map<String, Long>> byCaller = new TreeMap<>();
    private final Map<String, Long> quotaRejectedByCaller = new TreeMap<>();
    private long reads;
    private long writes;
    private long quotaRejected;
    private long injectedFailures;
    private long latencySpikes;
    private long responseBytes;

    synchronized void served(String caller, String method, boolean write) {
        if (write) {
            writes++;
        } else {
            reads++;
        }
        byMethod.merge(method, 1L, Long::sum);
        byCaller.computeIfAbsent(caller, c -> new TreeMap<>()).merge(method, 1L, Long::sum);
    }

    synchronized void quotaRejected(String caller) {
        quotaRejected++;
        quotaRejectedByCaller.merge(caller, 1L, Long::sum);
    }

    synchronized void injectedFailure() {
        injectedFailures++;
    }

    synchronized void latencySpike() {
        latencySpikes++;
    }

    synchronized void responded(int bytes) {
        responseBytes += bytes;
    }

    /** Requests answered (any status but a quota 429) for one method, e.g. {@code values.batchGet}. */
    public synchronized long count(String method) {
        return byMethod.getOrDefault(method, 0L);
    }

    /** Requests answered (any status but a quota 429), all methods together. */
    public synchronized long total() {
        return byMethod.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests answered that Google counts against its read quota. */
    public synchronized long reads() {
        return reads;
    }

    /** Requests answered that Google counts against its write quota. */
    public synchronized long writes() {
        return writes;
    }

    /** Bytes of every API answer body sent so far (uncompressed JSON, 429s and errors included; stats excluded). */
    public synchronized long responseBytes() {
        return responseBytes;
    }

    /** Requests refused with 429. */
    public synchronized long quotaRejected() {
        return quotaRejected;
    }

    /** Answers replaced by an injected 500/503. */
    public synchronized long injectedFailures() {
        return injectedFailures;
    }

    /** Requests held back by an injected latency spike (429s included: the spike comes before the quota check). */
    public synchronized long latencySpikes() {
        return latencySpikes;
    }

    /** All counts as the JSON {@code GET /__emulator/stats} serves. */
    public synchronized ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("reads", reads);
        root.put("writes", writes);
        ObjectNode methods = root.putObject("requests");
        byMethod.forEach(methods::put);
        ObjectNode callers = root.putObject("callers");
        byCaller.forEach((caller, counts) -> {
            ObjectNode c = callers.putObject(caller);
            counts.forEach(c::put);
        });
        root.put("quotaRejected", quotaRejected);
        ObjectNode rejected = root.putObject("quotaRejectedByCaller");
        quotaRejectedByCaller.forEach(rejected::put);
        root.put("injectedFailures", injectedFailures);
        root.put("latencySpikes", latencySpikes);
        root.put("responseBytes", responseBytes);
        return root;
    }
}
