package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentilesTest {
    private static List<Duration> millis(long... ms) {
        return java.util.Arrays.stream(ms).mapToObj(Duration::ofMillis).toList();
    }

    @Test
    void the_nearest_rank_is_the_smallest_sample_with_at_least_p_percent_at_or_below_it() {
        // Unsorted on purpose: 15, 20, 35, 40, 50 sorted (Wikipedia's nearest-rank example).
        List<Duration> samples = millis(40, 15, 50, 35, 20);

        assertEquals(Duration.ofMillis(15), Percentiles.of(samples, 5));
        assertEquals(Duration.ofMillis(20), Percentiles.of(samples, 30));
        assertEquals(Duration.ofMillis(20), Percentiles.of(samples, 40));
        assertEquals(Duration.ofMillis(35), Percentiles.of(samples, 50));
        assertEquals(Duration.ofMillis(50), Percentiles.of(samples, 100));
    }

    @Test
    void p50_and_p95_of_1_to_100_ms_are_50_and_95() {
        List<Duration> samples = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();

        assertEquals(Duration.ofMillis(50), Percentiles.of(samples, 50));
        assertEquals(Duration.ofMillis(95), Percentiles.of(samples, 95));
    }

    @Test
    void one_sample_is_every_percentile() {
        assertEquals(Duration.ofMillis(7), Percentiles.of(millis(7), 1));
        assertEquals(Duration.ofMillis(7), Percentiles.of(millis(7), 100));
    }

    @Test
    void no_samples_have_no_percentile() {
        assertNull(Percentiles.of(List.of(), 50));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 100.5, Double.NaN})
    void a_percentile_outside_0_to_100_is_refused(double p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Percentiles.of(millis(1, 2, 3), p));
        assertEquals("percentile must be in (0, 100], was " + p, e.getMessage());
    }
}
