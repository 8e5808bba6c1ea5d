package io.github.ytdc.agent;

import io.github.ytdc.Version;
import io.github.ytdc.coord.TaskKind;
import java.time.Duration;
import java.util.Locale;

/**
 * The agent's standard metrics, so every part records under the same names and labels. Backed by a
 * {@link Metrics} registry that {@link HealthServer} serves on {@code /metrics}.
 */
final class AgentMetrics {
    /** Claim latency buckets, seconds: a claim includes the settle delay, so most land between 0.5 s and 10 s. */
    static final double[] CLAIM_BUCKETS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};

    /** How a claimed task ended for this agent. */
    public enum Outcome {
        DONE, RETRY, DEAD_LETTER, RELEASED, LOST_CLAIM, RESTORED;

        /** The label value: {@code done}, {@code dead-letter}, ... (the journal's words). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A kind of Sheets request, as the quota counts them. */
    public enum SheetsRequest {
        READ, WRITE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Metrics registry;
    private final Metrics.Counter tasks;
    private final Metrics.Counter sheetsRequests;
    private final Metrics.Counter sheets429;
    private final Metrics.Counter downloadBytes;
    private final Metrics.Histogram claimLatency;
    private final Metrics.Gauge inProgress;
    private final Metrics.Gauge circuitOpen;

    public AgentMetrics(Metrics registry) {
        this.registry = registry;
        registry.gauge("ytdc_build_info", "The running ytdc version (always 1).", "version").set(1, Version.get());
        tasks = registry.counter("ytdc_tasks_total", "Claimed tasks that ended, by kind and outcome.", "kind", "outcome");
        for (TaskKind kind : TaskKind.values()) {
            for (Outcome outcome : Outcome.values()) {
                tasks.add(0, kind.label(), outcome.label()); // why: every series exists from the start, so rate() sees the first event
            }
        }
        inProgress = registry.gauge("ytdc_tasks_in_progress", "Tasks this agent is working on now.");
        claimLatency = registry.histogram("ytdc_claim_latency_seconds",
                "Time from picking a candidate row to knowing the claim was won or lost, settle delay included.", CLAIM_BUCKETS);
        sheetsRequests = registry.counter("ytdc_sheets_requests_total", "Sheets API requests sent, by quota kind.", "kind");
        for (SheetsRequest kind : SheetsRequest.values()) {
            sheetsRequests.add(0, kind.label());
        }
        sheets429 = registry.counter("ytdc_sheets_429_total", "Sheets API answers of 429 (per-minute quota used up).");
        downloadBytes = registry.counter("ytdc_download_bytes_total", "Bytes of media files downloaded.");
        circuitOpen = registry.gauge("ytdc_circuit_open", "1 while the host-blocked circuit breaker pauses claiming, else 0.");
    }

    /** The registry these metrics live in, for serving or for adding more. */
    public Metrics registry() {
        return registry;
    }

    public void taskEnded(TaskKind kind, Outcome outcome) {
        tasks.inc(kind.label(), outcome.label());
    }

    public void sheetsRequest(SheetsRequest kind) {
        sheetsRequests.inc(kind.label());
    }

    public void sheetsQuotaExceeded() {
        sheets429.inc();
    }

    public void downloaded(long bytes) {
        downloadBytes.add(bytes);
    }

    public void claimTook(Duration latency) {
        claimLatency.observe(latency);
    }

    public void tasksInProgress(int count) {
        inProgress.set(count);
    }

    public void circuitOpen(boolean open) {
        circuitOpen.set(open ? 1 : 0);
    }
}
