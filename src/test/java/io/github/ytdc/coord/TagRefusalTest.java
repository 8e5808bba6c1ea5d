package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.ForwardingSpreadsheetPort;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A tag write refused because rows were deleted since the read it was planned from (archiving moved finished rows
 * out, or a person deleted rows): Google refuses a row number past the end of the grid with a 400, and the whole batch
 * with it. The agent must go on (the tags were not placed, their claims end) instead of stopping.
 */
class TagRefusalTest {
    private final Agents agents = new Agents();
    private final InMemorySpreadsheetPort memory = InMemorySpreadsheetPort.create("refusal");
    private final Sheet sheet = new Sheet(memory);
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /** Refuses the next {@link #refuseNext} batches that place tags, as Google does for rows past the grid. */
    private final ForwardingSpreadsheetPort port = new ForwardingSpreadsheetPort(memory) {
        @Override
        public void batchUpdate(List<StructuralRequest> requests) {
            if (requests.stream().anyMatch(StructuralRequest.TagRow.class::isInstance)
                    && refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                throw SheetsException.fromHttp(400,
                        "Range ('Video Tasks'!A40) exceeds grid limits. Max rows: 21, max columns: 15");
            }
            super.batchUpdate(requests);
        }
    };

    @Test
    void a_refused_tag_write_ends_its_claims_and_the_agent_claims_again_on_a_fresh_read() {
        for (int i = 1; i <= 3; i++) {
            sheet.addVideo("vid0000000" + i, "https://youtu.be/vid0000000" + i);
        }
        Engine e = agents.engine(port, "agent-a");
        refuseNext.set(1);
        e.tick(); // chooses rows and tags them: refused, not fatal
        assertEquals(1, refused.get());

        int done = 0;
        for (int round = 0; round < 20 && done < 3; round++) {
            e.tick();
            agents.settle();
            Optional<Claim> c = e.pollClaim();
            if (c.isPresent()) {
                e.complete(c.get(), Outcome.done("ok"));
                done++;
            }
        }
        e.tick();
        assertEquals(3, done, "every task was claimed after the refusal");
        assertTrue(sheet.rows("Video Tasks").stream().allMatch(r -> r.get("Status").equals("done")),
                sheet.rows("Video Tasks").toString());
    }

    @Test
    void a_refusal_that_repeats_tick_after_tick_is_not_deleted_rows_and_stops_the_agent() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine e = agents.engine(port, "agent-a");
        refuseNext.set(100);
        SheetsException last = null;
        for (int i = 0; i < 10 && last == null; i++) {
            try {
                e.tick();
            } catch (SheetsException x) {
                last = x;
            }
        }
        assertTrue(last != null, "the sixth refusal in a row is thrown");
        assertEquals(6, refused.get());
        assertThrows(SheetsException.class, e::tick, "and stays fatal: " + last.getMessage());
    }
}
