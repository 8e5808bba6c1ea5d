package io.github.ytdc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Issue "Scale at both ends", the judge's check: a workbook filled by hand to
 * {@link Bench.TargetSettings#fullWorkbookCells()} cells (9,900,000 by default) with finished rows, then a source of
 * {@link Bench.TargetSettings#videos()} videos added and agents started with default settings. The source must
 * expand and its videos finish, the workbook stay under the cap, and {@code ytdc status} count the archived videos.
 *
 * <p>The sheet is laid out as {@code ytdc init} leaves it, then Video Tasks is filled directly through the emulator's
 * model (as a person pasting rows would, no request counted) with rows finished an hour ago: within the default
 * archive age of a week, so only the cell budget's pressure archiving can move them. The source's listing is
 * synthetic ({@link ExpansionScenario#syntheticListing}); the agents are {@link Bench.TargetSettings#scaleAgents()}
 * coordinators in this JVM with every default (settle delay, heartbeat, archive age, cap) but their concurrency.
 */
final class FullWorkbookScenario extends Scenario {
    static final String NAME = "full-workbook";
    static final long DEFAULT_CELLS = 9_900_000L;
    private static final String SOURCE = "UCfullworkbook";
    private static final int FILL_CHUNK = 10_000;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    FullWorkbookScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    /** What the agents did to the source and its videos, from their events. */
    static final class Events extends TickFailures {
        final AtomicReference<Instant> sourceDone = new AtomicReference<>();
        final AtomicLong sourceReleased = new AtomicLong();
        /** Why the source was released, and how often each time. */
        final Map<String, Long> releases = new ConcurrentHashMap<>();
        final AtomicReference<String> sourceDeadLetter = new AtomicReference<>();
        final Set<String> videosDone = ConcurrentHashMap.newKeySet();

        @Override
        public void onTaskEvent(TaskEvent e) {
            if (e.kind() == TaskKind.SOURCE) {
                switch (e.type()) {
                    case DONE -> sourceDone.compareAndSet(null, e.at());
                    case RELEASED -> {
                        sourceReleased.incrementAndGet();
                        releases.merge(e.error(), 1L, Long::sum);
                    }
                    case DEAD_LETTER -> sourceDeadLetter.compareAndSet(null, e.error());
                    default -> { }
                }
            } else if (e.type() == TaskEvent.Type.DONE) {
                videosDone.add(e.id());
            }
        }
    }

    @Override
    ScenarioResult run() throws IOException {
        long t0 = clock.millis();
        int videos = settings.videos();
        long cap = settings.cellCap();
        Path dir = Files.createTempDirectory("ytdc-bench-full-workbook-");
        try (EmulatedSheet sheet = EmulatedSheet.start(QuotaMode.OFF)) {
            sheet.initializeAsYtdcInit();
            long filledRows = fill(sheet, settings.fullWorkbookCells(), clock.instant().minus(Duration.ofHours(1)));
            long filledCells = sheet.cellsUsed();
            sheet.seedSource(SOURCE, "https://www.youtube.com/@full-workbook");
            Events events = new Events();
            List<GoogleSpreadsheetPort> ports = new ArrayList<>();
            List<CoordinatorConfig> configs = new ArrayList<>();
            for (int i = 1; i <= settings.scaleAgents(); i++) {
                String name = "full-workbook-agent-" + i;
                GoogleSpreadsheetPort port = sheet.agentPort(name);
                ports.add(port);
                // Every default but the concurrency (and the cap, smaller only when the scenario is tried small).
                configs.add(CoordinatorConfig.builder(port).workerName(name).concurrency(BenchAgents.AGENT_CONCURRENCY)
                        .claimAhead(CoordinatorConfig.agentClaimAhead(BenchAgents.AGENT_CONCURRENCY))
                        .mediaPort(ExpansionScenario.syntheticListing(videos)).listener(events).cellCap(cap)
                        .journal(dir.resolve(name + ".jsonl")).build());
            }
            Instant start = clock.instant();
            boolean finished;
            long maxCells;
            long endCells;
            try (CellWatch watch = new CellWatch(sheet, sleeper, SAMPLE_EVERY, () -> { });
                 AgentFleet fleet = new AgentFleet(configs, (task, context) -> null, clock, sleeper)) {
                finished = fleet.await(() -> events.sourceDone.get() != null && events.videosDone.size() >= videos,
                        start.plus(settings.scaleTimeout()));
                endCells = watch.sample();
                maxCells = watch.max();
            } finally {
                ports.forEach(GoogleSpreadsheetPort::close);
            }
            Duration elapsed = Duration.between(start, clock.instant());
            return report(sheet, events, filledRows, filledCells, maxCells, endCells, finished, start, elapsed,
                    Duration.ofMillis(clock.millis() - t0));
        }
    }

    /**
     * Appends finished rows to Video Tasks, finished at {@code doneAt}, until the workbook holds as many cells as it
     * can without passing {@code cells} (within one row); returns the rows appended. The size is read back after each
     * chunk, whether an append fills blank grid rows or adds new ones.
     */
    static long fill(EmulatedSheet sheet, long cells, Instant doneAt) {
        String tab = sheet.tabs().videos();
        int width = sheet.setupInfo().tab(tab).orElseThrow().columnCount();
        Header header = sheet.header(tab);
        long rows = 0;
        for (long left = (cells - sheet.cellsUsed()) / width; left > 0; left = (cells - sheet.cellsUsed()) / width) {
            List<List<String>> chunk = new ArrayList<>();
            for (long i = 0; i < Math.min(FILL_CHUNK, left); i++, rows++) {
                chunk.add(EmulatedSheet.videoRow(header, "f" + ModelScaleScenario.id((int) rows).substring(1),
                        "UCfilled", rows, doneAt));
            }
            sheet.setup().append(A1.cell(tab, 0, 1), chunk);
        }
        return rows;
    }

    private ScenarioResult report(EmulatedSheet sheet, Events events, long filledRows, long filledCells,
                                  long maxCells, long endCells, boolean finished, Instant start, Duration elapsed,
                                  Duration wall) {
        long cap = settings.cellCap();
        int videos = settings.videos();
        JsonNode status = sheet.status(clock);
        JsonNode source = null;
        for (JsonNode s : status.path("sources")) {
            if (s.path("id").asText().equals(SOURCE)) {
                source = s;
            }
        }
        long sourceDone = source == null ? 0 : source.path("videos").path("done").asLong();
        boolean expanded = source != null && source.path("status").asText().equals("done");
        long totalDone = status.path("totals").path("videos").path("done").asLong();
        long archived = sheet.archivedVideos();
        List<Measurement> m = new ArrayList<>();
        m.add(Measurement.judged("source expanded (its row done)", expanded ? 1 : 0, "", Target.exactly(1)));
        m.add(Measurement.judged("its videos done, as ytdc status counts them", sourceDone, "", Target.exactly(videos)));
        m.add(Measurement.judged("most cells in the workbook (sampled)", maxCells, "", Target.atMost(cap)));
        m.add(Measurement.info("  as a share of the cap", 100.0 * maxCells / cap, "%"));
        m.add(Measurement.judged("videos done, as ytdc status counts them", totalDone, "",
                Target.exactly(filledRows + videos)));
        m.add(Measurement.info("  of which archived (Archive tab)", archived, ""));
        m.add(Measurement.info("cells after filling", filledCells, ""));
        m.add(Measurement.info("cells at the end", endCells, ""));
        m.add(Measurement.info("times the source was released unexpanded", events.sourceReleased.get(), ""));
        m.add(Measurement.info("claim ticks that failed", events.count(), ""));
        Instant done = events.sourceDone.get();
        m.add(Measurement.info("time until the source was expanded",
                done == null ? Double.NaN : Duration.between(start, done).toMillis() / 1000.0, "s"));
        m.add(Measurement.info("time until its videos were done", finished ? elapsed.toMillis() / 1000.0 : Double.NaN,
                "s"));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "the sheet as 'ytdc init' leaves it, then %,d finished video rows (done an "
                        + "hour ago) pasted into Video Tasks directly: %,d cells of a cap of %,d; then one source listing "
                        + "%,d videos (synthetic listing)", filledRows, filledCells, cap, videos));
        notes.add(String.format(Locale.ROOT, "agents: %d in this JVM, each at concurrency %d, every other setting at "
                        + "its default (settle delay %s, heartbeat %s, archive age %s, at least %d rows a move, "
                        + "archiving whatever the age above 80%% of the cap, no expansion above 95%%), no-op tasks",
                settings.scaleAgents(), BenchAgents.AGENT_CONCURRENCY,
                Durations.format(CoordinatorConfig.DEFAULT_SETTLE_DELAY),
                Durations.format(CoordinatorConfig.DEFAULT_HEARTBEAT),
                Durations.format(CoordinatorConfig.DEFAULT_ARCHIVE_AFTER), CoordinatorConfig.DEFAULT_ARCHIVE_MIN_ROWS));
        notes.add(finished ? "the source expanded and its " + videos + " videos were done in "
                + Durations.format(elapsed)
                : "NOT finished within " + Durations.format(settings.scaleTimeout()) + ": source "
                + (done == null ? "not expanded" : "expanded") + ", " + events.videosDone.size() + " of " + videos
                + " videos done");
        if (!events.releases.isEmpty()) {
            notes.add("the source was released unexpanded " + events.sourceReleased.get() + " time(s): "
                    + events.releases.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + "x)")
                    .collect(Collectors.joining("; ")));
        }
        if (events.count() > 0) {
            notes.add("claim ticks failed " + events.count() + " time(s) (a bench agent logs it and goes on; 'ytdc "
                    + "agent' stops at the first error that is not retryable): " + events.summary());
        }
        if (events.sourceDeadLetter.get() != null) {
            notes.add("the source was DEAD-LETTERED: " + events.sourceDeadLetter.get());
        }
        notes.add("cells sampled every " + SAMPLE_EVERY.toMillis() + " ms from the emulator's model; the emulator "
                + "refuses any change past 10,000,000 cells, as Google does");
        notes.add("emulator: " + sheet.stats().requests() + " requests answered in all");
        return new ScenarioResult(NAME, m, notes, wall);
    }
}
