package io.github.ytdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.Coordinator;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.TaskFailure;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library usage shown in README.md ("Using it as a library"), run as written against an in-memory sheet. */
class LibraryUsageTest {

    @Test
    void the_readme_loop_processes_every_pending_video_then_returns_false() {
        Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("library"));
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        sheet.addVideo("vid00000003", "https://youtu.be/vid00000003");
        List<String> downloaded = new ArrayList<>();

        try (Coordinator coordinator = new Coordinator(CoordinatorConfig.builder(sheet.port)
                .concurrency(4)
                .maxRetries(3)
                .settleDelay(Duration.ofMillis(20))
                .minTickInterval(Duration.ofMillis(10))
                .build())) {
            while (coordinator.processNextTask((String url) -> {
                if (url.endsWith("3")) {
                    throw TaskFailure.fatal("private video");
                }
                downloaded.add(url);
            })) {
                // a task was processed
            }
        }

        assertEquals(List.of("https://youtu.be/vid00000001", "https://youtu.be/vid00000002"),
                downloaded.stream().sorted().toList());
        assertTrue(sheet.video("vid00000001").hasStatus(Status.DONE));
        assertTrue(sheet.video("vid00000002").hasStatus(Status.DONE));
        assertTrue(sheet.video("vid00000003").hasStatus(Status.ERROR), "fatal failures are dead-lettered at once");
        assertEquals(1, sheet.rows(sheet.tabs.deadVideos()).size());
        assertFalse(sheet.rows(sheet.tabs.videos()).stream().anyMatch(r -> r.hasStatus(Status.PENDING)));
    }
}
