package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The full-workbook scenario at a tiny scale (a cap of 300,000 cells, a source of 40 videos) against the real
 * emulator, Google client and coordinators with default settings.
 */
class FullWorkbookScenarioTest {
    private static Map<String, Measurement> byMetric(ScenarioResult r) {
        return r.measurements().stream().collect(Collectors.toMap(Measurement::metric, m -> m));
    }

    private static ScenarioResult run(long fill, Duration timeout) {
        Bench.TargetSettings s = CampaignScenarioTest.tiny(40, fill, 300_000, timeout);
        return new TargetRun(s, Clock.systemUTC(), Sleeper.system()).run(List.of("full-workbook"), line -> { })
                .scenarios().get(0);
    }

    @Test
    void filling_stops_within_one_row_of_the_cells_asked_for() {
        try (EmulatedSheet sheet = EmulatedSheet.start(QuotaMode.OFF)) {
            sheet.initializeAsYtdcInit();
            long rows = FullWorkbookScenario.fill(sheet, 150_000, Instant.now());
            long cells = sheet.cellsUsed();
            assertTrue(cells <= 150_000 && cells > 150_000 - 17, "cells after filling: " + cells);
            assertEquals(rows, sheet.countVideos(io.github.ytdc.coord.Status.DONE));
        }
    }

    @Test
    void below_the_expansion_stop_the_source_expands_finishes_and_status_counts_every_video() {
        ScenarioResult r = run(150_000, Duration.ofMinutes(2));
        Map<String, Measurement> m = byMetric(r);

        assertEquals(1, m.get("source expanded (its row done)").value(), r.notes().toString());
        assertEquals(40, m.get("its videos done, as ytdc status counts them").value());
        double filled = m.get("cells after filling").value();
        assertTrue(filled <= 150_000 && filled > 150_000 - 17, "filled to " + filled);
        assertTrue(m.get("most cells in the workbook (sampled)").value() >= filled);
        Measurement all = m.get("videos done, as ytdc status counts them");
        assertEquals(Measurement.Verdict.PASS, all.verdict(), "every filled row and every new video: " + all);
        assertEquals(0, m.get("times the source was released unexpanded").value());
        assertTrue(r.passed(), r.measurements().toString());
    }

    @Test
    void at_ninety_nine_percent_the_refused_expansion_is_reported_as_a_failure_with_its_reason() {
        ScenarioResult r = run(297_000, Duration.ofSeconds(20));
        Map<String, Measurement> m = byMetric(r);

        assertFalse(r.passed());
        assertEquals(0, m.get("source expanded (its row done)").value());
        assertTrue(m.get("times the source was released unexpanded").value() >= 1, r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("released unexpanded") && n.contains("near Google's cap")),
                r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("NOT finished within 20s")), r.notes().toString());
    }
}
