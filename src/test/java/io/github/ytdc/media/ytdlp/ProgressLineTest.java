package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskContext.Progress;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void an_early_line_without_speed_or_eta_gives_percent_and_bytes_only() {
        Progress p = ProgressLine.parse("[ytdc-progress] 1024 76111 NA NA NA").orElseThrow();
        assertEquals(100.0 * 1024 / 76111, p.percent(), 1e-9);
        assertEquals(1024, p.bytesDone());
        assertEquals(-1, p.bytesPerSecond());
        assertEquals(-1, p.etaSeconds());
    }

    @Test
    void a_full_line_gives_speed_and_rounded_eta() {
        Progress p = ProgressLine.parse("[ytdc-progress] 15360 76111 NA 13947717.999567006 2.6").orElseThrow();
        assertEquals(13947717.999567006, p.bytesPerSecond(), 1e-6);
        assertEquals(3, p.etaSeconds());
        assertEquals(15360, p.bytesDone());
    }

    @Test
    void the_estimated_total_is_used_when_the_exact_total_is_unknown() {
        Progress p = ProgressLine.parse("[ytdc-progress] 500 NA 2000.0 100.5 15").orElseThrow();
        assertEquals(25.0, p.percent(), 1e-9);
    }

    @Test
    void an_unknown_size_gives_an_unknown_percent() {
        Progress p = ProgressLine.parse("[ytdc-progress] 10240 NA NA 123.0 NA").orElseThrow();
        assertTrue(p.percent() < 0);
        assertEquals(10240, p.bytesDone());
    }

    @Test
    void other_output_and_malformed_lines_are_not_progress() {
        assertTrue(ProgressLine.parse("[download]  45.0% of   20.02KiB at  Unknown B/s ETA Unknown").isEmpty());
        assertTrue(ProgressLine.parse("[ytdc-progress] 1 2 3").isEmpty());
        assertTrue(ProgressLine.parse("[ytdc-file] \"/x/y.mp4\"").isEmpty());
    }
}
