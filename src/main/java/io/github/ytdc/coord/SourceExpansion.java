package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands one claimed source into video rows (G6): streams the media port's listing, skips every video ID already in
 * Video Tasks or Dead-Letter Tasks, and appends the rest in large batches. Re-running it (after a crash, or a
 * re-sync) adds only videos not yet present. Requests: one or two reads of known IDs (see {@link KnownIds}), then one
 * append per batch.
 */
final class SourceExpansion {
    private static final Logger LOG = LoggerFactory.getLogger(SourceExpansion.class);
    private static final int APPEND_ATTEMPTS = 5;
    /** Waits between append attempts: 1 s doubling, 8 s before the last. */
    private static final Backoff APPEND_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final CoordinatorConfig cfg;
    private final SpreadsheetPort port;
    private final MediaPort media;
    private final KnownIds known;
    private final String videosTab;
    /**
     * Tabs whose IDs are never appended again (G6): Video Tasks, the dead-letter tab and, once it exists, the Archive
     * tab. Only grows, so concurrent expansions may share it.
     */
    private volatile List<String> dedupTabs;

    /** An expansion with its own known-ID cache. */
    SourceExpansion(CoordinatorConfig cfg) {
        this(cfg, new KnownIds(cfg.port(), cfg.clock(), KnownIds.FULL_READ_EVERY));
    }

    /** An expansion sharing the agent's known-ID cache (with other expansions and the dead-letter writer). */
    SourceExpansion(CoordinatorConfig cfg, KnownIds known) {
        this.cfg = cfg;
        this.port = cfg.port();
        this.media = cfg.mediaPort();
        this.known = known;
        this.videosTab = cfg.tabs().videos();
        this.dedupTabs = List.of(videosTab, cfg.tabs().deadVideos());
    }

    /**
     * At most one {@code spreadsheets.get} per expansion (none right after the engine read the tabs): adds the Archive tab to the deduplicated tabs when it exists, and
     * refuses to expand above 95% of the cell cap (a workbook problem: the source is released, not dead-lettered).
     */
    private void checkWorkbook() {
        // A read of the tabs less than a minute old will do: the cap is a margin, not an exact line.
        SpreadsheetInfo info = known.workbook(cfg.clock().instant(), Duration.ofMinutes(1));
        String archive = cfg.tabs().archive();
        if (!dedupTabs.contains(archive) && info.tab(archive).isPresent()) {
            dedupTabs = List.of(videosTab, cfg.tabs().deadVideos(), archive);
        }
        CellBudget budget = CellBudget.of(info, cfg.cellCap());
        if (budget.stopExpanding()) {
            String why = "the workbook holds " + budget + ", near Google's cap: no source is expanded until archiving"
                    + " finished rows makes room";
            throw new TaskFailure(FailureClass.HOST_FAULT, why);
        }
    }

    Outcome run(Task source, TaskContext context) {
        checkWorkbook();
        Header header = known.refresh(dedupTabs).get(videosTab);
        int max = maxVideos(source);
        List<List<String>> batch = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        int[] listed = {0};
        int[] added = {0};
        try {
            media.expand(source.url(), ExpandOptions.defaults().withMaxVideos(max), entry -> {
                if (context.isCancelled()) {
                    throw new CancellationException("claim on source " + source.id() + " lost");
                }
                listed[0]++;
                if (known.reserve(entry.id(), dedupTabs)) {
                    batch.add(row(header, source, entry));
                    batchIds.add(entry.id());
                    if (batch.size() >= cfg.appendBatchRows()) {
                        added[0] += flush(batch, batchIds, header);
                    }
                }
            }, context);
            if (context.isCancelled()) {
                throw new CancellationException("claim on source " + source.id() + " lost");
            }
            added[0] += flush(batch, batchIds, header);
        } finally {
            known.release(batchIds); // whatever was listed but not appended (failure, cancellation)
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(Columns.VIDEOS, Integer.toString(listed[0]));
        fields.put(Columns.EXPANDED_AT, Timestamps.format(cfg.clock().instant()));
        // why: said by the source's one "done" log line (EventLog), not a line of its own
        return new Outcome.Done("", fields, "expanded into " + listed[0] + " video" + (listed[0] == 1 ? "" : "s")
                + ", " + added[0] + " new");
    }

    private int maxVideos(Task source) {
        String own = source.field(Columns.MAX_VIDEOS);
        if (!own.isBlank()) {
            try {
                return Math.max(0, Integer.parseInt(own.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("source {}: ignoring MaxVideos '{}' (not a whole number)", source.id(), own);
            }
        }
        return cfg.maxVideos();
    }

    private List<String> row(Header header, Task source, VideoEntry v) {
        Map<String, String> values = new LinkedHashMap<>();
        // Pass-through columns first, so protocol columns always win.
        for (String name : header.names()) {
            if (!name.isBlank() && !Columns.isProtocol(name)) {
                String value = source.field(name);
                if (!value.isEmpty()) {
                    values.put(name, value);
                }
            }
        }
        values.put(Columns.ID, v.id());
        values.put(Columns.SOURCE_ID, source.id());
        values.put(Columns.URL, v.url());
        values.put(Columns.STATUS, v.unavailable().isEmpty() ? Status.PENDING.label() : Status.ERROR.label());
        values.put(Columns.LAST_ERROR, v.unavailable());
        values.put(Columns.NOT_BEFORE, v.notBefore() == null ? "" : Timestamps.format(v.notBefore()));
        values.put(Columns.TITLE, v.title());
        values.put(Columns.DURATION, v.duration() == null ? "" : Long.toString(v.duration().toSeconds()));
        values.put(Columns.RETRY_COUNT, "0");
        return RowWrite.newRow(header, values);
    }

    /** Appends a batch; after a failed append (which may have been applied) re-reads IDs and sends only the rest. */
    private int flush(List<List<String>> batch, List<String> batchIds, Header header) {
        if (batch.isEmpty()) {
            return 0;
        }
        int idColumn = header.column(Columns.ID).orElse(0);
        for (int attempt = 1; ; attempt++) {
            try {
                port.append(A1.cell(videosTab, 0, 1), batch);
                int n = batch.size();
                known.appended(videosTab, batchIds);
                batch.clear();
                batchIds.clear();
                return n;
            } catch (SheetsException e) {
                if (CellBudget.isCellLimit(e)) {
                    throw new TaskFailure(FailureClass.HOST_FAULT, "the workbook is at Google's cell cap ("
                            + e.getMessage() + "); not the source's fault: it is expanded again once archiving makes"
                            + " room", e);
                }
                if (!e.retryable() || attempt >= APPEND_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("append of {} rows failed ({}); re-reading IDs before retrying", batch.size(), e.getMessage());
                sleep(APPEND_BACKOFF.delay(attempt - 1));
                known.refresh(dedupTabs);
                Set<String> landed = new HashSet<>();
                batchIds.stream().filter(id -> known.contains(videosTab, id)).forEach(landed::add);
                batch.removeIf(row -> landed.contains(row.get(idColumn)));
                batchIds.removeAll(landed);
                known.appended(videosTab, landed);
                if (batch.isEmpty()) {
                    return 0;
                }
            }
        }
    }

    private void sleep(Duration d) {
        try {
            cfg.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }
}
