package io.github.ytdc.coord;

import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.TabSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one tick writes, and the claims whose state moves on once that write is confirmed. */
final class TickPlan {
    /** Claims, results and lease renewals: one {@code values.batchUpdate}. */
    final List<RowWrite> rows = new ArrayList<>();
    /** Claims written this tick; verified a settle delay later. */
    final List<Claim> newClaims = new ArrayList<>();
    /** Claims whose result is written this tick. */
    final List<Claim> completions = new ArrayList<>();
    /** Dead-letter copies by tab, appended before the batch. */
    final Map<String, List<Map<String, String>>> deadLetters = new LinkedHashMap<>();
    /** True when this tick renews leases (or had none to renew): the heartbeat clock restarts. */
    boolean heartbeat;

    void result(Claim c, RowUpdates.Result r, TabSnapshot read, Instant now) {
        rows.add(r.row());
        completions.add(c);
        c.resultReadFrom = read; // to undo the write if it lands on another task's row
        c.resultWrittenAt = now;
        if (r.deadLetterTab() != null) {
            deadLetters.computeIfAbsent(r.deadLetterTab(), t -> new ArrayList<>()).add(r.deadLetterCopy());
        }
    }
}
