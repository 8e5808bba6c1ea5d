package io.github.ytdc.sheets.google;

import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPortContract;
import io.github.ytdc.sheets.UnknownSpreadsheetContract;
import io.github.ytdc.sheets.memory.Spreadsheet;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The port contract for the real Google client talking HTTP to the emulator. */
class GoogleSpreadsheetPortContractTest extends SpreadsheetPortContract implements UnknownSpreadsheetContract {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static SheetsEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = SheetsEmulator.builder().port(0).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    private static SpreadsheetPort portTo(String spreadsheetId) {
        return GoogleSpreadsheetPort.builder(new ConnectionSettings(spreadsheetId, null, URI.create(emulator.baseUrl()), null))
                // The contract is about answers; Google's pacing would only make it slow.
                .budget(new RequestBudget(new QuotaPolicy(60_000, 60_000, 1_000), Clock.systemUTC(), new RecordingSleeper()))
                .sleeper(new RecordingSleeper())
                .build();
    }

    @Override
    protected SpreadsheetPort openFresh() {
        String id = "contract-" + NEXT.incrementAndGet();
        emulator.add(Spreadsheet.create(id, "ytdc"));
        return portTo(id);
    }

    @Override
    public SpreadsheetPort openUnknown() {
        return portTo("no-such-spreadsheet");
    }
}
