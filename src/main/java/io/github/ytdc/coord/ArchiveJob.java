package io.github.ytdc.coord;

import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when this agent archives: at a low rate (the fleet together about every {@link #INTERVAL}: each agent about
 * every interval times half the fleet, at a random point in it so two agents rarely archive at once; if they do, each
 * move is still safe and a block goes to whoever moved it), only when
 * at least {@link CoordinatorConfig#archiveMinRows()} finished rows are older than
 * {@link CoordinatorConfig#archiveAfter()}, and at once, whatever their age, when the workbook is above 80% of its
 * cell cap. Run from the coordinator's chores thread, never from a claim tick, so archiving never delays a claim.
 * Not thread-safe: one caller.
 */
final class ArchiveJob {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveJob.class);
    /** Mean time between two looks at the sheet; a look costs two reads when there is nothing to do. */
    static final Duration INTERVAL = Duration.ofMinutes(5);
    /** The most rows one move takes: its read and the staging tab stay small. */
    static final int MAX_BLOCK_ROWS = 5_000;
    /** Under cell pressure, blocks moved per run before yielding to the agent's other chores. */
    static final int MAX_BLOCKS_UNDER_PRESSURE = 4;
    /** Under cell pressure the next look comes this soon (each block costs about 4 reads and 3 writes). */
    static final Duration PRESSURE_INTERVAL = Duration.ofMinutes(1);

    private final SpreadsheetPort port;
    private final Archiver archiver;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration archiveAfter;
    private final int minRows;
    private final long cellCap;
    private Instant next;
    private boolean pressureLogged;

    ArchiveJob(SpreadsheetPort port, Archiver archiver, Clock clock, RandomGenerator random, Duration archiveAfter,
               int minRows, long cellCap) {
        this.port = port;
        this.archiver = archiver;
        this.clock = clock;
        this.random = random;
        this.archiveAfter = archiveAfter;
        this.minRows = minRows;
        this.cellCap = cellCap;
        // Agents started together spread their first look over one interval.
        this.next = clock.instant().plus(jittered(0, 1));
    }

    /** The job of the agent configured by {@code cfg}. */
    static ArchiveJob of(CoordinatorConfig cfg) {
        return new ArchiveJob(cfg.port(), new Archiver(cfg.port(), cfg.tabs(), cfg.workerName(), cfg.clock(),
                cfg.stallTimeout(), cfg.cellCap()), cfg.clock(), cfg.random(), cfg.archiveAfter(), cfg.archiveMinRows(),
                cfg.cellCap());
    }

    /** Archives if due; failures are logged and retried at the next interval. */
    void runIfDue() {
        runIfDue(1);
    }

    /**
     * Archives if due, {@code fleetSize} live agents sharing the job. why: each look costs reads, and sixty agents
     * looking every few minutes each would spend a tenth of the project's read quota on it.
     */
    void runIfDue(int fleetSize) {
        Instant now = clock.instant();
        if (archiveAfter.isZero() || now.isBefore(next)) {
            return;
        }
        try {
            run(now);
        } catch (SheetsException e) {
            LOG.warn("archiving finished rows failed (will try again in a few minutes): {}", e.getMessage());
        }
        next = now.plus(pressureLogged ? PRESSURE_INTERVAL
                : jittered(0.5, 1.5).multipliedBy(Math.max(1, (fleetSize + 1) / 2)));
    }

    /** One run: tidy leftovers, then move blocks. */
    Archiver.Result run(Instant now) {
        Archiver.Result done = archiver.compactLeftovers();
        CellBudget budget = CellBudget.of(port.getInfo(), cellCap);
        if (!budget.archiveNow()) {
            pressureLogged = false;
            return done.plus(archiver.archive(minRows, MAX_BLOCK_ROWS, now.minus(archiveAfter)));
        }
        if (!pressureLogged) {
            LOG.warn("the workbook holds {}, above {}% of Google's cap: archiving finished rows now, whatever their"
                    + " age, to keep room for new videos", budget, Math.round(CellBudget.ARCHIVE_NOW * 100));
            pressureLogged = true;
        }
        for (int i = 0; i < MAX_BLOCKS_UNDER_PRESSURE; i++) {
            Archiver.Result r = archiver.archive(1, MAX_BLOCK_ROWS, Instant.MAX);
            done = done.plus(r);
            if (r.archived() == 0) {
                break;
            }
        }
        return done;
    }

    private Duration jittered(double from, double to) {
        return Duration.ofMillis((long) (INTERVAL.toMillis() * (from + random.nextDouble() * (to - from))));
    }
}
