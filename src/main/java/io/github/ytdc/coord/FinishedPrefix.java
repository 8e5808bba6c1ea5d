package io.github.ytdc.coord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many rows at the top of Video Tasks may be archived: the unbroken run of finished rows (done, or error: those
 * already have their copy in the dead-letter tab) that finished before a cutoff. Only a prefix is moved because
 * agents append below and claim from the top of the unfinished rows; a prefix is one block, one request.
 */
final class FinishedPrefix {
    private FinishedPrefix() {}

    /** The length of the archivable prefix of {@code rows} (data rows in order, from row 2). */
    static int length(List<WorkRow> rows, Instant cutoff) {
        int n = 0;
        for (WorkRow row : rows) {
            if (!archivable(row, cutoff)) {
                break;
            }
            n++;
        }
        return n;
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
