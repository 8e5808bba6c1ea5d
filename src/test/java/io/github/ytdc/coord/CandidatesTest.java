package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which pending rows an agent tries: spread over more rows as the fleet grows, and each agent's own rows first, since
 * tags are invisible to others.
 */
class CandidatesTest {
    private static List<WorkRow> pendingRows(int n) {
        Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("c"));
        for (int i = 0; i < n; i++) {
            String id = String.format("vid%08d", i);
            sheet.addVideo(id, "https://youtu.be/" + id);
        }
        return sheet.rows(TabNames.DEFAULT.videos());
    }

    private static List<String> agents(int n) {
        return IntStream.range(0, n).mapToObj(i -> "host-" + i).toList();
    }

    private static Candidates candidates(long seed) {
        return new Candidates(new ResyncSchedule(Duration.ZERO), new SplittableRandom(seed));
    }

    /** Positions (0-based) of the rows picked over many tries. */
    private static TreeSet<Integer> picked(List<WorkRow> rows, int n, Fleet fleet) {
        Candidates candidates = candidates(7);
        TreeSet<Integer> positions = new TreeSet<>();
        for (int i = 0; i < 3000; i++) {
            for (WorkRow r : candidates.pick(rows, n, 0, fleet)) {
                positions.add(rows.indexOf(r));
            }
        }
        return positions;
    }

    @Test
    void a_lone_agent_takes_the_first_rows_in_order() {
        List<WorkRow> rows = pendingRows(300);

        List<WorkRow> picked = candidates(7).pick(rows, 2, 3, Fleet.alone("me"));

        assertEquals(rows.subList(0, 5), picked);
    }

    @Test
    void every_row_has_exactly_one_preferring_agent_and_the_shares_are_even() {
        List<String> names = agents(10);
        int[] share = new int[names.size()];
        for (int i = 0; i < 10_000; i++) {
            String id = String.format("vid%08d", i);
            List<Integer> preferring = new ArrayList<>();
            for (int a = 0; a < names.size(); a++) {
                if (new Fleet(names.get(a), names).prefers(id)) {
                    preferring.add(a);
                }
            }
            assertEquals(1, preferring.size(), id + " preferred by " + preferring);
            share[preferring.get(0)]++;
        }
        for (int s : share) {
            assertTrue(s > 800 && s < 1200, "each of 10 agents prefers about 1,000 of 10,000 rows: " + List.of(share));
        }
    }

    @Test
    void agents_that_see_the_same_fleet_tag_disjoint_rows_ahead() {
        List<WorkRow> rows = pendingRows(1000);
        List<String> names = agents(10);
        Set<Integer> all = new HashSet<>();
        int total = 0;
        for (int a = 0; a < names.size(); a++) {
            List<WorkRow> mine = candidates(a).pick(rows, 0, 12, new Fleet(names.get(a), names));
            assertEquals(12, mine.size());
            for (WorkRow r : mine) {
                all.add(rows.indexOf(r));
                total++;
            }
        }
        assertEquals(total, all.size(), "no row tagged by two agents");
        assertTrue(all.stream().allMatch(p -> p < 360), "all within the pool of 3 x 12 x 10 rows: " + all);
    }

    @Test
    void an_agent_leaving_moves_only_the_rows_it_preferred() {
        List<String> before = agents(10);
        List<String> after = before.subList(0, 9);
        int moved = 0;
        for (int i = 0; i < 5_000; i++) {
            String id = String.format("vid%08d", i);
            for (String a : after) {
                boolean was = new Fleet(a, before).prefers(id);
                boolean is = new Fleet(a, after).prefers(id);
                if (was) {
                    assertTrue(is, a + " keeps " + id);
                } else if (is) {
                    assertTrue(new Fleet("host-9", before).prefers(id), id + " moved to " + a + " but was not host-9's");
                    moved++;
                }
            }
        }
        assertTrue(moved > 300 && moved < 700, "about a tenth of 5,000 rows move: " + moved);
    }

    @Test
    void an_agent_short_of_its_own_rows_takes_the_others_for_its_free_slots_but_not_ahead() {
        List<WorkRow> rows = pendingRows(3);
        List<String> names = agents(60);
        for (String a : names) {
            Fleet fleet = new Fleet(a, names);
            long own = rows.stream().filter(r -> fleet.prefers(r.id())).count();
            assertEquals(3, candidates(1).pick(rows, 4, 0, fleet).size(), a + ": free slots take any row");
            assertEquals(own, candidates(1).pick(rows, 0, 4, fleet).size(), a + ": ahead only its own");
            assertEquals(Math.max(own, 2), candidates(1).pick(rows, 2, 4, fleet).size(), a);
        }
    }

    @Test
    void a_fleet_of_sixty_keeps_each_agent_to_its_own_rows_first_come_first() {
        List<WorkRow> rows = pendingRows(1000);
        List<String> names = agents(60);
        Fleet me = new Fleet("host-17", names);
        List<WorkRow> own = rows.subList(0, 3 * 3 * 60).stream().filter(r -> me.prefers(r.id())).toList();
        assertTrue(own.size() >= 3, "its share of the pool of 3 x 3 x 60 rows: " + own.size());

        assertEquals(own.subList(0, 3), candidates(7).pick(rows, 1, 2, me));
    }

    @Test
    void others_rows_for_free_slots_are_spread_over_three_rows_per_agent_and_claim() {
        List<WorkRow> rows = pendingRows(300);
        List<String> names = agents(60);
        Fleet me = new Fleet("host-17", names);
        List<WorkRow> onlyOthers = rows.stream().filter(r -> !me.prefers(r.id())).toList();

        TreeSet<Integer> positions = picked(onlyOthers, 1, me);

        assertEquals(179, positions.last(), "pool of 3 x 1 x 60 rows: " + positions.last());
        assertEquals(180, positions.size(), "spread over the whole pool, not herded on a dozen rows");
    }
}
