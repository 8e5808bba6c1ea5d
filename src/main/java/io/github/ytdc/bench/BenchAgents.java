package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How every bench runs its agents: the JVM flags of agent processes, and the coordinator settings of thread agents. */
final class BenchAgents {
    /** {@link Bench#AGENT_JVM_FLAGS} as a command line's words. */
    static final List<String> RECOMMENDED_AGENT_JVM_FLAGS = List.of(Bench.AGENT_JVM_FLAGS.split(" "));

    /** Agents per fleet share one host here, so each gets its own worker name. */
    static final int AGENT_CONCURRENCY = 4;

    /**
     * Bench agents renew leases every 10 s instead of every minute: a claim answered later than the settle delay waits
     * one lease interval before it runs (PROTOCOL.md), and the short settle delays benches use make that common on a
     * loaded host. No-op tasks never hold a lease that long, so the request counts are the same.
     */
    static final Duration AGENT_HEARTBEAT = Duration.ofSeconds(10);

    private BenchAgents() {}

    /** An agent with the coordinator's defaults but these; its journal is {@code journalDir/WORKER.jsonl}. */
    static CoordinatorConfig.Builder agentConfig(SpreadsheetPort port, String worker, int concurrency,
                                                 Duration settleDelay, Path journalDir) {
        return CoordinatorConfig.builder(port)
                .workerName(worker)
                .concurrency(concurrency)
                .claimAhead(CoordinatorConfig.agentClaimAhead(concurrency))
                .settleDelay(settleDelay)
                .heartbeat(AGENT_HEARTBEAT)
                .journal(journalDir.resolve(worker + ".jsonl"));
    }
}
