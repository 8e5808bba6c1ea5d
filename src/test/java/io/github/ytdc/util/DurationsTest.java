package io.github.ytdc.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"250, 250ms", "1500, 1.5s", "1250, 1250ms", "42000, 42s", "120000, 2m", "185000, 3m5s",
            "7200000, 2h", "7800000, 2h10m", "86400000, 1d", "97200000, 1d3h"})
    void durations_print_the_way_options_take_them(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
    }

    @ParameterizedTest
    @CsvSource({"500ms", "1.5s", "30s", "2m", "3m5s", "10m", "2h10m", "1d3h"})
    void what_is_printed_parses_back_to_the_same_duration(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }

    @Test
    void iso_8601_is_still_read_but_never_printed() {
        assertEquals("2m", Durations.format(Durations.parse("PT2M")));
    }
}
