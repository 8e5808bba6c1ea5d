package io.github.ytdc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.SpreadsheetPort;
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

/**
 * Issue "Scale at both ends": a campaign of {@link Bench.TargetSettings#campaignVideos()} videos (1,000,000 by
 * default) through one emulated spreadsheet, judged on its targets: the workbook never above 95% of the cap
 * (9,500,000 cells), claim cost at the end within 1.5x of claim cost at 10,000 videos, an agent's resident memory under
 * 256 MB, and {@code ytdc status} counting every video done.
 *
 * <p><b>The acceleration.</b> A million tasks cannot run one by one in bench time. A feeder appends the campaign's
 * videos to Video Tasks already finished, as the fleet would have left them (claim columns, DoneAt older than the
 * archive age, Output), in batches of up to {@value #BATCH_ROWS} rows through its own {@link SpreadsheetPort} (the
 * real Google client over HTTP, as an agent's expansion appends), at most {@code campaignPace} videos a minute. Like
 * an expansion, it first reads the workbook's size and holds back while it is above 95% of the cap (counted and
 * reported). One row in {@value #PENDING_EVERY} it adds is pending instead, at the end of its batch, and real agents
 * claim and finish it among the finished rows: no-op tasks, real claims. The agents run with the default archive settings (at least 500 rows a move, the cap, the fleet's
 * looks every few minutes, pressure archiving above 80%) except the archive age, which is shortened; so the archiver
 * and the cell budget work exactly as in production and are what keeps the workbook under the cap.
 *
 * <p><b>The agents.</b> {@link Bench.TargetSettings#scaleAgents()} coordinators in this JVM (the bench's agent
 * settings, see {@link BenchAgents}) and one {@code ytdc agent --simulate} process with the recommended JVM flags and
 * every default but the archive age, whose resident memory is the measured one (the threads share this JVM with the
 * emulator and its million-row model, so their memory cannot be told apart).
 *
 * <p><b>Claim cost.</b> When {@value #FIRST_WINDOW_AT} videos have been added, and again at the end, the feeder pauses
 * and adds up to {@value #WINDOW_ROWS} pending rows (part of the campaign); a fresh agent that does not archive claims them with the fleet for one window, its sweep
 * interval set to the window so it pays one sweep (the first read), as the {@code claim-cost} scenario does. Its
 * requests, the JSON size of its answers and its time inside the Google client are metered at the agent, exact
 * whatever else the emulator serves.
 */
final class CampaignScenario extends Scenario {
    static final String NAME = "campaign";
    static final int DEFAULT_VIDEOS = 1_000_000;
    /** Videos added a minute at most by default: fast enough for a million in about a quarter of an hour. */
    static final int DEFAULT_PACE = 80_000;
    /** Shortened from the default week so that normal archiving (not only the cell budget's) has rows to move. */
    static final Duration DEFAULT_ARCHIVE_AFTER = Duration.ofMinutes(1);
    static final int DEFAULT_AGENTS = 4;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(25);
    /** Most rows per feeder append: a big source's expansion, five of an agent's 2,000-row appends. */
    static final int BATCH_ROWS = 10_000;
    /** One row in this many the feeder adds is pending, for the agents to claim and finish for real. */
    static final int PENDING_EVERY = 1_000;
    /** Claim cost is first measured once this many videos were added. */
    static final int FIRST_WINDOW_AT = 10_000;
    /**
     * Pending rows added for each claim-cost window, for the measuring agent and the fleet: more than they claim in a
     * two-minute window at their quota share (about 60 a minute each), so the measuring agent never runs dry.
     */
    static final int WINDOW_ROWS = 1_000;
    static final double MAX_SHARE = 0.95;
    static final double CLAIM_COST_RATIO = 1.5;
    static final double MEMORY_MIB = 256;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String SOURCE = "UCcampaign";
    private static final String PROCESS_AGENT = "campaign-process-agent";

    CampaignScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    /** The workbook at one tenth of the campaign. */
    record Checkpoint(int percent, long videos, long cells, int videoRows, long archived, Duration at) {}

    /**
     * What one claim-cost window measured.
     *
     * @param videosBefore videos added before the window's own pending rows
     * @param videoRows    grid rows of Video Tasks when the window started
     * @param claims       claims the measuring agent won (from its journal)
     * @param done         tasks it finished
     * @param calls        its requests, sweeps included
     * @param bytes        JSON size of everything it was answered
     * @param time         its time inside the Google client
     * @param sweeps       its sweeps (reads of the Status column down to the end of the tab)
     * @param sweepBytes   the sweeps' share of {@code bytes}
     * @param latencyP50   median claim latency
     */
    record WindowCost(long videosBefore, int videoRows, long claims, long done, long calls, long bytes, Duration time, long sweeps,
                      long sweepBytes, Duration latencyP50) {
        double requestsPerClaim() {
            return claims == 0 ? Double.NaN : (double) calls / claims;
        }

        double bytesPerClaim() {
            return claims == 0 ? Double.NaN : (double) bytes / claims;
        }

        double millisPerClaim() {
            return claims == 0 ? Double.NaN : time.toNanos() / 1e6 / claims;
        }
    }

    /** Appends the campaign's rows through its own port and keeps count. */
    private final class Feeder implements AutoCloseable {
        private final EmulatedSheet sheet;
        private final SpreadsheetPort port;
        private final Header header;
        private final long cap;
        long added;
        long pending;
        long holds;
        Duration held = Duration.ZERO;

        Feeder(EmulatedSheet sheet, long cap) {
            this.sheet = sheet;
            // Unpaced: the feeder stands for a whole fleet's appends, not one agent's quota share.
            this.port = GoogleSpreadsheetPort.builder(sheet.settings()).quotaUser("campaign-feeder").unpaced().build();
            this.header = sheet.header(sheet.tabs().videos());
            this.cap = cap;
        }

        /** Appends {@code done} finished rows, then {@code open} pending ones; first waits while above 95%. */
        boolean append(int done, int open, Instant doneAt, Instant deadline) throws InterruptedException {
            Instant start = clock.instant();
            boolean counted = false;
            // As an expansion does before it appends: no new rows above 95% of the cap.
            while (EmulatedSheet.cells(port.getInfo()) > MAX_SHARE * cap) {
                if (!counted) {
                    holds++;
                    counted = true;
                }
                if (!clock.instant().isBefore(deadline)) {
                    held = held.plus(Duration.between(start, clock.instant()));
                    return false;
                }
                sleeper.sleep(POLL);
            }
            held = held.plus(Duration.between(start, clock.instant()));
            List<List<String>> rows = new ArrayList<>(done + open);
            for (int i = 0; i < done + open; i++) {
                long n = added + i;
                String id = "c" + ModelScaleScenario.id((int) n).substring(1);
                rows.add(EmulatedSheet.videoRow(header, id, SOURCE, n, i < done ? doneAt : null));
            }
            port.append(A1.cell(sheet.tabs().videos(), 0, 1), rows);
            added += done + open;
            pending += open;
            return true;
        }

        @Override
        public void close() {
            port.close();
        }
    }

    @Override
    ScenarioResult run() throws IOException, InterruptedException {
        long t0 = clock.millis();
        int total = settings.campaignVideos();
        long cap = settings.cellCap();
        Duration age = settings.campaignArchiveAfter();
        int batch = Math.max(1, Math.min(BATCH_ROWS, total / 100));
        int windowRows = Math.max(1, Math.min(WINDOW_ROWS, total / 200));
        long firstWindowAt = Math.max(1, Math.min(FIRST_WINDOW_AT, total / 10));
        Path dir = Files.createTempDirectory("ytdc-bench-campaign-");
        try (EmulatedSheet sheet = EmulatedSheet.start(QuotaMode.OFF);
             AgentProcesses processes = new AgentProcesses(dir, BenchAgents.RECOMMENDED_AGENT_JVM_FLAGS)) {
            sheet.initializeAsYtdcInit();
            List<GoogleSpreadsheetPort> ports = new ArrayList<>();
            List<CoordinatorConfig> configs = new ArrayList<>();
            TickFailures failures = new TickFailures();
            for (int i = 1; i <= settings.scaleAgents(); i++) {
                String name = "campaign-agent-" + i;
                GoogleSpreadsheetPort port = sheet.agentPort(name);
                ports.add(port);
                configs.add(agent(port, name, BenchAgents.AGENT_CONCURRENCY, dir).archiveAfter(age).cellCap(cap)
                        .listener(failures).build());
            }
            List<String> args = new ArrayList<>(sheet.simulatedAgentArgs(PROCESS_AGENT,
                    Bench.TaskTime.exactly(Duration.ZERO), BenchAgents.AGENT_CONCURRENCY,
                    settings.settleDelay()));
            args.addAll(List.of("--archive-after", Durations.format(age)));
            processes.start(PROCESS_AGENT, args);
            Instant start = clock.instant();
            Instant deadline = start.plus(settings.scaleTimeout());
            // Feeding stops in time for the last window and the agents to finish what is pending.
            Instant feedUntil = deadline.minus(settings.campaignWindow()).minus(Duration.ofMinutes(2));
            List<Checkpoint> table = new ArrayList<>();
            List<WindowCost> windows = new ArrayList<>();
            boolean reached = true;
            boolean drained;
            long agentDone;
            long endCells;
            long maxCells;
            long samples;
            Duration elapsed;
            Duration paused = Duration.ZERO;
            List<String> exited = new ArrayList<>();
            Feeder feeder = new Feeder(sheet, cap);
            try (CellWatch watch = new CellWatch(sheet, sleeper, SAMPLE_EVERY, processes::sampleMemory)) {
                try (AgentFleet fleet = new AgentFleet(configs, (task, context) -> null, clock, sleeper)) {
                    while (feeder.added < total - windowRows) {
                        if (windows.isEmpty() && feeder.added + windowRows >= firstWindowAt) {
                            Instant w = clock.instant();
                            windows.add(window(sheet, feeder, windowRows, "1", deadline));
                            paused = paused.plus(Duration.between(w, clock.instant()));
                            checkpoints(sheet, watch, feeder.added, total, table, start);
                            continue;
                        }
                        paceUntil(start.plus(paused), feeder.added, feedUntil);
                        int rows = (int) Math.min(batch, total - windowRows - feeder.added);
                        // One row in a thousand is pending: the agents claim and finish it among the finished ones.
                        int open = (int) ((feeder.added + rows) / PENDING_EVERY - feeder.added / PENDING_EVERY);
                        // Finished long enough ago that the archive age has passed, as rows a fleet left behind.
                        Instant doneAt = clock.instant().minus(age).minusSeconds(60);
                        if (!clock.instant().isBefore(feedUntil)
                                || !feeder.append(rows - open, open, doneAt, feedUntil)) {
                            reached = false;
                            break;
                        }
                        checkpoints(sheet, watch, feeder.added, total, table, start);
                    }
                    if (windows.isEmpty()) {
                        windows.add(window(sheet, feeder, windowRows, "1", deadline));
                    }
                    windows.add(window(sheet, feeder, windowRows, "2", deadline));
                    checkpoints(sheet, watch, feeder.added, total, table, start);
                    long doneInWindows = windows.stream().mapToLong(WindowCost::done).sum();
                    long pending = feeder.pending;
                    drained = fleet.await(() -> fleet.done() + doneInWindows + processDone(processes) >= pending,
                            deadline);
                    elapsed = Duration.between(start, clock.instant());
                    // An agent process that exited on its own (out of memory, a fatal sheet error) is a finding.
                    processes.members().stream().filter(p -> !p.process().isAlive())
                            .forEach(p -> exited.add(p.name() + " exited on its own (exit " + p.process().exitValue()
                                    + "); its log ends: " + AgentProcesses.tail(p.logText()).lines()
                                    .reduce((a, b) -> b).orElse("")));
                    processes.stopAll(Duration.ofSeconds(60));
                    agentDone = fleet.done() + doneInWindows + processDone(processes);
                }
                endCells = watch.sample();
                maxCells = watch.max();
                samples = watch.samples();
            } finally {
                feeder.close();
                ports.forEach(GoogleSpreadsheetPort::close);
            }
            return report(sheet, feeder, maxCells, samples, processes, failures, exited, table, windows, total, reached,
                    drained, agentDone, endCells, elapsed, Duration.ofMillis(clock.millis() - t0));
        }
    }

    /** Waits until the pace allows {@code added} videos since {@code since}; no wait without a pace. */
    private void paceUntil(Instant since, long added, Instant notAfter) throws InterruptedException {
        if (settings.campaignPace() == 0) {
            return;
        }
        Instant due = since.plusMillis(added * 60_000L / settings.campaignPace());
        if (due.isAfter(notAfter)) {
            due = notAfter;
        }
        Duration wait = Duration.between(clock.instant(), due);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Adds a table row for every tenth of the campaign reached since the last one. */
    private void checkpoints(EmulatedSheet sheet, CellWatch watch, long added, int total, List<Checkpoint> table,
                             Instant start) {
        int reached = (int) (added * 10 / total) * 10;
        int next = table.isEmpty() ? 10 : table.get(table.size() - 1).percent() + 10;
        if (reached < next) {
            return;
        }
        long cells = watch.sample();
        Checkpoint c = new Checkpoint(reached, added, cells, sheet.gridRows(sheet.tabs().videos()),
                sheet.archivedVideos(), Duration.between(start, clock.instant()));
        table.add(c);
    }

    /** One claim-cost window: adds pending rows, lets a fresh non-archiving agent claim among the fleet. */
    private WindowCost window(EmulatedSheet sheet, Feeder feeder, int rows, String label, Instant deadline)
            throws InterruptedException {
        long before = feeder.added;
        feeder.append(0, rows, null, deadline);
        int videoRows = sheet.gridRows(sheet.tabs().videos());
        String name = "campaign-claimer-" + label;
        Path journals;
        try {
            journals = Files.createTempDirectory("ytdc-bench-campaign-claimer-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        MeteredPort.Totals sweeps;
        MeteredPort.Totals others;
        long done;
        try (MeteredPort port = MeteredPort.ofAnswers(sheet.agentPort(name), clock,
                MeteredPort.sweepsOf(sheet.tabs().videos()))) {
            // Archiving off: its looks read finished rows whatever the claims; the fleet archives meanwhile.
            CoordinatorConfig cfg = agent(port, name, BenchAgents.AGENT_CONCURRENCY, journals)
                    .sweepInterval(settings.campaignWindow()).archiveAfter(Duration.ZERO).cellCap(settings.cellCap())
                    .build();
            Instant start = clock.instant();
            AgentFleet one = new AgentFleet(List.of(cfg), (task, context) -> null, clock, sleeper);
            try {
                one.await(() -> false, start.plus(settings.campaignWindow()));
                sweeps = port.sweeps();
                others = port.others();
            } finally {
                one.close();
            }
            done = one.done();
        }
        List<Duration> latencies = JournalTally.read(List.of(journals.resolve(name + ".jsonl"))).claimLatencies();
        return new WindowCost(before, videoRows, latencies.size(), done, sweeps.calls() + others.calls(),
                sweeps.bytes() + others.bytes(), sweeps.time().plus(others.time()), sweeps.calls(), sweeps.bytes(),
                Percentiles.of(latencies, 50));
    }

    private static long processDone(AgentProcesses processes) {
        return JournalTally.read(List.of(processes.journal(PROCESS_AGENT))).count(TaskEvent.Type.DONE);
    }

    private ScenarioResult report(EmulatedSheet sheet, Feeder feeder, long maxCells, long samples,
                                  AgentProcesses processes, TickFailures failures, List<String> exited,
                                  List<Checkpoint> table,
                                  List<WindowCost> windows, int total, boolean reached, boolean drained,
                                  long agentDone, long endCells, Duration elapsed, Duration wall) {
        long cap = settings.cellCap();
        JsonNode status = sheet.status(clock);
        JsonNode videos = status.path("totals").path("videos");
        long archived = sheet.archivedVideos();
        WindowCost small = windows.get(0);
        WindowCost big = windows.get(windows.size() - 1);
        long peakKib = processes.peakMemoryKib().getOrDefault(PROCESS_AGENT, 0L);
        List<Measurement> m = new ArrayList<>();
        m.add(Measurement.judged("videos added to the sheet", feeder.added, "", Target.exactly(total)));
        m.add(Measurement.judged("videos done, as ytdc status counts them", videos.path("done").asLong(), "",
                Target.exactly(feeder.added)));
        m.add(Measurement.info("  of which archived (Archive tab)", archived, ""));
        m.add(Measurement.judged("most cells in the workbook (sampled)", maxCells, "",
                Target.atMost(MAX_SHARE * cap)));
        m.add(Measurement.info("cells at the end", endCells, ""));
        m.add(Measurement.judged("requests per claim, end / start", big.requestsPerClaim() / small.requestsPerClaim(),
                "x", Target.atMost(CLAIM_COST_RATIO)));
        m.add(Measurement.judged("bytes per claim, end / start", big.bytesPerClaim() / small.bytesPerClaim(), "x",
                Target.atMost(CLAIM_COST_RATIO)));
        m.add(Measurement.judged("Sheets time per claim, end / start", big.millisPerClaim() / small.millisPerClaim(),
                "x", Target.atMost(CLAIM_COST_RATIO)));
        for (WindowCost w : windows) {
            String at = String.format(Locale.ROOT, "at %,d videos", w.videosBefore());
            m.add(Measurement.info("requests per claim " + at, w.requestsPerClaim(), ""));
            m.add(Measurement.info("bytes per claim " + at, w.bytesPerClaim() / 1024, "KiB"));
            m.add(Measurement.info("Sheets time per claim " + at, w.millisPerClaim(), "ms"));
        }
        m.add(Measurement.judged("agent process peak resident memory (VmHWM)",
                peakKib == 0 ? Double.NaN : peakKib / 1024.0, "MiB", Target.atMost(MEMORY_MIB)));
        m.add(Measurement.judged("agent processes that exited on their own", exited.size(), "", Target.exactly(0)));
        m.add(Measurement.info("claim ticks that failed (agents in this JVM)", failures.count(), ""));
        m.add(Measurement.info("videos added a minute", feeder.added / Math.max(1e-9, elapsed.toMillis() / 60_000.0),
                "/min"));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "campaign of %,d videos (%s): %,d added in %s%s; every video but %,d "
                        + "added finished (DoneAt older than the archive age), in appends of up to %,d rows at most "
                        + "%s; %,d pending rows claimed and finished by the agents (%s)",
                total, reached ? "reached" : "NOT reached: stopped to finish within the time limit", feeder.added,
                Durations.format(elapsed), drained ? "" : " (agents had NOT finished the pending rows)",
                feeder.pending, BATCH_ROWS, settings.campaignPace() == 0 ? "as fast as the sheet took them"
                        : String.format(Locale.ROOT, "%,d videos a minute", settings.campaignPace()),
                feeder.pending, agentDone >= feeder.pending ? "all done" : agentDone + " done"));
        notes.add(String.format(Locale.ROOT, "agents: %d in this JVM and 1 'ytdc agent --simulate' process (%s), each "
                        + "at concurrency %d, no-op tasks; archive settings at their defaults (at least %d rows a move, "
                        + "a cap of %,d cells, archiving whatever the age above 80%% of it) except the archive age, "
                        + "shortened from %s to %s for the bench",
                settings.scaleAgents(), Bench.AGENT_JVM_FLAGS, BenchAgents.AGENT_CONCURRENCY,
                CoordinatorConfig.DEFAULT_ARCHIVE_MIN_ROWS, cap,
                Durations.format(CoordinatorConfig.DEFAULT_ARCHIVE_AFTER), Durations.format(settings.campaignArchiveAfter())));
        notes.add(agentNote(BenchAgents.AGENT_CONCURRENCY));
        notes.add(String.format(Locale.ROOT, "the feeder held back %d time(s) for %s in all, the workbook being above "
                + "%.0f%% of the cap (as an expansion would)", feeder.holds, Durations.format(feeder.held),
                MAX_SHARE * 100));
        notes.add(String.format(Locale.ROOT, "cells sampled every %d ms from the emulator's model (%,d samples), and at "
                        + "each tenth below; a peak shorter than that can be missed", SAMPLE_EVERY.toMillis(),
                samples));
        notes.add("the workbook at each tenth of the campaign (videos added, cells, Video Tasks grid rows, videos in the "
                + "Archive tab, time):");
        for (Checkpoint c : table) {
            notes.add(String.format(Locale.ROOT, "  %3d%%  %,11d videos  %,11d cells (%4.1f%%)  %,9d rows  %,11d archived"
                            + "  %s", c.percent(), c.videos(), c.cells(), 100.0 * c.cells() / cap, c.videoRows(),
                    c.archived(), Durations.format(c.at())));
        }
        for (WindowCost w : windows) {
            notes.add(String.format(Locale.ROOT, "claim cost at %,d videos (Video Tasks %,d rows): %d claims by the "
                            + "measuring agent in %s, %d requests, %,d bytes answered (%d sweep(s): %,d bytes), %d ms in "
                            + "the Google client, claim latency p50 %s", w.videosBefore(), w.videoRows(), w.claims(),
                    Durations.format(settings.campaignWindow()), w.calls(), w.bytes(), w.sweeps(), w.sweepBytes(),
                    w.time().toMillis(), w.latencyP50() == null ? "n/a" : w.latencyP50().toMillis() + " ms"));
        }
        notes.add("claim cost: a fresh agent that does not archive claims for one window among the fleet, its sweep "
                + "interval set to the window (one sweep, its first read); bytes = JSON size of the values it was "
                + "answered, measured at the agent; time = inside the Google client, so it includes waiting on an "
                + "emulator busy with the fleet's archiving");
        notes.add("memory: VmHWM of the agent process, sampled with the cells; the agents in this JVM share it with the "
                + "emulator and its model, so theirs is not measured");
        notes.add(String.format(Locale.ROOT, "ytdc status (read directly): videos total %d, done %d, pending %d, in "
                        + "progress %d, error %d", videos.path("total").asLong(), videos.path("done").asLong(),
                videos.path("pending").asLong(), videos.path("inProgress").asLong(), videos.path("error").asLong()));
        if (failures.count() > 0) {
            notes.add("claim ticks of the agents in this JVM failed " + failures.count() + " time(s) (a bench agent "
                    + "logs it and goes on; 'ytdc agent' stops at the first error that is not retryable): "
                    + failures.summary());
        }
        exited.forEach(e -> notes.add("the agent process STOPPED before the end: " + e));
        notes.add("emulator: " + sheet.stats().requests() + " requests answered in all");
        return new ScenarioResult(NAME, m, notes, wall);
    }
}
