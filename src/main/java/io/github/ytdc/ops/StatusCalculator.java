package io.github.ytdc.ops;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TabSnapshot;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.ops.DeadLetterSummary.DeadLetter;
import io.github.ytdc.ops.DeadLetterSummary.ErrorCount;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a {@link StatusReport} from one {@link SheetState}. Pure apart from the injected clock.
 *
 * <p>It reads what people may have mangled without giving up: a row whose Status is no status counts as
 * unreadable, a bad timestamp is ignored, a missing tab or column only loses what depended on it, and each such
 * finding becomes a line in {@link StatusReport#problems()}.
 *
 * <p>The ETA uses the recent completion rate: the n DoneAt times inside the rate window (one hour by default),
 * {@code n / (now - start of the oldest of them)}, where a completion starts at its ClaimedAt (its DoneAt when
 * unknown), so that a burst of first completions does not look like a rate of one per second. At least two recent completions are needed; the rate slows down by itself
 * when completions stop, because the window end is now, not the last completion. Where nothing is left there is
 * no rate (it would only decay) and the ETA is zero; where rows wait out a retry backoff ({@code NotBefore}), the
 * ETA is never earlier than the last backoff's end; with no agent alive there is no ETA for what is left.
 *
 * <p>A worker's {@link WorkerStatus.State} is judged, not copied: an agent whose newest sign of life (LastSeen or a
 * lease it renewed, whichever is newer) is older than its StallTimeout is dead whatever its Status cell says; an agent
 * that holds in-progress rows is running even if its row still says idle. A name listed twice is judged by the row
 * it updated last.
 */
final class StatusCalculator {
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofHours(1);
    /** How many dead letters {@link DeadLetterSummary#latest()} lists. */
    public static final int LATEST_DEAD_LETTERS = 5;
    private static final int MIN_RECENT_COMPLETIONS = 2;
    private static final int MAX_PROBLEMS = 25;
    private static final int MAX_ERROR_TEXT = 100;

    private final Clock clock;
    private final Duration rateWindow;

    public StatusCalculator(Clock clock) {
        this(clock, DEFAULT_RATE_WINDOW);
    }

    public StatusCalculator(Clock clock, Duration rateWindow) {
        if (rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("rate window must be > 0, was " + Durations.format(rateWindow));
        }
        this.clock = clock;
        this.rateWindow = rateWindow;
    }

    /** Reads every tab (one request on a prepared sheet) and reports on it. */
    public StatusReport read(SpreadsheetPort port, TabNames tabs) {
        return compute(port.spreadsheetId(), new SheetReader(port, tabs).readAll());
    }

    /** The report for {@code state}, read from spreadsheet {@code spreadsheetId}. */
    public StatusReport compute(String spreadsheetId, SheetState state) {
        return new Run(state, clock.instant()).report(spreadsheetId);
    }

    /** One computation's working state. */
    private final class Run {
        private final SheetState state;
        private final TabNames tabs;
        private final Instant now;
        private final List<String> problems = new ArrayList<>();
        private int hiddenProblems;
        private final Map<String, Progress> bySource = new LinkedHashMap<>();
        private final Map<String, List<Completion>> doneTimes = new LinkedHashMap<>();
        private final List<Completion> allDoneTimes = new ArrayList<>();
        private final Map<String, List<String>> holds = new LinkedHashMap<>();
        private final Map<String, Instant> newestLease = new LinkedHashMap<>();
        private final Map<String, WaitingRetries> backoffBySource = new LinkedHashMap<>();
        private WaitingRetries backoff = WaitingRetries.NONE;
        private Progress videos = Progress.NONE;
        private Progress sources = Progress.NONE;

        Run(SheetState state, Instant now) {
            this.state = state;
            this.tabs = state.tabs();
            this.now = now;
        }

        StatusReport report(String spreadsheetId) {
            state.missingTabs().forEach(t -> problem("tab '" + t + "' is missing; run 'ytdc init' to create it"));
            checkColumns(tabs.sources(), List.of(Columns.ID, Columns.URL, Columns.STATUS));
            checkColumns(tabs.videos(), List.of(Columns.ID, Columns.SOURCE_ID, Columns.STATUS, Columns.DONE_AT));
            checkColumns(tabs.deadSources(), List.of(Columns.ID));
            checkColumns(tabs.deadVideos(), List.of(Columns.ID, Columns.SOURCE_ID));
            checkColumns(tabs.workers(), List.of(Columns.WORKER, Columns.LAST_SEEN));

            DeadLetterSummary deadLetters = deadLetters();
            readVideos();
            List<SourceProgress> perSource = readSources();
            List<WorkerStatus> workers = readWorkers();
            Double rate = videos.remaining() == 0 ? null : perHour(allDoneTimes);
            // why: with no agent alive, nothing gets done whatever the recent rate says; an ETA would be a promise.
            boolean anyLive = workers.stream().anyMatch(w -> w.state().live());
            if (!anyLive) {
                perSource = perSource.stream().map(sp -> new SourceProgress(sp.id(), sp.url(), sp.status(),
                        sp.listedVideos(), sp.videos(), sp.videosPerHour(), eta(sp.videos(), null, sp.backoff(), now),
                        sp.backoff())).toList();
            }
            StatusReport.Totals totals = new StatusReport.Totals(sources, videos, rate,
                    eta(videos, anyLive ? rate : null, backoff, now), backoff);
            if (hiddenProblems > 0) {
                problems.add("... and " + hiddenProblems + " more problems");
            }
            return new StatusReport(now, spreadsheetId, totals, perSource, workers, deadLetters, problems);
        }

        // ------------------------------------------------------------ videos

        private void readVideos() {
            Set<String> ids = new HashSet<>();
            for (WorkRow r : state.rows(tabs.videos())) {
                Status status = status(tabs.videos(), r);
                String source = r.get(Columns.SOURCE_ID);
                bySource.merge(source, Progress.NONE.plus(status), StatusCalculator::sum);
                videos = videos.plus(status);
                ids.add(r.id());
                if (status == Status.DONE) {
                    time(tabs.videos(), r, Columns.DONE_AT).ifPresent(t -> {
                        // ClaimedAt stays on a done row: when its last attempt began.
                        Instant began = Timestamps.parse(r.get(Columns.CLAIMED_AT)).filter(c -> c.isBefore(t)).orElse(t);
                        Completion c = new Completion(t, began);
                        doneTimes.computeIfAbsent(source, s -> new ArrayList<>()).add(c);
                        allDoneTimes.add(c);
                    });
                } else if (status == Status.IN_PROGRESS) {
                    claim(TaskKind.VIDEO, tabs.videos(), r);
                } else if (status == Status.PENDING) {
                    time(tabs.videos(), r, Columns.NOT_BEFORE).filter(t -> t.isAfter(now)).ifPresent(t -> {
                        backoffBySource.merge(source, WaitingRetries.NONE.plus(t), WaitingRetries::plus);
                        backoff = backoff.plus(t);
                    });
                }
            }
            // Archived videos left Video Tasks done; the Archive tab counts them per source.
            state.archivedBySource().forEach((source, n) -> {
                Progress archived = new Progress(n, 0, 0, 0, 0);
                bySource.merge(source, archived, StatusCalculator::sum);
                videos = sum(videos, archived);
            });
            // Dead letters whose work row is gone (deleted by hand, or archived) still count against their source.
            for (WorkRow r : state.rows(tabs.deadVideos())) {
                if (!r.id().isEmpty() && ids.add(r.id())) {
                    bySource.merge(r.get(Columns.SOURCE_ID), Progress.NONE.plus(Status.ERROR), StatusCalculator::sum);
                    videos = videos.plus(Status.ERROR);
                }
            }
        }

        // ------------------------------------------------------------ sources

        private List<SourceProgress> readSources() {
            List<SourceProgress> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (WorkRow r : state.rows(tabs.sources())) {
                Status status = status(tabs.sources(), r);
                sources = sources.plus(status);
                if (status == Status.IN_PROGRESS) {
                    claim(TaskKind.SOURCE, tabs.sources(), r);
                }
                if (!r.id().isEmpty() && !ids.add(r.id())) {
                    problem(where(tabs.sources(), r) + ": ID '" + r.id() + "' is already on an earlier row; "
                            + "its videos are counted there");
                    continue;
                }
                String shown = status != null ? status.label() : r.get(Columns.STATUS);
                out.add(progress(r.id(), r.url(), shown, listedVideos(r), !r.id().isEmpty()));
            }
            for (WorkRow r : state.rows(tabs.deadSources())) {
                if (!r.id().isEmpty() && ids.add(r.id())) {
                    sources = sources.plus(Status.ERROR);
                    if (bySource.containsKey(r.id())) {
                        out.add(progress(r.id(), r.url(), Status.ERROR.label(), listedVideos(r), true));
                    }
                }
            }
            bySource.keySet().stream().filter(id -> !ids.contains(id)).sorted()
                    .forEach(id -> out.add(progress(id, "", "", null, true)));
            return out;
        }

        private SourceProgress progress(String id, String url, String status, Integer listed, boolean hasVideos) {
            Progress p = hasVideos ? bySource.getOrDefault(id, Progress.NONE) : Progress.NONE;
            WaitingRetries waiting = hasVideos ? backoffBySource.getOrDefault(id, WaitingRetries.NONE) : WaitingRetries.NONE;
            Double rate = p.remaining() == 0 ? null : perHour(doneTimes.getOrDefault(id, List.of()));
            return new SourceProgress(id, url, status, listed, p, rate, eta(p, rate, waiting, now), waiting);
        }

        private Integer listedVideos(WorkRow r) {
            String cell = r.get(Columns.VIDEOS);
            try {
                return cell.isEmpty() ? null : Integer.valueOf(cell);
            } catch (NumberFormatException e) {
                problem(where(tabs.sources(), r) + ": Videos '" + cell + "' is not a number");
                return null;
            }
        }

        // ------------------------------------------------------------ workers

        private List<WorkerStatus> readWorkers() {
            List<WorkerStatus> out = new ArrayList<>();
            Map<String, WorkRow> byName = newestRowPerWorker();
            for (WorkRow r : byName.values()) {
                String name = r.get(Columns.WORKER);
                Instant seen = time(tabs.workers(), r, Columns.LAST_SEEN).orElse(null);
                Duration heartbeat = duration(r, Columns.HEARTBEAT);
                Duration stall = duration(r, Columns.STALL_TIMEOUT);
                List<String> held = holds.getOrDefault(name, List.of());
                String cell = r.get(Columns.STATUS);
                // why: a lease renewed after LastSeen is a sign of life too (a person sorting the tab can make one
                // row update land on another agent's row until its next update).
                Instant alive = newer(seen, newestLease.get(name));
                Judged j = judge(cell, age(alive), stall, held);
                String current = r.get(Columns.CURRENT);
                out.add(new WorkerStatus(name, r.get(Columns.HOST), cell, j.state, j.reason, seen, age(seen),
                        r.get(Columns.VERSION), current,
                        j.state.live() ? WorkerStatus.Task.parse(current) : List.of(), count(r.get(Columns.DONE)),
                        count(r.get(Columns.FAILED)), heartbeat, stall, held, true));
            }
            holds.keySet().stream().filter(n -> !byName.containsKey(n)).sorted().forEach(n -> {
                Instant seen = newestLease.get(n);
                Judged j = judge("", age(seen), null, holds.get(n));
                out.add(new WorkerStatus(n, "", "", j.state, j.reason, seen, age(seen), "", "", List.of(), null, null,
                        null, null, holds.get(n), false));
            });
            return out;
        }

        /**
         * Each worker's row, in sheet order: where a name is listed twice (a sheet written by an older version, or a
         * hand copy), the row it updated last (the newest LastSeen), since only that one tells the truth.
         */
        private Map<String, WorkRow> newestRowPerWorker() {
            Map<String, WorkRow> byName = new LinkedHashMap<>();
            for (WorkRow r : state.rows(tabs.workers())) {
                String name = r.get(Columns.WORKER);
                if (name.isEmpty()) {
                    problem(where(tabs.workers(), r) + " has no Worker name; ignored");
                    continue;
                }
                WorkRow earlier = byName.get(name);
                if (earlier == null) {
                    byName.put(name, r);
                    continue;
                }
                Instant before = Timestamps.parse(earlier.get(Columns.LAST_SEEN)).orElse(Instant.MIN);
                Instant here = Timestamps.parse(r.get(Columns.LAST_SEEN)).orElse(Instant.MIN);
                WorkRow shown = here.isAfter(before) ? r : earlier;
                WorkRow ignored = shown == r ? earlier : r;
                byName.put(name, shown);
                problem(where(tabs.workers(), ignored) + ": worker '" + name + "' is listed more than once; row "
                        + shown.rowNumber() + " (seen last) is shown");
            }
            return byName;
        }

        private static Instant newer(Instant a, Instant b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }

        private Duration duration(WorkRow r, String column) {
            String cell = r.get(column);
            if (cell.isEmpty()) {
                return null;
            }
            try {
                return Durations.parse(cell);
            } catch (IllegalArgumentException e) {
                problem(where(tabs.workers(), r) + ": " + column + " '" + cell + "' is not a duration (use e.g. 10m)");
                return null;
            }
        }

        private void claim(TaskKind kind, String tab, WorkRow r) {
            String by = r.claimedBy().isEmpty() ? "(unknown)" : r.claimedBy();
            holds.computeIfAbsent(by, b -> new ArrayList<>()).add(kind.label() + ":" + r.id());
            Optional<Instant> lease = time(tab, r, Columns.HEARTBEAT_AT).or(() -> time(tab, r, Columns.CLAIMED_AT));
            lease.ifPresent(l -> newestLease.merge(by, l, (a, b) -> a.isAfter(b) ? a : b));
        }

        private Duration age(Instant seen) {
            return seen == null ? null : Duration.between(seen, now);
        }

        // ------------------------------------------------------------ dead letters

        private DeadLetterSummary deadLetters() {
            Map<String, DeadLetter> copies = new LinkedHashMap<>();
            deadLetterRows(TaskKind.SOURCE, tabs.deadSources(), copies);
            deadLetterRows(TaskKind.VIDEO, tabs.deadVideos(), copies);
            // Work-tab error rows without a copy (copy deleted, or set to error by hand): age unknown, so oldest.
            Map<String, DeadLetter> all = new LinkedHashMap<>();
            workErrorRows(TaskKind.SOURCE, tabs.sources(), copies, all);
            workErrorRows(TaskKind.VIDEO, tabs.videos(), copies, all);
            all.putAll(copies);
            Map<String, Integer> counts = new LinkedHashMap<>();
            all.values().forEach(d -> counts.merge(d.error(), 1, Integer::sum));
            List<ErrorCount> byError = counts.entrySet().stream()
                    .map(e -> new ErrorCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt(ErrorCount::count).reversed())
                    .toList();
            List<DeadLetter> latest = new ArrayList<>(all.values());
            java.util.Collections.reverse(latest);
            return new DeadLetterSummary(all.size(), byError,
                    latest.subList(0, Math.min(LATEST_DEAD_LETTERS, latest.size())));
        }

        private void deadLetterRows(TaskKind kind, String tab, Map<String, DeadLetter> into) {
            for (WorkRow r : state.rows(tab)) {
                if (r.id().isEmpty()) {
                    problem(where(tab, r) + " has no ID; it cannot be requeued");
                    continue;
                }
                into.putIfAbsent(kind.label() + ":" + r.id(), deadLetter(kind, r));
            }
        }

        private void workErrorRows(TaskKind kind, String tab, Map<String, DeadLetter> copies, Map<String, DeadLetter> into) {
            for (WorkRow r : state.rows(tab)) {
                String key = kind.label() + ":" + r.id();
                if (r.hasStatus(Status.ERROR) && !copies.containsKey(key)) {
                    into.putIfAbsent(key, deadLetter(kind, r));
                }
            }
        }

        private static DeadLetter deadLetter(TaskKind kind, WorkRow r) {
            return new DeadLetter(kind, r.id(), kind == TaskKind.VIDEO ? r.get(Columns.SOURCE_ID) : "",
                    errorText(r.get(Columns.LAST_ERROR)), r.retryCount());
        }

        // ------------------------------------------------------------ lenient reading

        /** The row's status, or {@code null} (and a problem) when the cell holds something else. */
        private Status status(String tab, WorkRow r) {
            Optional<Status> s = r.status();
            if (s.isEmpty()) {
                problem(where(tab, r) + ": Status '" + r.get(Columns.STATUS) + "' is not pending, in-progress, done "
                        + "or error; agents leave this row alone until it is fixed");
            }
            return s.orElse(null);
        }

        private Optional<Instant> time(String tab, WorkRow r, String column) {
            String cell = r.get(column);
            Optional<Instant> t = Timestamps.parse(cell);
            if (t.isEmpty() && !cell.isEmpty()) {
                problem(where(tab, r) + ": " + column + " '" + cell + "' is not a timestamp (use "
                        + Timestamps.format(now) + ")");
            }
            return t;
        }

        private void checkColumns(String tab, List<String> needed) {
            state.tab(tab).ifPresent(snap -> {
                Header h = snap.header();
                if (h.width() == 0 || h.names().stream().allMatch(String::isBlank)) {
                    problem("tab '" + tab + "' has no header row; run 'ytdc init'");
                    return;
                }
                List<String> missing = h.missing(needed);
                if (!missing.isEmpty()) {
                    problem("tab '" + tab + "' has no " + String.join(", ", missing) + " column"
                            + (missing.size() > 1 ? "s" : "") + "; run 'ytdc init' to add "
                            + (missing.size() > 1 ? "them" : "it"));
                }
            });
        }

        private String where(String tab, WorkRow r) {
            String name = r.id().isEmpty() ? r.get(Columns.WORKER) : r.id();
            return "'" + tab + "' row " + r.rowNumber() + (name.isEmpty() ? "" : " (" + name + ")");
        }

        private void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            } else {
                hiddenProblems++;
            }
        }

        // ------------------------------------------------------------ rates

        private Double perHour(List<Completion> completions) {
            Instant from = now.minus(rateWindow);
            List<Completion> recent = completions.stream()
                    .filter(c -> c.done().isAfter(from) && !c.done().isAfter(now)).toList();
            if (recent.size() < MIN_RECENT_COMPLETIONS) {
                return null;
            }
            // Measured from when the oldest of them began, not ended: the first completions of a run (often a burst,
            // one per slot) took a whole task's time, not the instant between them.
            Instant oldest = recent.stream().map(Completion::began).min(Comparator.naturalOrder()).orElseThrow();
            if (oldest.isBefore(from)) {
                oldest = from;
            }
            long ms = Duration.between(oldest, now).toMillis();
            return ms <= 0 ? null : recent.size() * 3_600_000.0 / ms;
        }
    }

    /** A video finished at {@code done}, its last attempt claimed at {@code began} (= {@code done} when unknown). */
    private record Completion(Instant done, Instant began) {}

    private static Duration eta(Progress p, Double perHour, WaitingRetries backoff, Instant now) {
        if (p.total() > 0 && p.remaining() == 0) {
            return Duration.ZERO;
        }
        if (perHour == null || p.remaining() == 0) {
            return null;
        }
        Duration atRate = Duration.ofSeconds(Math.round(p.remaining() * 3600 / perHour));
        if (backoff.until() == null) {
            return atRate;
        }
        // The last row backing off cannot be done before its backoff ends, however fast the others go.
        Duration untilBackoffEnds = Duration.between(now, backoff.until());
        return untilBackoffEnds.compareTo(atRate) > 0 ? untilBackoffEnds : atRate;
    }

    /** A worker's state and the reason shown with it. */
    private record Judged(WorkerStatus.State state, String reason) {}

    /**
     * What an agent is doing: dead when silent for longer than its stall timeout (the default when its row does not
     * say), whatever its Status cell claims; otherwise as its Status says, except that holding in-progress rows is
     * running.
     */
    private static Judged judge(String cell, Duration age, Duration stallTimeout, List<String> holds) {
        String status = cell.strip().toLowerCase(java.util.Locale.ROOT);
        Duration stall = stallTimeout != null ? stallTimeout : CoordinatorConfig.DEFAULT_STALL_TIMEOUT;
        if (status.equals("stopped")) {
            return new Judged(WorkerStatus.State.STOPPED, "");
        }
        if (age == null) {
            return new Judged(WorkerStatus.State.UNKNOWN, "no LastSeen to judge by");
        }
        if (age.compareTo(stall) > 0) {
            return new Judged(WorkerStatus.State.DEAD, "silent " + Humanize.span(age) + " > stall timeout "
                    + Durations.format(stall));
        }
        if (status.startsWith("paused")) {
            // "paused: <why>" (the agent's guards) or "paused until <time> (...): <why>" (its circuit breaker)
            String why = cell.strip().substring("paused".length()).replaceFirst("^\\s*:?\\s*", "");
            return new Judged(WorkerStatus.State.PAUSED, why);
        }
        if (status.equals("stopping")) {
            return new Judged(WorkerStatus.State.STOPPING, "");
        }
        if (status.equals("running") || !holds.isEmpty()) {
            return new Judged(WorkerStatus.State.RUNNING, "");
        }
        if (status.equals("idle") || status.equals("starting")) {
            return new Judged(WorkerStatus.State.IDLE, "");
        }
        return new Judged(WorkerStatus.State.UNKNOWN, "Status '" + cell.strip() + "'");
    }

    private static Progress sum(Progress a, Progress b) {
        return new Progress(a.done() + b.done(), a.pending() + b.pending(), a.inProgress() + b.inProgress(),
                a.error() + b.error(), a.unreadable() + b.unreadable());
    }

    private static Integer count(String cell) {
        try {
            return cell.isEmpty() ? null : Integer.valueOf(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An error's first line, shortened: errors carrying the same message group together. */
    static String errorText(String lastError) {
        String first = lastError.lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            return "(no error recorded)";
        }
        return first.length() <= MAX_ERROR_TEXT ? first : first.substring(0, MAX_ERROR_TEXT - 3) + "...";
    }
}
