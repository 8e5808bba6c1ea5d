package io.github.ytdc.ops;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.toolchain.ToolchainSetup;
import io.github.ytdc.util.Durations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The operator's commands {@code ytdc status}, {@code ytdc requeue} and {@code ytdc doctor}, each one call that
 * returns what the command prints. Everything behind it (the status calculation and its renderings, the requeuer,
 * the checks) is private to this package: the CLI is its only user, and a library user needs none of it. What a
 * command is asked to do comes in as a settings record, {@link RequeueRequest} or {@link DoctorOptions}.
 */
public final class Operations {
    private static final Map<CheckResult.Level, String> COLOURS = Map.of(
            CheckResult.Level.PASS, "32", CheckResult.Level.WARN, "33", CheckResult.Level.FAIL, "31",
            CheckResult.Level.SKIP, "2");

    private final Clock clock;
    private final boolean colour;

    /**
     * @param clock  the time reports are computed at and leases are judged against
     * @param colour whether the text may use ANSI colours (i.e. the output is a terminal)
     */
    public Operations(Clock clock, boolean colour) {
        this.clock = clock;
        this.colour = colour;
    }

    /** Operations whose text has no colours, e.g. for output that is no terminal. */
    public Operations(Clock clock) {
        this(clock, false);
    }

    /**
     * What {@link #requeue} and {@link #doctor} print.
     *
     * @param out for standard output; ends with a newline
     * @param err for standard error (printed after {@code out}), or empty
     * @param ok  false when the command should exit non-zero
     */
    public record Printout(String out, String err, boolean ok) {}

    /**
     * The spreadsheet as {@code Spreadsheets.open} gives it, except that a missing
     * local spreadsheet is an error (saying to run {@code ytdc init}) instead of being created: looking must not
     * create.
     */
    public static SpreadsheetPort openExisting(ConnectionSettings settings) {
        return SheetReader.openExisting(settings);
    }

    /**
     * {@code ytdc status}: reads every tab (one request on a prepared sheet) and renders progress, agents and dead
     * letters.
     *
     * @param json the stable JSON document for scripts (its shape is documented in {@code StatusJson}) instead of
     *             text for a person
     * @throws io.github.ytdc.sheets.SheetsException when the sheet cannot be read
     */
    public String status(SpreadsheetPort port, TabNames tabs, boolean json) {
        StatusReport report = new StatusCalculator(clock).read(port, tabs);
        return json ? StatusJson.render(report) + "\n" : new StatusText(colour).render(report);
    }

    /**
     * {@code ytdc requeue}: puts what {@code request} selects back to pending (or, in a dry run, says what it
     * would) and lists every row moved. Not ok when the request named IDs that matched nothing requeueable.
     *
     * @throws io.github.ytdc.YtdcException when a work tab it needs is missing or lacks its ID or Status column
     */
    public Printout requeue(SpreadsheetPort port, TabNames tabs, RequeueRequest request) {
        RequeueResult result = new Requeuer(port, tabs, clock).requeue(request);
        boolean dryRun = request.dryRun();
        StringBuilder out = new StringBuilder();
        String verb = dryRun ? "would requeue" : "requeued";
        for (RequeueResult.Move m : result.moves()) {
            out.append(verb).append(' ').append(m.kind().label()).append(' ').append(m.id()).append(": ")
                    .append(m.action()).append('\n');
        }
        result.notes().forEach(n -> out.append("left alone: ").append(n).append('\n'));
        long videos = result.moves().stream().filter(m -> m.kind() == TaskKind.VIDEO).count();
        long sources = result.moves().size() - videos;
        String what = request.mode() == RequeueRequest.Mode.STALLED ? "stalled" : "dead-lettered";
        if (result.moves().isEmpty()) {
            out.append("Nothing ").append(what).append(" to requeue").append(dryRun ? " (dry run)." : ".");
        } else {
            out.append(dryRun ? "Dry run: would requeue " : "Requeued ").append(videos).append(" video")
                    .append(videos == 1 ? "" : "s").append(" and ").append(sources).append(" source")
                    .append(sources == 1 ? "" : "s").append(dryRun ? "; nothing was written." : ".");
        }
        out.append('\n');
        if (result.unmatchedIds().isEmpty()) {
            return new Printout(out.toString(), "", true);
        }
        return new Printout(out.toString(), "ytdc: not " + what + ", or no such ID: "
                + String.join(", ", result.unmatchedIds()) + "\n", false);
    }

    /**
     * {@code ytdc doctor}: runs every check, the toolchain as an agent would choose it (managed tools first), and
     * prints one line per check (PASS, WARN, FAIL with the fix, or SKIP) and a summary. Not ok when any check
     * failed. Never throws for what it checks.
     *
     * @param opener  opens the spreadsheet; it must not create a local one (see {@link #openExisting})
     * @param tools   finds yt-dlp and ffmpeg
     * @param setup   chooses yt-dlp and the JavaScript runtime as the agent does, and checks them
     * @param extras  how agents run yt-dlp (PO-token provider, plugins, pacing), for the canary
     */
    public Printout doctor(DoctorOptions options, Function<ConnectionSettings, SpreadsheetPort> opener,
                           ToolDiscovery tools, ToolchainSetup setup, ToolchainSetup.Extras extras) {
        List<CheckResult> results = new Doctor(opener, tools, clock, setup, extras).run(options);
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (CheckResult r : results) {
            String level = String.format("%-4s", r.level().name());
            out.append(colour ? "\u001B[" + COLOURS.get(r.level()) + "m" + level + "\u001B[0m" : level).append("  ")
                    .append(String.format("%-" + width + "s", r.name())).append("  ").append(r.message()).append('\n');
        }
        long failed = results.stream().filter(r -> r.level() == CheckResult.Level.FAIL).count();
        long warned = results.stream().filter(r -> r.level() == CheckResult.Level.WARN).count();
        out.append(failed == 0 && warned == 0 ? "All checks passed."
                : failed + " failed, " + warned + " warning" + (warned == 1 ? "" : "s") + ".").append('\n');
        return new Printout(out.toString(), "", Doctor.healthy(results));
    }

    /**
     * What {@code ytdc requeue} should put back to pending.
     *
     * @param mode         dead-lettered rows, or in-progress rows whose lease expired
     * @param kinds        which tabs: sources, videos, or both
     * @param sourceId     only this source (for videos: their SourceID), or {@code null} for all
     * @param ids          only rows with these IDs; empty for all
     * @param stallTimeout for {@link Mode#STALLED}: a lease (HeartbeatAt, else ClaimedAt) older than this has expired
     * @param dryRun       report what would move, write nothing
     */
    public record RequeueRequest(Mode mode, Set<TaskKind> kinds, String sourceId, Set<String> ids,
                                 Duration stallTimeout, boolean dryRun) {
        /** Which rows to requeue. */
        public enum Mode {
            /** Rows in the dead-letter tabs, and work-tab rows whose status is {@code error}. */
            DEAD_LETTERS,
            /** {@code in-progress} rows whose lease is older than the stall timeout (their agent died). */
            STALLED
        }

        /** Blank or missing selections mean all; a missing stall timeout is the coordinator's default. */
        public RequeueRequest {
            Objects.requireNonNull(mode, "mode");
            kinds = kinds == null || kinds.isEmpty() ? EnumSet.allOf(TaskKind.class) : Set.copyOf(kinds);
            sourceId = sourceId == null || sourceId.isBlank() ? null : sourceId.trim();
            ids = ids == null ? Set.of() : ids.stream().map(String::trim).filter(s -> !s.isEmpty())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            stallTimeout = stallTimeout == null ? CoordinatorConfig.DEFAULT_STALL_TIMEOUT : stallTimeout;
            if (stallTimeout.isNegative() || stallTimeout.isZero()) {
                throw new IllegalArgumentException("stall timeout must be > 0, was " + Durations.format(stallTimeout));
            }
        }

        /** Every dead letter, sources and videos, for real. */
        public static RequeueRequest deadLetters() {
            return new RequeueRequest(Mode.DEAD_LETTERS, null, null, null, null, false);
        }

        /** Every stalled row under the coordinator's default stall timeout, for real. */
        public static RequeueRequest stalled() {
            return new RequeueRequest(Mode.STALLED, null, null, null, null, false);
        }

        /** This request for {@code kind} rows only. */
        public RequeueRequest onlyKind(TaskKind kind) {
            return new RequeueRequest(mode, EnumSet.of(kind), sourceId, ids, stallTimeout, dryRun);
        }

        /** This request for source {@code id} (its row, or its videos) only. */
        public RequeueRequest onlySource(String id) {
            return new RequeueRequest(mode, kinds, id, ids, stallTimeout, dryRun);
        }

        /** This request for rows with these IDs only. */
        public RequeueRequest onlyIds(Set<String> only) {
            return new RequeueRequest(mode, kinds, sourceId, only, stallTimeout, dryRun);
        }

        /** This request with another stall timeout (for {@link Mode#STALLED}). */
        public RequeueRequest withStallTimeout(Duration timeout) {
            return new RequeueRequest(mode, kinds, sourceId, ids, timeout, dryRun);
        }

        /** This request as a dry run: report what would move, write nothing. */
        public RequeueRequest asDryRun() {
            return new RequeueRequest(mode, kinds, sourceId, ids, stallTimeout, true);
        }
    }

    /**
     * What {@code ytdc doctor} checks.
     *
     * @param connection   the spreadsheet and credentials
     * @param tabs         the tab titles in use
     * @param ytDlp        the {@code --yt-dlp} path, or {@code null} to look it up as the agent would
     * @param ffmpeg       the {@code --ffmpeg} path, or {@code null}
     * @param output       the download folder whose free space matters
     * @param minFreeBytes less free space than this fails the disk check
     * @param maxSkew      agent timestamps further ahead of this host's clock than this are flagged
     * @param jsRuntime    the {@code --js-runtime} given, or {@code null} to look for one as the agent would
     * @param canaryUrl    a video to extract for real ({@code --canary}), or {@code null}
     */
    public record DoctorOptions(ConnectionSettings connection, TabNames tabs, Path ytDlp, Path ffmpeg, Path output,
                                long minFreeBytes, Duration maxSkew, Path jsRuntime, String canaryUrl) {
        /** 1 GiB: a few videos' worth. */
        public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;
        /** One minute: agent timestamps further ahead than this make the clock check warn. */
        public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(1);

        /** Checks that the connection, tabs, output and skew are given and the free-space minimum is not negative. */
        public DoctorOptions {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(tabs, "tabs");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(maxSkew, "maxSkew");
            if (minFreeBytes < 0) {
                throw new IllegalArgumentException("minimum free space must be >= 0, was " + minFreeBytes);
            }
        }

        /** Options without a named runtime or a canary. */
        public DoctorOptions(ConnectionSettings connection, TabNames tabs, Path ytDlp, Path ffmpeg, Path output,
                             long minFreeBytes, Duration maxSkew) {
            this(connection, tabs, ytDlp, ffmpeg, output, minFreeBytes, maxSkew, null, null);
        }
    }
}
