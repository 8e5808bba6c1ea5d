package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.testing.MutableClock;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArchiveJobTest {
    private final MutableClock clock = new MutableClock();
    private final Sheet sheet = new Sheet();

    private void videos(int n, String status, Instant doneAt) {
        for (int i = 0; i < n; i++) {
            sheet.add("Video Tasks", Map.of("ID", status + i + "-" + doneAt.getEpochSecond(), "SourceID", "s",
                    "Status", status, "DoneAt", Timestamps.format(doneAt)));
        }
    }

    private ArchiveJob job(int minRows, long cap, Duration after) {
        return new ArchiveJob(sheet.port, new Archiver(sheet.port, TabNames.DEFAULT, "w", clock,
                Duration.ofMinutes(10)), clock, new SplittableRandom(1), after, minRows, cap);
    }

    private List<String> statuses() {
        return sheet.rows("Video Tasks").stream().map(r -> r.get("Status")).toList();
    }

    @Test
    void rows_go_only_when_enough_are_older_than_archive_after() {
        videos(3, "done", clock.instant().minus(Duration.ofDays(8)));
        videos(2, "done", clock.instant().minus(Duration.ofDays(1)));
        ArchiveJob job = job(4, 10_000_000, Duration.ofDays(7));

        assertEquals(Archiver.Result.NONE, job.run(clock.instant()));
        assertEquals(5, statuses().size());

        clock.advance(Duration.ofDays(7));
        assertEquals(new Archiver.Result(5, 0), job.run(clock.instant()));
        assertEquals(List.of(), statuses());
    }

    @Test
    void above_eighty_percent_of_the_cap_finished_rows_go_whatever_their_age() {
        videos(3, "done", clock.instant());
        videos(1, "pending", clock.instant());
        long used = CellBudget.of(sheet.port.getInfo(), 1).used();

        // Below 80%: recent rows stay.
        assertEquals(Archiver.Result.NONE, job(500, used * 2, Duration.ofDays(7)).run(clock.instant()));
        // Above: they go at once, even fewer than the minimum.
        assertEquals(new Archiver.Result(3, 0), job(500, used + used / 10, Duration.ofDays(7)).run(clock.instant()));
        assertEquals(List.of("pending"), statuses());
    }

    @Test
    void the_job_looks_at_most_about_once_an_interval_and_never_when_disabled() {
        videos(2, "done", clock.instant().minus(Duration.ofDays(30)));
        ArchiveJob off = job(1, 10_000_000, Duration.ZERO);
        clock.advance(Duration.ofHours(1));
        off.runIfDue();
        assertEquals(2, statuses().size());

        ArchiveJob job = job(1, 10_000_000, Duration.ofDays(7));
        job.runIfDue(); // the first look comes within one interval, not at once
        assertEquals(2, statuses().size());
        clock.advance(ArchiveJob.INTERVAL);
        job.runIfDue();
        assertEquals(0, statuses().size());

        videos(2, "done", clock.instant().minus(Duration.ofDays(30)));
        clock.advance(ArchiveJob.INTERVAL.dividedBy(3));
        job.runIfDue(); // too soon after the last look
        assertEquals(2, statuses().size());
        clock.advance(ArchiveJob.INTERVAL.multipliedBy(2));
        job.runIfDue();
        assertEquals(0, statuses().size());
    }

    @Test
    void in_a_fleet_each_agent_looks_less_often_so_the_fleet_together_looks_about_once_an_interval() {
        ArchiveJob job = job(1, 10_000_000, Duration.ofDays(7));
        clock.advance(ArchiveJob.INTERVAL);
        job.runIfDue(20); // the first look, within one interval
        videos(2, "done", clock.instant().minus(Duration.ofDays(30)));

        clock.advance(ArchiveJob.INTERVAL.multipliedBy(4));
        job.runIfDue(20);
        assertEquals(2, statuses().size(), "one of twenty agents looks about every ten intervals, not every one");
        clock.advance(ArchiveJob.INTERVAL.multipliedBy(12));
        job.runIfDue(20);
        assertEquals(0, statuses().size());
    }
}
