package io.github.ytdc.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@code ytdc status} shows, computed from one read of the sheet by {@link StatusCalculator}.
 *
 * @param at          when it was computed
 * @param spreadsheet the spreadsheet's id
 * @param totals      counts over all sources and videos
 * @param sources     per-source progress, in Sources-tab order, then sources known only from their videos
 * @param workers     agents, by name
 * @param deadLetters the dead-letter summary
 * @param problems    what could not be read (missing tabs or columns, odd statuses, bad timestamps), each saying
 *                    where; empty for a clean sheet
 */
record StatusReport(Instant at, String spreadsheet, Totals totals, List<SourceProgress> sources,
                           List<WorkerStatus> workers, DeadLetterSummary deadLetters, List<String> problems) {
    public StatusReport {
        sources = List.copyOf(sources);
        workers = List.copyOf(workers);
        problems = List.copyOf(problems);
    }

    /**
     * Counts over the whole sheet.
     *
     * @param sources       Sources-tab rows by state
     * @param videos        Video Tasks rows (plus dead letters found only in Dead-Letter Tasks) by state
     * @param videosPerHour recent completion rate over all sources while videos are left, or {@code null}
     * @param eta           time left for every pending video at that rate (never before the last backoff ends),
     *                      {@link Duration#ZERO} when nothing is left, {@code null} when unknown or when no agent is
     *                      alive
     * @param backoff       pending videos waiting out a retry backoff
     */
    public record Totals(Progress sources, Progress videos, Double videosPerHour, Duration eta, WaitingRetries backoff) {}
}
