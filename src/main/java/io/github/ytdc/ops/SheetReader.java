package io.github.ytdc.ops;

import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TabSnapshot;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.connect.Spreadsheets;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads whole tabs with one {@code values.batchGet}. A missing tab makes Google refuse the whole batch, so only
 * then does the reader ask which tabs exist (one more read) and read the ones that do: the common case stays one
 * request, and a half-prepared sheet is still readable.
 */
final class SheetReader {
    private final SpreadsheetPort port;
    private final TabNames tabs;

    public SheetReader(SpreadsheetPort port, TabNames tabs) {
        this.port = port;
        this.tabs = tabs;
    }

    /**
     * The spreadsheet as {@link Spreadsheets#open} gives it, except that a missing local spreadsheet is an error
     * (saying to run {@code ytdc init}) instead of being created: looking must not create.
     */
    public static SpreadsheetPort openExisting(ConnectionSettings settings) {
        return settings.backend() == ConnectionSettings.Backend.LOCAL
                ? LocalSpreadsheetPort.open(settings.localDirOrDefault(), false)
                : Spreadsheets.open(settings);
    }

    /**
     * All five tabs, and the first columns of the Archive tab (its per-source counts, not its records). A sheet with
     * no Archive tab yet (nothing archived) costs two more requests: Google refuses the batch, then the tabs present
     * are read again.
     */
    public SheetState readAll() {
        return read(List.of(tabs.sources(), tabs.videos(), tabs.deadSources(), tabs.deadVideos(), tabs.workers(),
                tabs.archive()));
    }

    private String range(String title) {
        return title.equals(tabs.archive()) ? A1.quote(title) + "!A:C" : A1.tab(title);
    }

    /** The given tabs, whole. */
    public SheetState read(List<String> titles) {
        List<String> present = titles;
        List<CellRange> ranges;
        try {
            ranges = port.batchGet(titles.stream().map(this::range).toList());
        } catch (SheetsException e) {
            if (e.reason() != SheetsException.Reason.INVALID_REQUEST) {
                throw e;
            }
            SpreadsheetInfo info = port.getInfo();
            present = titles.stream().filter(t -> info.tab(t).isPresent()).toList();
            if (present.size() == titles.size()) {
                throw e; // every tab exists: the refusal was about something else
            }
            ranges = present.isEmpty() ? List.of() : port.batchGet(present.stream().map(this::range).toList());
        }
        Map<String, TabSnapshot> snapshots = new LinkedHashMap<>();
        for (int i = 0; i < present.size(); i++) {
            CellRange body = ranges.get(i);
            CellRange header = new CellRange(body.range(), body.rows().isEmpty() ? List.of() : List.of(body.rows().get(0)));
            snapshots.put(present.get(i), TabSnapshot.parse(present.get(i), header, body, 1, 0));
        }
        List<String> missing = new ArrayList<>(titles);
        missing.removeAll(present);
        missing.remove(tabs.archive()); // created by the first archiver, not by init: no Archive tab is no problem
        return new SheetState(tabs, snapshots, missing);
    }
}
