package io.github.ytdc.sheets.local;

import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPortContract;
import io.github.ytdc.sheets.UnknownSpreadsheetContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The port contract for local mode; each call goes through the folder (lock, reload check, atomic write). */
class LocalSpreadsheetPortContractTest extends SpreadsheetPortContract implements UnknownSpreadsheetContract {
    @TempDir
    Path dir;

    @Override
    protected SpreadsheetPort openFresh() {
        return LocalSpreadsheetPort.open(dir.resolve("data"));
    }

    @Override
    public SpreadsheetPort openUnknown() {
        return LocalSpreadsheetPort.open(dir.resolve("empty"), false);
    }
}
