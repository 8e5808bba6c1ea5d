package io.github.ytdc.ops;

import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TabSnapshot;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.ops.Operations.RequeueRequest;
import io.github.ytdc.ops.RequeueResult.Move;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts dead-lettered or stalled rows back to {@code pending} ({@code ytdc requeue}).
 *
 * <p>Requests: one read of the tabs involved, an append per work tab only when a dead letter's work row is gone,
 * and one all-or-nothing write. Every row written is one this call's own read saw holding the ID: row numbers are
 * never kept from an earlier read, because people insert, delete and sort rows (G5). The append goes first: it adds
 * rows after the table, so the row numbers read stay valid, and if the write then fails the row exists twice
 * (pending and dead-lettered) rather than nowhere; running requeue again clears the copy.
 *
 * <p>Dead letters: the work row gets {@code pending}, RetryCount 0, and blank ClaimedBy, ClaimedAt, ClaimToken,
 * HeartbeatAt, NotBefore and LastError. A dead letter whose work row is gone is appended back to the work tab with
 * its pass-through columns. The dead-letter copy is <b>cleared</b> (its cells blanked, in the same write): the row
 * disappears from every ytdc view (blank rows are skipped) and its ID is free, so if the task fails for good again
 * the coordinator dead-letters it afresh (it skips copies whose ID is already in the tab). Deleting the row instead
 * would need a second, structural write. People may delete blank rows at will.
 *
 * <p>Stalled rows: {@code in-progress} rows whose lease (HeartbeatAt, else ClaimedAt) is older than the stall
 * timeout, or that have neither. They go to {@code pending} with the claim columns and NotBefore blanked and
 * LastError saying whose lease expired; RetryCount is kept (a person decided, not a failure). An agent that was
 * merely slow learns it lost the claim at its next renewal (G4) and stops.
 */
final class Requeuer {
    private static final Logger LOG = LoggerFactory.getLogger(Requeuer.class);

    private final SpreadsheetPort port;
    private final TabNames tabs;
    private final Clock clock;

    public Requeuer(SpreadsheetPort port, TabNames tabs, Clock clock) {
        this.port = port;
        this.tabs = tabs;
        this.clock = clock;
    }

    /**
     * Requeues what {@code request} selects, or with {@link RequeueRequest#dryRun()} only says what it would.
     *
     * @throws YtdcException when a work tab it needs is missing or lacks its ID or Status column
     */
    public RequeueResult requeue(RequeueRequest request) {
        List<TaskKind> kinds = List.of(TaskKind.values()).stream().filter(request.kinds()::contains).toList();
        List<String> toRead = new ArrayList<>();
        for (TaskKind k : kinds) {
            toRead.add(workTab(k));
            if (request.mode() == RequeueRequest.Mode.DEAD_LETTERS) {
                toRead.add(deadTab(k));
            }
        }
        SheetState state = new SheetReader(port, tabs).read(toRead);
        Plan plan = new Plan(request, clock.instant());
        for (TaskKind k : kinds) {
            TabSnapshot work = usableWorkTab(state, workTab(k));
            if (request.mode() == RequeueRequest.Mode.DEAD_LETTERS) {
                plan.deadLetters(k, work, state.tab(deadTab(k)));
            } else {
                plan.stalled(k, work);
            }
        }
        List<String> unmatched = request.ids().stream().filter(id -> !plan.matched.contains(id)).sorted().toList();
        RequeueResult result = new RequeueResult(request.dryRun(), plan.moves, unmatched, plan.notes);
        if (request.dryRun() || plan.moves.isEmpty()) {
            return result;
        }
        plan.appends.forEach((tab, rows) -> port.append(A1.cell(tab, 0, 1), rows));
        port.batchUpdateValues(plan.writes);
        LOG.debug("requeued {} row(s) ({})", plan.moves.size(), request.mode());
        return result;
    }

    private String workTab(TaskKind k) {
        return k == TaskKind.VIDEO ? tabs.videos() : tabs.sources();
    }

    private String deadTab(TaskKind k) {
        return k == TaskKind.VIDEO ? tabs.deadVideos() : tabs.deadSources();
    }

    private static TabSnapshot usableWorkTab(SheetState state, String tab) {
        TabSnapshot snap = state.tab(tab).orElseThrow(() -> new YtdcException("the spreadsheet has no '" + tab
                + "' tab, so there is nothing to requeue there; run 'ytdc init' to prepare the spreadsheet"));
        List<String> missing = snap.header().missing(List.of(Columns.ID, Columns.STATUS));
        if (!missing.isEmpty()) {
            throw new YtdcException("tab '" + tab + "' has no " + String.join(" or ", missing)
                    + " column, so rows cannot be confirmed by ID; run 'ytdc init' to add the missing columns");
        }
        return snap;
    }

    /** Decisions of one call, built from its one read. */
    private final class Plan {
        final RequeueRequest request;
        final Instant now;
        final List<Move> moves = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<RangeWrite> writes = new ArrayList<>();
        final Map<String, List<List<String>>> appends = new LinkedHashMap<>();
        final Set<String> matched = new HashSet<>();

        Plan(RequeueRequest request, Instant now) {
            this.request = request;
            this.now = now;
        }

        boolean selected(TaskKind kind, WorkRow r) {
            if (!request.ids().isEmpty() && !request.ids().contains(r.id())) {
                return false;
            }
            if (request.sourceId() == null) {
                return true;
            }
            return request.sourceId().equals(kind == TaskKind.SOURCE ? r.id() : r.get(Columns.SOURCE_ID));
        }

        void deadLetters(TaskKind kind, TabSnapshot work, Optional<TabSnapshot> dead) {
            String workTab = work.tab();
            Map<String, List<WorkRow>> workById = work.rows().stream().filter(r -> !r.id().isEmpty())
                    .collect(Collectors.groupingBy(WorkRow::id, LinkedHashMap::new, Collectors.toList()));
            Map<String, List<WorkRow>> copiesById = dead.map(TabSnapshot::rows).orElse(List.of()).stream()
                    .filter(r -> !r.id().isEmpty() && selected(kind, r))
                    .collect(Collectors.groupingBy(WorkRow::id, LinkedHashMap::new, Collectors.toList()));
            Set<String> ids = new LinkedHashSet<>();
            work.rows().stream().filter(r -> r.hasStatus(Status.ERROR) && !r.id().isEmpty() && selected(kind, r))
                    .forEach(r -> ids.add(r.id()));
            ids.addAll(copiesById.keySet());
            for (String id : ids) {
                List<WorkRow> inWork = workById.getOrDefault(id, List.of());
                List<WorkRow> errors = inWork.stream().filter(r -> r.hasStatus(Status.ERROR)).toList();
                List<WorkRow> copies = copiesById.getOrDefault(id, List.of());
                StringBuilder action = new StringBuilder();
                if (!errors.isEmpty()) {
                    for (WorkRow r : errors) {
                        writes.add(reset(workTab, work.header(), r.rowNumber())
                                .set(Columns.RETRY_COUNT, "0").set(Columns.LAST_ERROR, "").toRangeWrite());
                    }
                    action.append(rowsOf(workTab, errors)).append(": error -> pending, RetryCount ")
                            .append(errors.get(0).retryCount()).append(" -> 0");
                } else if (inWork.isEmpty()) {
                    WorkRow copy = copies.get(0);
                    Map<String, String> values = new LinkedHashMap<>(copy.fields());
                    values.putAll(resetValues());
                    values.put(Columns.RETRY_COUNT, "0");
                    values.put(Columns.LAST_ERROR, "");
                    values.put(Columns.DONE_AT, "");
                    appends.computeIfAbsent(workTab, t -> new ArrayList<>()).add(RowWrite.newRow(work.header(), values));
                    action.append(request.dryRun() ? "would be appended to '" : "appended to '").append(workTab)
                            .append("' as pending (its row there was gone)");
                } else {
                    action.append(rowsOf(workTab, inWork)).append(" is already ")
                            .append(inWork.get(0).status().map(Status::label).orElse(inWork.get(0).get(Columns.STATUS)))
                            .append(request.dryRun() ? ": would be left as it is" : ": left as it is");
                }
                if (!copies.isEmpty()) {
                    String deadTab = dead.orElseThrow().tab();
                    copies.forEach(c -> writes.add(blank(deadTab, c)));
                    action.append(request.dryRun() ? "; would clear the dead-letter copy at " : "; cleared the dead-letter copy at ")
                            .append(rowsOf(deadTab, copies));
                }
                moves.add(new Move(kind, id, action.toString()));
                matched.add(id);
            }
        }

        void stalled(TaskKind kind, TabSnapshot work) {
            for (WorkRow r : work.rows()) {
                if (!r.hasStatus(Status.IN_PROGRESS) || !selected(kind, r)) {
                    continue;
                }
                if (r.id().isEmpty()) {
                    notes.add("'" + work.tab() + "' row " + r.rowNumber() + " is in progress but has no ID, so it "
                            + "cannot be confirmed; give it an ID or set its Status by hand");
                    continue;
                }
                Optional<Instant> lease = r.leaseRenewedAt();
                if (lease.isPresent() && now.isBefore(lease.get().plus(request.stallTimeout()))) {
                    continue;
                }
                String holder = r.claimedBy().isEmpty() ? "an unknown agent" : r.claimedBy();
                String why = "requeued by hand: lease of " + holder
                        + lease.map(l -> " last renewed " + Timestamps.format(l)).orElse(" never renewed")
                        + ", older than " + Durations.format(request.stallTimeout());
                writes.add(reset(work.tab(), work.header(), r.rowNumber()).set(Columns.LAST_ERROR, why).toRangeWrite());
                String age = lease.map(l -> Humanize.ago(Duration.between(l, now))).orElse("never");
                moves.add(new Move(kind, r.id(), rowsOf(work.tab(), List.of(r)) + ": in-progress -> pending (held by "
                        + holder + ", lease renewed " + age + ")"));
                matched.add(r.id());
            }
        }

        /** Blanks every cell of a row, the header's width or the row's, whichever is wider. */
        private static RangeWrite blank(String tab, WorkRow r) {
            int width = Math.max(r.header().width(), r.cells().size());
            return new RangeWrite(A1.range(tab, 0, r.rowNumber(), width - 1, r.rowNumber()),
                    List.of(Collections.nCopies(width, "")));
        }

        private RowWrite reset(String tab, Header header, int row) {
            RowWrite w = new RowWrite(tab, header, row);
            resetValues().forEach(w::set);
            return w;
        }

        private Map<String, String> resetValues() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put(Columns.STATUS, Status.PENDING.label());
            for (String c : List.of(Columns.CLAIMED_BY, Columns.CLAIMED_AT, Columns.CLAIM_TOKEN, Columns.HEARTBEAT_AT,
                    Columns.NOT_BEFORE)) {
                v.put(c, "");
            }
            return v;
        }

        private static String rowsOf(String tab, List<WorkRow> rows) {
            return "'" + tab + "' row" + (rows.size() > 1 ? "s " : " ")
                    + rows.stream().map(r -> Integer.toString(r.rowNumber())).collect(Collectors.joining(", "));
        }
    }
}
