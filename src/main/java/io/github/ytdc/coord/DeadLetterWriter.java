package io.github.ytdc.coord;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends dead-letter copies (G5: the work row itself stays, marked error), mapped by the dead-letter tab's header
 * names and deduplicated by ID, so a tick retried after a failed (or failed-but-applied) append adds no second copy.
 */
final class DeadLetterWriter {
    private final SpreadsheetPort port;
    private final KnownIds known;

    DeadLetterWriter(SpreadsheetPort port, KnownIds known) {
        this.port = port;
        this.known = known;
    }

    /** Appends the copies not already in their tab: one ID read (see {@link KnownIds}) and one append per tab. */
    void append(Map<String, List<Map<String, String>>> copiesByTab) {
        List<String> tabs = List.copyOf(copiesByTab.keySet());
        Map<String, Header> headers = known.refresh(tabs);
        for (String tab : tabs) {
            List<List<String>> rows = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Map<String, String> copy : copiesByTab.get(tab)) {
                String id = copy.getOrDefault(Columns.ID, "");
                if (!known.contains(tab, id) && ids.add(id)) {
                    rows.add(RowWrite.newRow(headers.get(tab), copy));
                }
            }
            if (!rows.isEmpty()) {
                port.append(A1.cell(tab, 0, 1), rows);
                known.appended(tab, ids);
            }
        }
    }
}
