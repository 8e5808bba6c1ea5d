package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packed ID set answers exactly as a {@code HashSet<String>} would, whatever the IDs look like. */
class IdSetTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static String randomId(SplittableRandom random) {
        int length = switch (random.nextInt(10)) {
            case 0 -> random.nextInt(1, 40); // other sites' IDs
            case 1 -> 18; // ytdc's IDs for URL-only rows
            default -> 11; // YouTube's
        };
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    @Test
    void answers_like_a_hash_set_over_two_hundred_thousand_ids_and_their_near_misses() {
        SplittableRandom random = new SplittableRandom(11);
        IdSet packed = new IdSet();
        Set<String> plain = new HashSet<>();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String id = random.nextInt(20) == 0 && !added.isEmpty() ? added.get(random.nextInt(added.size()))
                    : randomId(random);
            assertEquals(plain.add(id), packed.add(id), id);
            added.add(id);
        }
        assertEquals(plain.size(), packed.size());
        for (String id : added) {
            assertTrue(packed.contains(id), id);
            String nearMiss = id.substring(0, id.length() - 1);
            assertEquals(plain.contains(nearMiss), packed.contains(nearMiss), nearMiss);
            assertEquals(plain.contains(id + "x"), packed.contains(id + "x"), id + "x");
        }
    }

    @Test
    void long_empty_and_non_ascii_ids_are_kept_exactly() {
        IdSet set = new IdSet();
        String longId = "x".repeat(300);
        for (String id : List.of("", longId, "vidéo-ü", "視頻", "x".repeat(255))) {
            assertTrue(set.add(id), id);
            assertFalse(set.add(id), id);
            assertTrue(set.contains(id), id);
        }
        assertFalse(set.contains("x".repeat(299)));
        assertFalse(set.contains("x".repeat(254)));
        assertFalse(set.contains("vidéo-u"));
        assertEquals(5, set.size());
    }
}
