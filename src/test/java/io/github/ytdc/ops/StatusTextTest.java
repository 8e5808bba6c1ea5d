package io.github.ytdc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    private final TestSheet sheet = new TestSheet();

    private StatusReport report() {
        return new StatusCalculator(Clock.fixed(StatusCalculatorTest.NOW, ZoneOffset.UTC)).read(sheet.port, TestSheet.TABS);
    }

    @Test
    void renders_bars_aligned_columns_and_ages_for_a_person() {
        StatusCalculatorTest.fillOneSource(sheet);
        sheet.add(TestSheet.TABS.sources(), Map.of("ID", "PL2", "URL", "https://www.youtube.com/playlist?list=PL2",
                "Status", "in-progress", "ClaimedBy", "old-box", "HeartbeatAt",
                StatusCalculatorTest.ago(Duration.ofMinutes(25))));
        sheet.add(TestSheet.TABS.videos(), Map.of("ID", "x1", "SourceID", "PL2", "Status", "Pending "));
        sheet.add(TestSheet.TABS.videos(), Map.of("ID", "x2", "SourceID", "PL2", "Status", "??"));

        String text = new StatusText(false).render(report());

        assertEquals("""
                Spreadsheet test-sheet at 2026-11-21T08:00:00Z

                Videos   [######xx............]  33%  4 done, 5 pending, 1 running, 1 error, 1 unreadable, 4.8/h, ETA ~1h15m
                Sources  1 done, 0 pending, 1 running, 0 error

                Sources (2)
                  SOURCE  PROGRESS                     DONE  PENDING  RUNNING  ERROR   RATE    ETA  STATE      URL
                  S1      [########xx..........]  40%  4/10        4        1      1  4.8/h  ~1h2m  listed 10  https://www.youtube.com/@one
                  PL2     [....................]   0%   0/2        1        0      0      -      -  listing    https://www.youtube.com/playlist?list=PL2

                Workers (2): 1 running, 1 dead
                  WORKER   HOST  STATE                                  LAST SEEN  DONE  FAILED  DOING
                  w1       box   running                                12s ago       4       1  video:v9
                  old-box        dead (silent 25m > stall timeout 10m)  25m ago       -       -  left source:PL2 to other agents

                Dead letters (1)
                  COUNT  ERROR
                      1  Private video
                  Latest:
                  KIND   ID   SOURCE  RETRIES  ERROR
                  video  v10  S1            0  Private video
                  Requeue with 'ytdc requeue' (--source ID, or IDs).

                Problems (1)
                  - 'Video Tasks' row 13 (x2): Status '??' is not pending, in-progress, done or error; agents leave this row alone until it is fixed
                """, text);
    }

    @Test
    void an_empty_sheet_says_what_to_do_next() {
        String text = new StatusText(false).render(report());

        assertTrue(text.contains("none yet: add channel or playlist URLs to the Sources tab"), text);
        assertTrue(text.contains("none seen: start an agent with 'ytdc agent'"), text);
        assertTrue(text.contains("Videos   [....................]   0%  0 done, 0 pending, 0 running, 0 error\n"), text);
    }

    @Test
    void colour_codes_appear_only_when_asked_for() {
        StatusCalculatorTest.fillOneSource(sheet);
        StatusReport r = report();

        assertFalse(new StatusText(false).render(r).contains("\u001B["));
        String coloured = new StatusText(true).render(r);
        assertTrue(coloured.contains("[\u001B[32m########\u001B[0m\u001B[31mxx\u001B[0m..........]"), coloured);
    }

    @Test
    void ages_and_spans_read_naturally() {
        assertEquals("12s ago", Humanize.ago(Duration.ofSeconds(12)));
        assertEquals("5m ago", Humanize.ago(Duration.ofSeconds(330)));
        assertEquals("1h20m ago", Humanize.ago(Duration.ofMinutes(80)));
        assertEquals("2d3h ago", Humanize.ago(Duration.ofHours(51)));
        assertEquals("in 2m", Humanize.ago(Duration.ofMinutes(-2)));
        assertEquals("never", Humanize.ago(null));
    }
}
