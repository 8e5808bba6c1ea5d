package io.github.ytdc.ops;

import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.ops.DeadLetterSummary.DeadLetter;
import io.github.ytdc.ops.DeadLetterSummary.ErrorCount;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link StatusReport} for a person at a terminal: a progress bar per source, aligned columns, ages such
 * as {@code 12s ago}. Colour (ANSI) only when asked for, i.e. when the output is a terminal.
 */
final class StatusText {
    static final int BAR_WIDTH = 20;
    private static final int MAX_HOLDS_SHOWN = 3;
    /**
     * Stopped and dead agents not seen for this long are summed up in one line instead of listed: a new agent takes
     * over such a row in the Workers tab ({@code --json} still lists them).
     */
    static final Duration AGED_OUT = Duration.ofDays(1);

    private final boolean colour;

    public StatusText(boolean colour) {
        this.colour = colour;
    }

    public String render(StatusReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Spreadsheet ").append(r.spreadsheet()).append(" at ").append(Timestamps.format(r.at())).append("\n\n");
        StatusReport.Totals t = r.totals();
        boolean anyLive = r.workers().stream().anyMatch(w -> w.state().live());
        out.append("Videos   ").append(bar(t.videos())).append("  ").append(counts(t.videos(), t.backoff()))
                .append(rateAndEta(t.videosPerHour(), t.eta(), t.videos(), anyLive)).append('\n');
        out.append("Sources  ").append(counts(t.sources(), WaitingRetries.NONE)).append("\n\n");
        sources(out, r.sources());
        workers(out, r.workers());
        deadLetters(out, r.deadLetters());
        problems(out, r.problems());
        return out.toString().stripTrailing() + "\n";
    }

    private void sources(StringBuilder out, List<SourceProgress> sources) {
        out.append(bold("Sources")).append(" (").append(sources.size()).append(")\n");
        if (sources.isEmpty()) {
            out.append("  none yet: add channel or playlist URLs to the Sources tab\n\n");
            return;
        }
        TextTable table = new TextTable(
                List.of("SOURCE", "PROGRESS", "DONE", "PENDING", "RUNNING", "ERROR", "RATE", "ETA", "STATE", "URL"),
                2, 3, 4, 5, 6, 7);
        for (SourceProgress s : sources) {
            Progress p = s.videos();
            table.row(s.id().isEmpty() ? "(no ID)" : s.id(), bar(p), p.done() + "/" + p.total(),
                    p.pending() + (s.backoff().rows() == 0 ? "" : " (" + s.backoff().rows() + " in backoff)"),
                    Integer.toString(p.inProgress()), errorCount(p.error()),
                    s.videosPerHour() == null ? "-" : Humanize.perHour(s.videosPerHour()),
                    eta(s.eta()), state(s), s.url());
        }
        out.append(table.render("  ")).append('\n');
    }

    private void workers(StringBuilder out, List<WorkerStatus> workers) {
        List<WorkerStatus> shown = workers.stream().filter(w -> !agedOut(w)).toList();
        List<WorkerStatus> old = workers.stream().filter(StatusText::agedOut).toList();
        out.append(bold("Workers")).append(" (").append(shown.size()).append(')');
        Map<WorkerStatus.State, Long> byState = new EnumMap<>(WorkerStatus.State.class);
        shown.forEach(w -> byState.merge(w.state(), 1L, Long::sum));
        if (!byState.isEmpty()) {
            out.append(": ").append(byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                    .collect(Collectors.joining(", ")));
        }
        out.append('\n');
        if (shown.isEmpty()) {
            out.append(old.isEmpty() ? "  none seen: start an agent with 'ytdc agent'\n"
                    : "  none seen for a day: start an agent with 'ytdc agent'\n");
        } else {
            TextTable table = new TextTable(List.of("WORKER", "HOST", "STATE", "LAST SEEN", "DONE", "FAILED", "DOING"),
                    4, 5);
            for (WorkerStatus w : shown) {
                String seen = Humanize.ago(w.age());
                if (!w.state().live()) {
                    seen = paint(w.state() == WorkerStatus.State.DEAD ? "31" : "2", seen);
                }
                table.row(w.name(), w.host(), state(w), seen, w.done() == null ? "-" : w.done().toString(),
                        w.failed() == null ? "-" : w.failed().toString(), doing(w));
            }
            out.append(table.render("  "));
        }
        if (!old.isEmpty()) {
            out.append("  + ").append(old.size()).append(" stopped or dead for over ").append(Humanize.span(AGED_OUT))
                    .append(", not listed (new agents take over their rows; --json lists them)\n");
        }
        out.append('\n');
    }

    private static boolean agedOut(WorkerStatus w) {
        return (w.state() == WorkerStatus.State.STOPPED || w.state() == WorkerStatus.State.DEAD)
                && w.age() != null && w.age().compareTo(AGED_OUT) > 0;
    }

    private String state(WorkerStatus w) {
        // why: a pause's reason can be a whole yt-dlp error; its first line, shortened, keeps the table readable
        // (--json has it in full).
        String text = w.reason().isEmpty() ? w.state().label()
                : w.state().label() + " (" + StatusCalculator.errorText(w.reason()) + ")";
        return switch (w.state()) {
            case DEAD -> paint("31", text);
            case PAUSED, UNKNOWN -> paint("33", text);
            default -> text;
        };
    }

    /**
     * What a live agent reports it is doing (with download progress); what a dead one left behind, or a stopped one
     * that could not release its claims (their leases expire and other agents take them over).
     */
    private static String doing(WorkerStatus w) {
        if (w.state() == WorkerStatus.State.DEAD || w.state() == WorkerStatus.State.STOPPED) {
            return w.holds().isEmpty() ? "" : "left " + holds(w.holds()) + " to other agents";
        }
        if (w.state().live() && w.listed() && !w.current().isBlank()) {
            return w.current();
        }
        return w.state().live() ? holds(w.holds()) : "";
    }

    private void deadLetters(StringBuilder out, DeadLetterSummary d) {
        out.append(bold("Dead letters")).append(" (").append(d.total()).append(")\n");
        if (d.total() == 0) {
            out.append("  none\n\n");
            return;
        }
        TextTable byError = new TextTable(List.of("COUNT", "ERROR"), 0);
        for (ErrorCount e : d.byError()) {
            byError.row(Integer.toString(e.count()), e.error());
        }
        out.append(byError.render("  "));
        out.append("  Latest:\n");
        TextTable latest = new TextTable(List.of("KIND", "ID", "SOURCE", "RETRIES", "ERROR"), 3);
        for (DeadLetter l : d.latest()) {
            latest.row(l.kind().label(), l.id(), l.sourceId(), Integer.toString(l.retryCount()), l.error());
        }
        out.append(latest.render("  ")).append("  Requeue with 'ytdc requeue' (--source ID, or IDs).\n\n");
    }

    private void problems(StringBuilder out, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.append(paint("33", "Problems")).append(" (").append(problems.size()).append(")\n");
        problems.forEach(p -> out.append("  - ").append(p).append('\n'));
        out.append('\n');
    }

    /** {@code [#######xx...........]  35%}: done as {@code #}, dead-lettered as {@code x}. */
    String bar(Progress p) {
        int done = p.total() == 0 ? 0 : (int) Math.floor((double) BAR_WIDTH * p.done() / p.total());
        int error = p.total() == 0 ? 0 : (int) Math.ceil((double) BAR_WIDTH * p.error() / p.total());
        error = Math.min(error, BAR_WIDTH - done);
        String rest = ".".repeat(BAR_WIDTH - done - error);
        return "[" + paint("32", "#".repeat(done)) + paint("31", "x".repeat(error)) + rest + "] "
                + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(p.percentDone()));
    }

    private static String counts(Progress p, WaitingRetries backoff) {
        String s = p.done() + " done, " + p.pending() + " pending"
                + (backoff.rows() == 0 ? "" : " (" + backoff.rows() + " in retry backoff until "
                        + Timestamps.format(backoff.until()) + ")")
                + ", " + p.inProgress() + " running, " + p.error() + " error";
        return p.unreadable() == 0 ? s : s + ", " + p.unreadable() + " unreadable";
    }

    private static String rateAndEta(Double rate, Duration eta, Progress p, boolean anyLive) {
        if (p.total() > 0 && p.remaining() == 0) {
            return ", all done";
        }
        if (p.remaining() > 0 && !anyLive) {
            return ", no agent running";
        }
        if (rate == null) {
            return "";
        }
        return ", " + Humanize.perHour(rate) + ", ETA " + eta(eta);
    }

    /** {@code ~1h20m}, {@code done} when nothing is left (dead letters are counted apart), {@code -} when unknown. */
    private static String eta(Duration eta) {
        if (eta == null) {
            return "-";
        }
        return eta.isZero() ? "done" : "~" + Humanize.span(eta);
    }

    private static String state(SourceProgress s) {
        return switch (s.status()) {
            case "" -> "no Sources row";
            case "pending" -> "not listed yet";
            case "in-progress" -> "listing";
            case "done" -> s.listedVideos() == null ? "listed" : "listed " + s.listedVideos();
            case "error" -> "dead-lettered";
            default -> "status '" + s.status() + "'?";
        };
    }

    private String errorCount(int n) {
        return n == 0 ? "0" : paint("31", Integer.toString(n));
    }

    private static String holds(List<String> holds) {
        if (holds.size() <= MAX_HOLDS_SHOWN) {
            return String.join(", ", holds);
        }
        return String.join(", ", holds.subList(0, MAX_HOLDS_SHOWN)) + " +" + (holds.size() - MAX_HOLDS_SHOWN) + " more";
    }

    private String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return colour && !s.isEmpty() ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
    }
}
