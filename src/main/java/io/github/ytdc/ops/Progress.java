package io.github.ytdc.ops;

import io.github.ytdc.coord.Status;

/**
 * How many rows are in each state.
 *
 * @param done       finished
 * @param pending    waiting to be claimed (including rows waiting out a retry backoff)
 * @param inProgress claimed by an agent
 * @param error      dead-lettered
 * @param unreadable rows whose Status cell is no status at all (agents leave them alone)
 */
record Progress(int done, int pending, int inProgress, int error, int unreadable) {
    public static final Progress NONE = new Progress(0, 0, 0, 0, 0);

    public int total() {
        return done + pending + inProgress + error + unreadable;
    }

    /** Rows still to do: pending plus in progress. */
    public int remaining() {
        return pending + inProgress;
    }

    /** Share of rows done, 0 to 100; 0 for no rows. */
    public double percentDone() {
        return total() == 0 ? 0 : 100.0 * done / total();
    }

    /** This count plus one row in {@code status} ({@code null}: unreadable). */
    public Progress plus(Status status) {
        if (status == null) {
            return new Progress(done, pending, inProgress, error, unreadable + 1);
        }
        return switch (status) {
            case DONE -> new Progress(done + 1, pending, inProgress, error, unreadable);
            case PENDING -> new Progress(done, pending + 1, inProgress, error, unreadable);
            case IN_PROGRESS -> new Progress(done, pending, inProgress + 1, error, unreadable);
            case ERROR -> new Progress(done, pending, inProgress, error + 1, unreadable);
        };
    }
}
