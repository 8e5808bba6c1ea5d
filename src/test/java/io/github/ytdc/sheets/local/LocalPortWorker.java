package io.github.ytdc.sheets.local;

import io.github.ytdc.sheets.RangeWrite;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate process using a local spreadsheet, started by {@link LocalSpreadsheetPortProcessesTest}.
 *
 * <p>{@code java ... LocalPortWorker DIR WORKER COLUMN COUNT}: appends COUNT rows to the {@code Log} tab and
 * writes COUNT cells of column COLUMN of {@code Sheet1}, interleaved. COUNT {@code -1} appends until killed.
 */
public final class LocalPortWorker {
    static final String LOG_TAB = "Log";
    private static final String PAYLOAD = "x".repeat(80);

    private LocalPortWorker() {}

    /** One log row whose last cell checks the others, so a torn row cannot pass for a whole one. */
    static List<String> logRow(String worker, int seq) {
        String id = worker + "-" + seq;
        return List.of(id, worker, Integer.toString(seq), PAYLOAD, checksum(id, worker, seq));
    }

    static String checksum(String id, String worker, int seq) {
        return Integer.toHexString((id + "|" + worker + "|" + seq + "|" + PAYLOAD).hashCode());
    }

    /** Runs the worker's writes through {@code port}. */
    static void run(LocalSpreadsheetPort port, String worker, int column, int count) {
        for (int seq = 0; count < 0 || seq < count; seq++) {
            port.append(LOG_TAB + "!A1", List.of(logRow(worker, seq)));
            if (count >= 0) {
                port.batchUpdateValues(List.of(RangeWrite.cell(
                        io.github.ytdc.sheets.A1.cell("Sheet1", column, seq + 1), worker + "-" + seq)));
            }
        }
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            run(port, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }
}
