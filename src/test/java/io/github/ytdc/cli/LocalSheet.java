package io.github.ytdc.cli;

import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A local-mode spreadsheet in a folder, prepared and edited the way a person or an agent would. */
final class LocalSheet {
    static final TabNames T = TabNames.DEFAULT;
    final Path dir;

    private LocalSheet(Path dir) {
        this.dir = dir;
    }

    /** A spreadsheet with ytdc's tabs (what {@code ytdc init} leaves). */
    static LocalSheet prepared(Path dir) {
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            new SheetInitializer(port, T).ensureColumns();
        }
        return new LocalSheet(dir);
    }

    /** A spreadsheet that exists but has only the default {@code Sheet1} tab. */
    static LocalSheet withoutTabs(Path dir) {
        LocalSpreadsheetPort.open(dir).close();
        return new LocalSheet(dir);
    }

    LocalSheet add(String tab, String... kv) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            values.put(kv[i], kv[i + 1]);
        }
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir, false)) {
            Sheet.appendTo(port, tab, List.of(values));
        }
        return this;
    }

    Optional<WorkRow> find(String tab, String id) {
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir, false)) {
            return Sheet.rowsOf(port, tab).stream().filter(r -> r.id().equals(id)).findFirst();
        }
    }

    String local() {
        return dir.toString();
    }
}
