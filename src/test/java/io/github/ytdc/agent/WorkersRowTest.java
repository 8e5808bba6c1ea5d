package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersRowTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final Sheet sheet = new Sheet();

    /** One tick's piggybacked read of the Workers tab. */
    private void read(WorkersRow row) {
        List<String> ranges = row.piggybackReads(NOW);
        row.onPiggybackRead(sheet.port.batchGet(ranges.isEmpty() ? List.of(A1.tab("Workers")) : ranges));
    }

    @Test
    void an_append_answered_with_a_5xx_after_it_landed_is_not_repeated_before_a_read_says_the_row_is_missing() {
        CountingPort port = new CountingPort(sheet.port) {
            @Override
            public AppendResult append(String range, List<List<String>> rows) {
                super.append(range, rows);
                throw SheetsException.fromHttp(503, "The service is currently unavailable.");
            }
        };
        WorkersRow row = new WorkersRow("Workers", "agent-a", "host", Duration.ofSeconds(1), Duration.ofMinutes(1),
                () -> new WorkerRowValues("running", "", 0, 0));
        read(row);

        assertThrows(SheetsException.class, () -> row.appendIfMissing(port, NOW));
        row.appendIfMissing(port, NOW);
        read(row);
        row.appendIfMissing(port, NOW);

        assertEquals(1, port.count("append"), "one append: the next read found the row it had added");
        assertEquals(1, sheet.rows("Workers").stream().filter(r -> r.get("Worker").equals("agent-a")).count());
    }
}
