package io.github.ytdc.coord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a work tab as read, with typed access by header name.
 *
 * @param rowNumber one-based row number in the tab at the time of the read
 * @param header    the tab's header
 * @param cells     the row's cells (trailing blanks may be missing)
 */
public record WorkRow(int rowNumber, Header header, List<String> cells) {
    public WorkRow {
        cells = List.copyOf(cells);
    }

    /** The cell under {@code column}, trimmed; {@code ""} when blank or when the tab lacks the column. */
    public String get(String column) {
        var c = header.column(column);
        if (c.isEmpty() || c.getAsInt() >= cells.size()) {
            return "";
        }
        String v = cells.get(c.getAsInt());
        return v == null ? "" : v.trim();
    }

    public String id() {
        return get(Columns.ID);
    }

    public String url() {
        return get(Columns.URL);
    }

    /** The status, read leniently; empty for text that is no status. */
    public Optional<Status> status() {
        return Status.read(get(Columns.STATUS));
    }

    public boolean hasStatus(Status s) {
        return status().filter(s::equals).isPresent();
    }

    /** True when every cell is blank (an empty interior row). */
    public boolean isBlank() {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }

    public String claimToken() {
        return get(Columns.CLAIM_TOKEN);
    }

    public String claimedBy() {
        return get(Columns.CLAIMED_BY);
    }

    /** RetryCount, 0 when blank or unreadable. */
    public int retryCount() {
        try {
            return Math.max(0, Integer.parseInt(get(Columns.RETRY_COUNT)));
        } catch (NumberFormatException blankOrHandTyped) {
            return 0;
        }
    }

    public Optional<Instant> time(String column) {
        return Timestamps.parse(get(column));
    }

    /** The lease: HeartbeatAt, else ClaimedAt (Python-era rows have only the latter). */
    public Optional<Instant> leaseRenewedAt() {
        return time(Columns.HEARTBEAT_AT).or(() -> time(Columns.CLAIMED_AT));
    }

    /**
     * True when this in-progress row was marked done after its claim was decided: the claim on it is a stale write
     * that landed over a completion, e.g. held up in the network past the settle delay, retried by the client after a
     * timeout, or sent by an agent killed mid-request. Sheets has no compare-and-set to refuse such a write, so readers
     * must recognise it. A claim clears a DoneAt it saw (a requeued or retried row: its old completion is void), so an
     * in-progress row that shows a DoneAt got it from a completion the claimer did not see; older rows are also
     * judged by DoneAt later than ClaimedAt. Not by time alone: a done write decided before a takeover's read may be
     * applied after it (a held request), with a DoneAt earlier than the takeover's ClaimedAt.
     */
    public boolean completedAfterClaim() {
        return hasStatus(Status.IN_PROGRESS) && time(Columns.DONE_AT).isPresent();
    }

    /** Every named column's value, header name to trimmed cell. */
    public Map<String, String> fields() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : header.names()) {
            if (!name.isBlank() && !out.containsKey(name.trim())) {
                out.put(name.trim(), get(name));
            }
        }
        return out;
    }
}
