package io.github.ytdc.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"0, 0s", "250, 250ms", "1500, 1.5s", "1250, 1250ms", "10000, 10s", "42000, 42s", "90000, 1m30s",
            "120000, 2m", "185000, 3m5s", "7200000, 2h", "7800000, 2h10m", "86400000, 1d", "97200000, 1d3h",
            "-30000, -30s"})
    void durations_print_the_way_options_take_them(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
    }

    @ParameterizedTest
    @CsvSource({"500ms", "1.5s", "30s", "2m", "1m30s", "3m5s", "10m", "2h10m", "1d3h"})
    void what_is_printed_parses_back_to_the_same_duration(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }

    @Test
    void iso_8601_is_still_read_but_never_printed() {
        assertEquals("2m", Durations.format(Durations.parse("PT2M")));
    }

    @Test
    void every_printed_form_is_an_option_value_and_never_java_s_iso_form() {
        Random random = new Random(14);
        for (int i = 0; i < 2000; i++) {
            // up to about 3 days, biased to short spans where the forms change most
            Duration d = Duration.ofMillis((long) Math.pow(10, random.nextDouble() * 8.4));
            for (String text : new String[] {Durations.format(d), Durations.brief(d), Durations.span(d)}) {
                assertTrue(text.matches("(\\d+(\\.\\d)?(ms|s|m|h|d)){1,2}"), text + " is not in the options' form");
                Duration back = Durations.parse(text);
                assertTrue(back.compareTo(d.plusMillis(500)) <= 0 && !back.isNegative(), text + " for " + d);
            }
            // format is exact below a minute and loses less than a unit of its smaller field above
            Duration exact = Durations.parse(Durations.format(d));
            Duration lost = d.minus(exact);
            assertTrue(!lost.isNegative() && lost.compareTo(d.toMillis() < 60_000 ? Duration.ZERO
                    : d.toSeconds() < 3600 ? Duration.ofSeconds(1) : d.toSeconds() < 86400 ? Duration.ofMinutes(1)
                    : Duration.ofHours(1)) <= 0, d + " printed " + Durations.format(d));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "840, 840ms", "1049, 1s", "21749, 21.7s", "59960, 1m", "125400, 2m5s", "3790000, 1h3m",
            "-1500, -1.5s"})
    void a_measured_time_reads_as_precise_as_a_log_needs(long millis, String text) {
        assertEquals(text, Durations.brief(Duration.ofMillis(millis)));
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "-5000, 0s", "999, 0s", "42500, 42s", "330000, 5m", "3599000, 59m", "4830000, 1h20m",
            "86399000, 23h59m", "183600000, 2d3h", "183659000, 2d3h"})
    void a_span_keeps_its_largest_units_in_the_same_form(long millis, String text) {
        assertEquals(text, Durations.span(Duration.ofMillis(millis)));
    }

    @Test
    void ago_words_a_span_relative_to_now() {
        assertEquals("5m ago", Durations.ago(Duration.ofSeconds(330)));
        assertEquals("in 1h20m", Durations.ago(Duration.ofMinutes(-80)));
        assertEquals("never", Durations.ago(null));
    }
}
