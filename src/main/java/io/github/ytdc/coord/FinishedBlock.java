package io.github.ytdc.coord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which rows of Video Tasks may be archived together: the longest unbroken run of finished rows (done, or error: those
 * already have their copy in the dead-letter tab) that finished before a cutoff, among the rows read. A run is one
 * block, moved in one request. Not only the top rows: one row held at the top (by an agent that died, until its stall
 * timeout) would otherwise keep every finished row below it in the tab, however full the workbook.
 */
final class FinishedBlock {
    private FinishedBlock() {}

    /**
     * A block of archivable rows.
     *
     * @param offset index of its first row among the data rows read (0 is row 2 of the tab)
     * @param length how many rows
     */
    record Block(int offset, int length) {
        static final Block NONE = new Block(0, 0);
    }

    /** The longest archivable run of {@code rows} (data rows in order, from row 2); the first of equal ones. */
    static Block longest(List<WorkRow> rows, Instant cutoff) {
        Block best = Block.NONE;
        int start = 0;
        for (int i = 0; i <= rows.size(); i++) {
            if (i < rows.size() && archivable(rows.get(i), cutoff)) {
                continue;
            }
            if (i - start > best.length()) {
                best = new Block(start, i - start);
            }
            start = i + 1;
        }
        return best;
    }

    static boolean finished(WorkRow row) {
        return !row.isBlank() && row.status().filter(Status::finished).isPresent();
    }

    private static boolean archivable(WorkRow row, Instant cutoff) {
        // A finished row without any time (typed by hand) has no recent work to show: it may go.
        return finished(row) && finishedAt(row).map(t -> t.isBefore(cutoff)).orElse(true);
    }

    /** DoneAt; else the latest of ClaimedAt and HeartbeatAt (an error row records no DoneAt). */
    static Optional<Instant> finishedAt(WorkRow row) {
        Optional<Instant> done = row.time(Columns.DONE_AT);
        if (done.isPresent()) {
            return done;
        }
        return Stream.of(row.time(Columns.CLAIMED_AT), row.time(Columns.HEARTBEAT_AT))
                .flatMap(Optional::stream).max(Instant::compareTo);
    }
}
