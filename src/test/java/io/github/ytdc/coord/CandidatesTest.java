package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which pending rows an agent tries: spread over more rows as the fleet grows, since tags are invisible to others. */
class CandidatesTest {
    private static List<WorkRow> pendingRows(int n) {
        Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("c"));
        for (int i = 0; i < n; i++) {
            String id = String.format("vid%08d", i);
            sheet.addVideo(id, "https://youtu.be/" + id);
        }
        return sheet.rows(TabNames.DEFAULT.videos());
    }

    /** Positions (0-based) of the rows picked over many tries. */
    private static TreeSet<Integer> picked(List<WorkRow> rows, int n, int fleet) {
        Candidates candidates = new Candidates(new ResyncSchedule(Duration.ZERO), new SplittableRandom(7));
        TreeSet<Integer> positions = new TreeSet<>();
        for (int i = 0; i < 3000; i++) {
            for (WorkRow r : candidates.pick(rows, n, fleet)) {
                positions.add(rows.indexOf(r));
            }
        }
        return positions;
    }

    @Test
    void a_lone_agent_keeps_to_the_first_rows() {
        TreeSet<Integer> positions = picked(pendingRows(300), 1, 1);

        assertEquals(0, positions.first());
        assertEquals(7, positions.last(), "among the first 8: " + positions);
    }

    @Test
    void a_fleet_of_sixty_spreads_its_picks_over_three_rows_per_agent_and_claim() {
        List<WorkRow> rows = pendingRows(300);

        TreeSet<Integer> positions = picked(rows, 1, 60);

        assertEquals(179, positions.last(), "pool of 3 x 1 x 60 rows: " + positions.last());
        assertEquals(180, positions.size(), "spread over the whole pool, not herded on a dozen rows");
        assertEquals(299, picked(rows, 4, 60).last(), "a pool larger than the candidates is all of them");
    }
}
