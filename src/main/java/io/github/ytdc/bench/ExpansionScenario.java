package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.coord.MediaPort;
import io.github.ytdc.coord.VideoEntry;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SPEC 8: a 5,000-video source expands in at most 15 Sheets requests, counted by the emulator from the agent's start
 * until the source row is marked done. The listing comes from a synthetic {@link MediaPort}; the real yt-dlp's
 * streaming of a 5,000-item feed is measured by the yt-dlp adapter's own tests.
 */
final class ExpansionScenario extends Scenario {
    static final String NAME = "expansion";

    ExpansionScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    /** A source listing {@code n} videos with titles and durations, as yt-dlp's flat playlist would. */
    static MediaPort syntheticListing(int n) {
        return (url, options, sink, context) -> {
            int limit = options.maxVideos() == 0 ? n : Math.min(n, options.maxVideos());
            for (int i = 0; i < limit && !context.isCancelled(); i++) {
                String id = "x" + EmulatedSheet.videoId(i).substring(1);
                sink.accept(new VideoEntry(id, "https://www.youtube.com/watch?v=" + id, "Synthetic video " + i,
                        Duration.ofSeconds(30 + i % 3600)));
            }
        };
    }

    @Override
    public ScenarioResult run() throws IOException {
        long t0 = clock.millis();
        int videos = settings.videos();
        try (EmulatedSheet sheet = EmulatedSheet.start(QuotaMode.OFF)) {
            sheet.seedSource("UCbench", "https://www.youtube.com/@bench");
            // The target is the cost of expanding, not of an agent's first start: its Workers row exists already.
            sheet.seedWorker("bench-expander");
            // Snapshot the counts in the engine thread right after the source's done write, before any video claim.
            AtomicReference<Map<String, Long>> atDone = new AtomicReference<>();
            CoordinatorListener listener = new CoordinatorListener() {
                @Override
                public void onTaskEvent(TaskEvent e) {
                    if (e.type() == TaskEvent.Type.DONE && e.kind() == TaskKind.SOURCE) {
                        atDone.compareAndSet(null, sheet.requestsByMethod());
                    }
                }
            };
            Instant start = clock.instant();
            boolean finished;
            try (GoogleSpreadsheetPort port = sheet.agentPort("bench-expander")) {
                CoordinatorConfig cfg = agent(port, "bench-expander", 1, Files.createTempDirectory("ytdc-bench-"))
                        .mediaPort(syntheticListing(videos)).listener(listener).build();
                try (AgentFleet fleet = new AgentFleet(List.of(cfg), (task, context) -> null, clock, sleeper)) {
                    finished = fleet.await(() -> atDone.get() != null, start.plus(settings.timeout()));
                }
            }
            Duration elapsed = Duration.between(start, clock.instant());
            Map<String, Long> counts = atDone.get() == null ? sheet.requestsByMethod() : atDone.get();
            long requests = counts.values().stream().mapToLong(Long::longValue).sum();
            List<WorkRow> rows = sheet.rows(sheet.tabs().videos());
            long distinct = rows.stream().map(WorkRow::id).distinct().count();
            List<Measurement> m = List.of(
                    Measurement.judged("Sheets requests to expand the source", finished ? requests : Double.NaN, "",
                            Target.atMost(15)),
                    Measurement.judged("video rows created", rows.size(), "", Target.exactly(videos)),
                    Measurement.judged("distinct video ids", distinct, "", Target.exactly(videos)));
            List<String> notes = List.of(
                    "one agent (1 thread), one pending source whose synthetic listing yields " + videos + " videos "
                            + "with titles and durations; appends of up to "
                            + CoordinatorConfig.DEFAULT_APPEND_BATCH_ROWS + " rows",
                    agentNote(1),
                    "the agent's Workers row exists from an earlier start (a first start appends it: one request "
                            + "more, once per agent, not per expansion)",
                    "requests = every request the emulator answered from the agent's start (schema check, claim, "
                            + "verification, known-id read, appends, done write) until the source was marked done, in "
                            + elapsed.toMillis() + " ms" + (finished ? "" : " (TIMED OUT)") + ": " + counts);
            return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
        }
    }
}
