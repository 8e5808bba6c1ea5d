package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.GuardedWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the backend applies requests one at a time under a lock (local mode, the in-memory model on request), a claim
 * is a compare-and-set: won or lost by its own write, with no settle delay and no read-back.
 */
class CompareAndSetClaimTest {
    private final Agents agents = new Agents();

    /** Runs {@code before} once, just before the next compare-and-set is applied. */
    static final class BeforeCas extends CountingPort {
        Runnable before;

        BeforeCas(SpreadsheetPort delegate) {
            super(delegate);
        }

        @Override
        public List<Boolean> compareAndSet(List<GuardedWrite> writes) {
            if (before != null) {
                Runnable r = before;
                before = null;
                r.run();
            }
            return super.compareAndSet(writes);
        }
    }

    private static Sheet casSheet() {
        return new Sheet(InMemorySpreadsheetPort.create("cas").withCompareAndSet());
    }

    @Test
    void a_claim_is_won_in_the_tick_that_writes_it(@TempDir Path dir) {
        Sheet sheet = new Sheet(LocalSpreadsheetPort.open(dir, true));
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine a = agents.engine(sheet.port, "agent-a");
        a.tick();
        Claim c = a.pollClaim().orElseThrow(() -> new AssertionError("won without waiting for a settle delay"));
        WorkRow row = sheet.video("vid00000001");
        assertEquals("in-progress", row.get("Status"));
        assertEquals(c.token, row.claimToken());
        a.complete(c, Outcome.done("/out/v.mp4"));
        a.tick();
        assertEquals("done", sheet.video("vid00000001").get("Status"));
    }

    @Test
    void of_two_agents_reading_the_same_free_row_exactly_one_wins() {
        Sheet sheet = casSheet();
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        BeforeCas slowA = new BeforeCas(sheet.port);
        Engine a = agents.engine(slowA, "agent-a");
        Engine b = agents.engine(sheet.port, "agent-b");
        slowA.before = b::tick; // B reads the row free and claims it while A's claim is on its way
        a.tick();
        Optional<Claim> wonA = a.pollClaim();
        Optional<Claim> wonB = b.pollClaim();
        assertTrue(wonB.isPresent() && wonA.isEmpty(), "a=" + wonA + " b=" + wonB);
        assertEquals("agent-b", sheet.video("vid00000001").claimedBy());
    }

    @Test
    void a_claim_decided_before_a_sort_writes_nothing() {
        Sheet sheet = casSheet();
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        BeforeCas port = new BeforeCas(sheet.port);
        Engine a = new Engine(agents.config(port, "agent-a").concurrency(1).build());
        port.before = () -> {
            int sheetId = sheet.port.getInfo().tab("Video Tasks").orElseThrow().sheetId();
            int idColumn = sheet.header("Video Tasks").column("ID").orElseThrow();
            sheet.port.batchUpdate(List.of(new StructuralRequest.SortRows(sheetId, 1, idColumn, true)));
        };
        a.tick();
        assertTrue(a.pollClaim().isEmpty());
        assertTrue(sheet.rows("Video Tasks").stream().allMatch(r -> r.hasStatus(Status.PENDING)),
                "the rows moved: the guarded write changed nothing " + sheet.rows("Video Tasks"));
        a.tick();
        Claim c = a.pollClaim().orElseThrow();
        assertEquals(c.token, sheet.video(c.id()).claimToken(), "the next claim is on its own row");
    }
}
