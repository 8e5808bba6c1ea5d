package io.github.ytdc.coord;

import io.github.ytdc.sheets.StructuralRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one tick writes: row tags to place or remove (one {@code spreadsheets.batchUpdate}), then every claim, lease
 * renewal and result through its row tag (one {@code values.batchUpdateByDataFilter}, with the runtime's piggybacked
 * ranges), and dead-letter copies appended before both. Plus the claims whose state moves on once the writes are
 * answered.
 */
final class TickPlan {
    /** Tags placed for newly chosen rows and tags of ended claims removed. */
    final List<StructuralRequest> tags = new ArrayList<>();
    /** Tags of ended claims this tick removes (a subset of {@link #tags}). */
    final List<Integer> untagged = new ArrayList<>();
    /** Writes through row tags, by tag id. */
    final Map<Integer, RowWrite> rows = new LinkedHashMap<>();
    /** Claims whose claim cells go out in this tick. */
    final List<Claim> claimWrites = new ArrayList<>();
    /** Claims decided by compare-and-set in this tick (backends that offer it), with their guarded writes. */
    final List<Claim> guardedClaims = new ArrayList<>();
    final List<io.github.ytdc.sheets.GuardedWrite> guardedWrites = new ArrayList<>();
    /** Claims whose result goes out in this tick. */
    final List<Claim> results = new ArrayList<>();
    /** Dead-letter copies by tab, appended before the batch. */
    final Map<String, List<Map<String, String>>> deadLetters = new LinkedHashMap<>();
    /** Free slots this tick may still write claims for (rows tagged earlier fill them first). */
    int claimSlots;
    /** True when this tick renews leases (or had none to renew): the heartbeat clock restarts. */
    boolean heartbeat;

    void write(Claim c, RowWrite w) {
        rows.merge(c.tagId(), w, (a, b) -> b);
    }

    void result(Claim c, RowUpdates.Result r) {
        write(c, r.row());
        results.add(c);
        if (r.deadLetterTab() != null) {
            deadLetters.computeIfAbsent(r.deadLetterTab(), t -> new ArrayList<>()).add(r.deadLetterCopy());
        }
    }

    boolean isEmpty() {
        return tags.isEmpty() && guardedWrites.isEmpty() && rows.values().stream().allMatch(RowWrite::isEmpty) && deadLetters.isEmpty();
    }
}
