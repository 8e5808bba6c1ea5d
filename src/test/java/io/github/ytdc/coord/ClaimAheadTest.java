package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Claims held ahead of need: against Sheets a claim round costs a write, a settle delay and a read (a paced agent of a
 * big fleet waits many seconds for each), so an agent keeps won claims ready and a freed worker starts at once.
 */
class ClaimAheadTest {
    private final Agents agents = new Agents();

    private static Sheet sheetWith(InMemorySpreadsheetPort port, int videos) {
        Sheet sheet = new Sheet(port);
        for (int i = 1; i <= videos; i++) {
            String id = String.format("vid%08d", i);
            sheet.addVideo(id, "https://youtu.be/" + id);
        }
        return sheet;
    }

    private static long claimedBy(Sheet sheet, String worker) {
        return sheet.rows(TabNames.DEFAULT.videos()).stream()
                .filter(r -> r.hasStatus(Status.IN_PROGRESS) && worker.equals(r.claimedBy())).count();
    }

    @Test
    void a_won_claim_waits_ready_so_the_next_task_starts_without_another_claim_round() {
        Sheet sheet = sheetWith(InMemorySpreadsheetPort.create("ahead"), 4);
        Engine engine = new Engine(agents.config(sheet.port, "a").concurrency(1).claimAhead(1).build());

        agents.claimAndSettle(engine);
        engine.tick(); // verifies both claims
        Claim first = engine.pollClaim().orElseThrow();

        assertEquals(2, claimedBy(sheet, "a"), "one running, one held ahead");
        engine.complete(first, Outcome.done("/out/1.mp4"));
        Optional<Claim> next = engine.pollClaim();
        assertTrue(next.isPresent(), "the freed worker starts the claim held ahead, before any further tick");
        assertTrue(!next.get().id().equals(first.id()));
        engine.tick(); // writes the first result and claims a replacement ahead
        assertEquals("done", sheet.video(first.id()).get("Status"));
    }

    @Test
    void none_is_held_ahead_where_the_backend_decides_a_claim_by_its_own_write() {
        Sheet sheet = sheetWith(InMemorySpreadsheetPort.create("cas").withCompareAndSet(), 4);
        Engine engine = new Engine(agents.config(sheet.port, "a").concurrency(1).claimAhead(1).build());

        engine.tick();
        engine.tick();
        engine.tick();

        assertTrue(engine.pollClaim().isPresent());
        assertEquals(1, claimedBy(sheet, "a"), "a compare-and-set claim is won at once: nothing to hide");
    }

    @Test
    void a_library_coordinator_holds_none_ahead_unless_asked_and_never_more_than_its_concurrency() {
        assertEquals(0, agents.config(InMemorySpreadsheetPort.create("d"), "a").build().claimAhead());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> agents.config(InMemorySpreadsheetPort.create("d"), "a").concurrency(2).claimAhead(3).build());
        assertEquals("claimAhead must be between 0 and concurrency (2), was 3", e.getMessage());
        assertEquals(1, CoordinatorConfig.agentClaimAhead(1));
        assertEquals(2, CoordinatorConfig.agentClaimAhead(2));
        assertEquals(4, CoordinatorConfig.agentClaimAhead(4));
    }
}
