package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.ForwardingSpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An agent of a fleet claims the rows it prefers and reads a window big enough to find them: tags are invisible, so
 * rows another agent prefers are the ones that agent is about to claim.
 */
class FleetPreferenceTest {
    private static final List<String> FLEET = IntStream.rangeClosed(1, 10).mapToObj(i -> "agent-" + i).toList();
    private final Agents agents = new Agents();

    /** Records the A1 ranges of every tick read. */
    private static final class Reads extends ForwardingSpreadsheetPort {
        final List<List<String>> ranges = new ArrayList<>();

        Reads(SpreadsheetPort delegate) {
            super(delegate);
        }

        @Override
        protected <T> T send(Request request, Supplier<T> call) {
            if (request.method().equals("batchGetByDataFilter")) {
                ranges.add(request.ranges());
            }
            return call.get();
        }
    }

    @Test
    void an_agent_of_ten_claims_only_rows_it_prefers_from_a_window_grown_for_the_fleet() {
        Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("fleet"));
        for (int i = 1; i <= 600; i++) {
            String id = String.format("vid%08d", i);
            sheet.addVideo(id, "https://youtu.be/" + id);
        }
        Reads port = new Reads(sheet.port);
        Engine engine = new Engine(agents.config(port, "agent-3").concurrency(2).claimAhead(2).windowRows(40).build());
        Fleet fleet = new Fleet("agent-3", FLEET);
        engine.fleet(fleet);

        agents.claimAndSettle(engine);
        engine.tick(); // verifies the claims

        List<WorkRow> mine = sheet.rows(TabNames.DEFAULT.videos()).stream()
                .filter(r -> r.hasStatus(Status.IN_PROGRESS)).toList();
        assertEquals(4, mine.size(), "two slots and two won ahead");
        assertTrue(mine.stream().allMatch(r -> fleet.prefers(r.id())), "only rows agent-3 prefers: " + mine);
        // 2 x 10 agents x (4 in a turnover + 8 tagged ahead) rows, though 40 are configured
        assertTrue(port.ranges.get(0).contains("'Video Tasks'!1:1"), port.ranges.get(0).toString());
        assertTrue(port.ranges.stream().anyMatch(r -> r.stream().anyMatch(a -> a.matches("'Video Tasks'!\\d+:\\d+")
                && rowsIn(a) == 240)), "a window of 240 rows: " + port.ranges);
    }

    private static int rowsIn(String a1) {
        String[] rows = a1.substring(a1.indexOf('!') + 1).split(":");
        return Integer.parseInt(rows[1]) - Integer.parseInt(rows[0]) + 1;
    }
}
