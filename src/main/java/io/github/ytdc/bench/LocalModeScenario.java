package io.github.ytdc.bench;

import io.github.ytdc.coord.Coordinator;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SPEC 8: one host in local mode spends at most 0.1 s of coordination per task. Two coordinators (as two agents on
 * one host) share a local spreadsheet folder and work through no-op tasks; with nothing to download, all the time they
 * take is coordination.
 */
final class LocalModeScenario extends Scenario {
    static final String NAME = "local-mode";
    private static final int AGENTS = 2;

    LocalModeScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    @Override
    public ScenarioResult run() throws InterruptedException {
        long t0 = clock.millis();
        int tasks = Math.min(settings.tasks(), 300);
        Path dir = tempDir();
        try (SpreadsheetPort seed = LocalSpreadsheetPort.open(dir, true)) {
            new SheetInitializer(seed, TabNames.DEFAULT).ensureColumns();
            Header h = new Header(seed.batchGet(List.of(A1.rows("Video Tasks", 1, 1))).get(0).rows().get(0));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                String id = String.format("local%06d", i);
                rows.add(RowWrite.newRow(h, Map.of("ID", id, "URL", "https://youtu.be/" + id, "Status", "pending")));
            }
            seed.append(A1.cell("Video Tasks", 0, 1), rows);
        }
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            String name = "local-" + a;
            Thread t = new Thread(() -> {
                try (SpreadsheetPort port = LocalSpreadsheetPort.open(dir);
                     Coordinator c = new Coordinator(CoordinatorConfig.builder(port).workerName(name).build())) {
                    while (c.processNextTask((String url) -> { })) {
                        done.incrementAndGet();
                    }
                }
            }, name);
            agents.add(t);
            t.start();
        }
        for (Thread t : agents) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Two agents work at once: each task's coordination is the wall time times the agents, over the tasks.
        double perTask = seconds * AGENTS / Math.max(1, done.get());
        List<Measurement> m = List.of(
                Measurement.judged("coordination per no-op task, local mode", perTask, "s", Target.atMost(0.1)),
                Measurement.judged("tasks done", done.get(), "", Target.exactly(tasks)),
                Measurement.info("wall time", seconds, "s"));
        List<String> notes = List.of(AGENTS + " coordinators on one local spreadsheet folder (compare-and-set claims), "
                + "concurrency 1 each, default settings, " + tasks + " no-op tasks");
        return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ytdc-local-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
