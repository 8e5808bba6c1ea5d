package io.github.ytdc.coord;

import io.github.ytdc.Version;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this coordinator's row of the Workers tab up to date without requests of its own: when an update is due, the
 * Workers tab joins the coordinator's next read, and the row (found by Worker name, since people sort and delete
 * rows) joins that tick's write. An update is due at once when the status changes, within {@code minInterval} when
 * what it holds or its counts change, and every {@code refresh} otherwise so LastSeen shows it is alive. Download
 * progress alone never makes an update due: it rides along with the updates made anyway.
 *
 * <p>The row says how to judge it: Heartbeat and StallTimeout are this agent's settings, so a reader can tell a
 * dead agent (LastSeen older than its StallTimeout) from a quiet one. An agent restarted under the same name takes
 * its old row back (and blanks any further rows of its name, left by older versions); a new name takes over the
 * row of an agent not seen for {@link #AGE_OUT} (and longer than that agent's stall timeout) before it appends one,
 * so the tab does not grow by a row per restart.
 *
 * <p>Only adding the row (at start, or after a person deleted it), the final {@code stopped} write when no tick
 * is left to carry it, and a refresh once per heartbeat while claiming is paused with nothing held (no tick runs
 * then) cost requests of their own: {@link #appendIfMissing} and {@link #writeNow}.
 *
 * <p>A person sorting the Workers tab between the read and the write of one tick can make one update land on
 * another agent's row; that agent rewrites its row on its next update. Work rows never take that risk.
 */
final class WorkersRow implements CoordinatorListener {
    private static final Logger LOG = LoggerFactory.getLogger(WorkersRow.class);
    /**
     * Longest text written to a cell: far under Google's 50,000-character limit, and small because every agent reads
     * the whole Workers tab about once a heartbeat.
     */
    private static final int MAX_CELL = 1000;
    /** A row whose LastSeen is older than this (and than its own StallTimeout) may be taken over by a new agent. */
    static final Duration AGE_OUT = Duration.ofDays(1);

    private final String tab;
    private final String worker;
    private final String host;
    private final Duration minInterval;
    private final Duration refresh;
    private final Duration heartbeat;
    private final Duration stallTimeout;
    private final Supplier<WorkerRowValues> values;
    private volatile Supplier<String> tools = () -> "";
    private volatile Consumer<List<String>> fleet = names -> { };
    /** What this tick's write shows: taken before the read, so nothing slow sits between a tick's read and write. */
    private WorkerRowValues toWrite;

    // Guarded by `this`.
    private WorkerRowValues written;
    private Instant writtenAt = Instant.MIN;
    /** The first tick's read: until a first write, updates going alone wait {@code minInterval} from here. */
    private Instant firstReadAt;
    private boolean readRequested;
    private long readsStarted;
    private long appendedBeforeRead = -1;
    private Header header;
    private int row = -1;
    private boolean missing;
    private Instant readAt;
    private String takingOver;
    private List<Integer> ownDuplicates = List.of();

    /**
     * @param tab         the Workers tab's title
     * @param worker      this agent's name (the Worker column)
     * @param host        the host name (the Host column)
     * @param minInterval least time between two updates carrying only changed counts or held tasks
     * @param refresh     longest time between two updates (LastSeen); the agent's heartbeat
     * @param stallTimeout the agent's stall timeout, written so readers can tell when it is dead
     * @param values      what to show now; called on the coordinator's engine thread, so it must not block
     */
    public WorkersRow(String tab, String worker, String host, Duration minInterval, Duration refresh,
                      Duration stallTimeout, Supplier<WorkerRowValues> values) {
        this.tab = Objects.requireNonNull(tab, "tab");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.host = Objects.requireNonNull(host, "host");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.heartbeat = refresh;
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.values = Objects.requireNonNull(values, "values");
        // why: a claim write answered later than a settle delay after its read waits a lease interval; loading what the
        // row needs (the version resource, parsers and formatters) must not happen inside the first tick.
        cells(new WorkerRowValues("starting", 0, 0), Instant.EPOCH);
        Timestamps.parse(Timestamps.format(Instant.EPOCH));
        Durations.parse(Durations.format(refresh));
        new Header(Columns.WORKERS).column(Columns.WORKER);
    }

    /**
     * Shows {@code tools} (e.g. {@code yt-dlp 2026.08.19 stable, deno 2.9.6}) after ytdc's version in the Version
     * cell, so a fleet's toolchain drift is visible; asked at each update, so an update of yt-dlp shows up.
     */
    public WorkersRow withTools(Supplier<String> tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
        return this;
    }

    @Override
    public List<String> piggybackReads(Instant now) {
        WorkerRowValues v = values.get(); // outside our lock: it asks the coordinator
        synchronized (this) {
            readsStarted++;
            readAt = now;
            if (firstReadAt == null) {
                firstReadAt = now;
            }
            readRequested = row < 0 || due(v, now);
            toWrite = v;
            return readRequested ? List.of(A1.tab(tab)) : List.of();
        }
    }

    @Override
    public synchronized void onPiggybackRead(List<CellRange> ranges) {
        List<List<String>> rows = ranges.get(0).rows();
        header = new Header(rows.isEmpty() ? Columns.WORKERS : rows.get(0));
        int at = header.column(Columns.WORKER).orElse(-1);
        row = -1;
        takingOver = null;
        List<Integer> duplicates = new ArrayList<>();
        for (int i = 1; i < rows.size() && at >= 0; i++) {
            List<String> r = rows.get(i);
            if (at < r.size() && r.get(at).trim().equals(worker)) {
                if (row < 0) {
                    row = i + 1;
                } else {
                    duplicates.add(i + 1);
                }
            }
        }
        ownDuplicates = List.copyOf(duplicates);
        fleet.accept(liveWorkers(rows, at));
        // A read issued before our own append finished cannot see the row yet: that is not "missing".
        boolean absent = row < 0 && readsStarted > appendedBeforeRead;
        if (absent && readAt != null) {
            int aged = agedOutRow(rows, at);
            if (aged > 0) {
                row = aged;
                takingOver = cell(rows.get(aged - 1), at);
                absent = false;
            }
        }
        missing = absent;
    }

    /**
     * Names of the agents alive by their rows (LastSeen within their own stall timeout, else 10 minutes), this one
     * included: the fleet that shares the project's quota.
     */
    private List<String> liveWorkers(List<List<String>> rows, int workerColumn) {
        int seenAt = header.column(Columns.LAST_SEEN).orElse(-1);
        int stallAt = header.column(Columns.STALL_TIMEOUT).orElse(-1);
        Instant now = readAt == null ? Instant.now() : readAt;
        List<String> live = new ArrayList<>();
        for (int i = 1; i < rows.size() && seenAt >= 0 && workerColumn >= 0; i++) {
            List<String> r = rows.get(i);
            if (cell(r, workerColumn).isEmpty() || cell(r, workerColumn).equals(worker)) {
                continue;
            }
            Optional<Instant> seen = Timestamps.parse(cell(r, seenAt));
            Duration limit = Duration.ofMinutes(10);
            try {
                limit = stallAt < 0 ? limit : Durations.parse(cell(r, stallAt));
            } catch (IllegalArgumentException noStallTimeout) {
                // an older agent's row: ten minutes, the default stall timeout
            }
            if (seen.isPresent() && !seen.get().plus(limit).isBefore(now) && !live.contains(cell(r, workerColumn))) {
                live.add(cell(r, workerColumn));
            }
        }
        live.add(worker);
        return live;
    }

    /**
     * Told the names of the live agents, this one included, after each read of the Workers tab (quota sharing, idle
     * pacing, which rows to prefer).
     */
    WorkersRow withFleet(Consumer<List<String>> listener) {
        this.fleet = Objects.requireNonNull(listener, "fleet");
        return this;
    }

    /** The first row (1-based) of an agent gone for longer than {@link #AGE_OUT} and its own stall timeout, or -1. */
    private int agedOutRow(List<List<String>> rows, int workerColumn) {
        int seenAt = header.column(Columns.LAST_SEEN).orElse(-1);
        int stallAt = header.column(Columns.STALL_TIMEOUT).orElse(-1);
        if (seenAt < 0 || workerColumn < 0) {
            return -1;
        }
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            Optional<Instant> seen = Timestamps.parse(cell(r, seenAt));
            if (seen.isEmpty() || cell(r, workerColumn).isEmpty()) {
                continue;
            }
            Duration limit = AGE_OUT;
            try {
                Duration stall = Durations.parse(cell(r, stallAt));
                limit = stall.compareTo(limit) > 0 ? stall : limit;
            } catch (IllegalArgumentException noStallTimeout) {
                // an older agent's row: the age-out alone applies
            }
            if (Duration.between(seen.get(), readAt).compareTo(limit) > 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String cell(List<String> row, int column) {
        return column >= 0 && column < row.size() ? row.get(column).trim() : "";
    }

    @Override
    public List<RangeWrite> piggybackWrites(Instant now) {
        return piggybackWrites(now, false);
    }

    /**
     * The update for this tick; {@code alone} when the tick writes nothing else. why: an update sent alone costs a
     * write request of the project's quota; one that joins a tick's write costs nothing. So an update alone waits
     * until {@code minInterval} has passed since the last one (or since the first tick): a status change shows a few
     * seconds later, or at once when the tick writes a claim or a result anyway.
     */
    List<RangeWrite> piggybackWrites(Instant now, boolean alone) {
        synchronized (this) {
            if (!readRequested || row < 0) {
                return List.of();
            }
            Instant quietSince = writtenAt.equals(Instant.MIN) ? firstReadAt : writtenAt;
            if (alone && quietSince != null && now.isBefore(quietSince.plus(minInterval))) {
                return List.of(); // still due: the next tick reads the row again and tries again
            }
            WorkerRowValues v = toWrite;
            readRequested = false;
            RowWrite w = new RowWrite(tab, header, row);
            cells(v, now).forEach(w::set);
            written = v;
            writtenAt = now;
            if (takingOver != null) {
                LOG.info("took over row {} of the {} tab from {} (not seen for over {})", row, tab, takingOver,
                        Durations.format(AGE_OUT));
                takingOver = null;
            }
            List<RangeWrite> writes = new ArrayList<>();
            if (!w.isEmpty()) {
                writes.add(w.toRangeWrite());
            }
            for (int duplicate : ownDuplicates) {
                RowWrite blank = new RowWrite(tab, header, duplicate);
                Columns.WORKERS.forEach(c -> blank.set(c, ""));
                if (!blank.isEmpty()) {
                    writes.add(blank.toRangeWrite());
                }
            }
            ownDuplicates = List.of();
            return writes;
        }
    }

    @Override
    public synchronized void onTickFailed(Exception error) {
        written = null; // the tick's write may not have landed: write again on the next one
    }

    private boolean due(WorkerRowValues v, Instant now) {
        if (written == null || !written.status().equals(v.status())) {
            return true;
        }
        if (written.differsBeyondProgress(v) && !now.isBefore(writtenAt.plus(minInterval))) {
            return true;
        }
        return !now.isBefore(writtenAt.plus(refresh));
    }

    /** True when no update went out for a refresh interval (the heartbeat), so LastSeen is falling behind. */
    synchronized boolean refreshDue(Instant now) {
        return written == null || !now.isBefore(writtenAt.plus(refresh));
    }

    /** True when the status shown now is what was last written. */
    public synchronized boolean shows(String status) {
        return written != null && written.status().equals(status);
    }

    /** Adds this agent's row when the last read did not find it (one append). */
    public void appendIfMissing(SpreadsheetPort port, Instant now) {
        Header h;
        synchronized (this) {
            if (!missing) {
                return;
            }
            h = header;
        }
        WorkerRowValues v = values.get();
        Map<String, String> cells = cells(v, now);
        try {
            port.append(A1.cell(tab, 0, 1), List.of(RowWrite.newRow(h, cells)));
        } finally {
            // why: an append that fails may still have landed (a 5xx after apply), and appends are not idempotent.
            // Only a read started after the append finished, either way, may say the row is missing again.
            synchronized (this) {
                missing = false;
                appendedBeforeRead = readsStarted;
            }
        }
        synchronized (this) {
            written = v;
            writtenAt = now;
        }
        LOG.info("added worker {} to the {} tab", worker, tab);
    }

    /** Reads the Workers tab and writes this agent's row now (two requests); used for the final {@code stopped}. */
    public void writeNow(SpreadsheetPort port, Instant now) {
        List<CellRange> read = port.batchGet(List.of(A1.tab(tab)));
        WorkerRowValues v = values.get();
        synchronized (this) {
            readsStarted++;
            readAt = now;
            readRequested = true;
            toWrite = v;
        }
        onPiggybackRead(read);
        List<RangeWrite> writes = piggybackWrites(now);
        if (!writes.isEmpty()) {
            port.batchUpdateValues(writes);
        } else {
            appendIfMissing(port, now);
        }
    }

    private Map<String, String> cells(WorkerRowValues v, Instant now) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Columns.WORKER, worker);
        m.put(Columns.HOST, host);
        m.put(Columns.STATUS, clip(v.status()));
        m.put(Columns.LAST_SEEN, Timestamps.format(now));
        String t = tools.get();
        m.put(Columns.VERSION, clip(t == null || t.isBlank() ? Version.get() : Version.get() + "; " + t));
        m.put(Columns.CURRENT, v.current(MAX_CELL));
        m.put(Columns.DONE, Long.toString(v.done()));
        m.put(Columns.FAILED, Long.toString(v.failed()));
        m.put(Columns.HEARTBEAT, Durations.format(heartbeat));
        m.put(Columns.STALL_TIMEOUT, Durations.format(stallTimeout));
        return m;
    }

    private static String clip(String s) {
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }
}
