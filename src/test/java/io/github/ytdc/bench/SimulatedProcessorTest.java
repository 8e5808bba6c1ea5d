package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.bench.Bench.TaskTime;
import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.testing.RecordingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class SimulatedProcessorTest {
    private final List<Duration> waits = new ArrayList<>();
    private final Task task = new Task(TaskKind.VIDEO, "vid00000001", "https://youtu.be/vid00000001", "", "", Map.of(), 1);

    @Test
    void a_bare_duration_is_a_maximum_and_a_range_reads_min_dot_dot_max() {
        assertEquals(new TaskTime(Duration.ZERO, Duration.ofSeconds(2)), TaskTime.parse("2s"));
        assertEquals(new TaskTime(Duration.ofMillis(500), Duration.ofSeconds(3)), TaskTime.parse("500ms..3s"));
        assertEquals(TaskTime.exactly(Duration.ofMillis(250)), TaskTime.parse(TaskTime.exactly(Duration.ofMillis(250)).toString()),
                "toString reads back");
        var e = assertThrows(IllegalArgumentException.class, () -> TaskTime.parse("3s..1s"));
        assertTrue(e.getMessage().contains("MIN <= MAX"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskTime.parse("soon"));
    }

    @Test
    void every_wait_falls_within_the_range_and_an_exact_range_always_waits_the_same() throws Exception {
        SimulatedProcessor ranged = new SimulatedProcessor(TaskTime.parse("100ms..120ms"), waits::add, new Random(7));
        for (int i = 0; i < 200; i++) {
            ranged.process(task, new RecordingContext());
        }
        assertTrue(waits.stream().allMatch(w -> w.toMillis() >= 100 && w.toMillis() <= 120), waits.toString());
        assertEquals(21, waits.stream().distinct().count(), "both ends and everything between are drawn");
        waits.clear();
        SimulatedProcessor exact = new SimulatedProcessor(TaskTime.exactly(Duration.ofSeconds(1)), waits::add, new Random(7));
        assertEquals("simulated:1000ms", exact.process(task, new RecordingContext()));
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void a_long_simulated_task_reports_progress_as_a_download_would() throws Exception {
        RecordingContext context = new RecordingContext();
        SimulatedProcessor p = new SimulatedProcessor(TaskTime.exactly(Duration.ofMillis(2500)), waits::add, new Random(1));

        p.process(task, context);

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500)), waits);
        assertEquals(List.of(0.0, 40.0, 80.0), context.progress.stream().map(pr -> pr.percent()).toList());
        assertEquals(List.of(3L, 2L, 1L), context.progress.stream().map(pr -> pr.etaSeconds()).toList());
    }

    @Test
    void a_task_cancelled_while_waiting_ends_with_a_cancellation() {
        RecordingContext context = new RecordingContext();
        SimulatedProcessor p = new SimulatedProcessor(TaskTime.exactly(Duration.ofSeconds(5)), d -> {
            context.cancel();
            throw new InterruptedException("cancelled");
        }, new Random(1));
        assertThrows(CancellationException.class, () -> p.process(task, context));
        assertTrue(!Thread.currentThread().isInterrupted(), "the cancel's interrupt does not leak");
    }
}
