package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Workers row's Done and Failed match the Video Tasks tab and what the agent did: a done write and the row's
 * count go out in one write, a source is no video, and taking over a dead agent's stalled claim is not a failure of
 * the agent that takes it over.
 */
class WorkerCountsTest {
    private final Agents agents = new Agents();
    private final Sheet sheet = new Sheet();

    /** An engine whose Workers row (updated at most every second) shows its {@link VideoCounts}, as a Coordinator's does. */
    private Engine engine(String name, VideoCounts counts) {
        CoordinatorConfig cfg = agents.config(sheet.port, name).build();
        WorkersRow row = new WorkersRow("Workers", name, "host", Duration.ofSeconds(1), cfg.heartbeat(),
                cfg.stallTimeout(), () -> new WorkerRowValues("running", counts.done(), counts.failed()));
        Engine e = new Engine(cfg, CoordinatorListener.all(List.of(counts, row)));
        e.tick();
        row.appendIfMissing(sheet.port, agents.clock.instant());
        return e;
    }

    private WorkRow workersRow(String name) {
        return sheet.rows("Workers").stream().filter(r -> r.get("Worker").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void the_done_count_goes_out_in_the_same_write_as_the_done_row_so_a_kill_leaves_no_stale_count() {
        sheet.addVideo("v1", "https://youtu.be/v1");
        sheet.addVideo("v2", "https://youtu.be/v2");
        VideoCounts counts = new VideoCounts();
        Engine e = engine("agent-a", counts);
        Claim first = agents.claimOne(e);
        agents.clock.advance(Duration.ofSeconds(2));
        e.complete(first, Outcome.done("ok"));

        e.tick(); // one write: the done row and the Workers row; the agent could be killed right after it

        assertEquals("done", sheet.video(first.id).get("Status"));
        assertEquals("1", workersRow("agent-a").get("Done"), "the tab says one video done by agent-a");
        assertEquals(1, counts.done());
    }

    @Test
    void a_claim_lost_before_its_done_write_is_not_counted_done() {
        sheet.addVideo("v1", "https://youtu.be/v1");
        VideoCounts counts = new VideoCounts();
        Engine e = engine("agent-a", counts);
        Claim c = agents.claimOne(e);
        // A person hands the row to someone else while it runs.
        sheet.edit(sheet.tabs.videos(), "v1", "ClaimToken", "someone-else");
        e.complete(c, Outcome.done("ok"));
        agents.clock.advance(Duration.ofSeconds(2));

        e.tick();

        assertEquals(0, counts.done());
        agents.clock.advance(Duration.ofSeconds(2));
        e.tick();
        assertEquals("0", workersRow("agent-a").get("Done"));
    }

    @Test
    void taking_over_a_dead_agents_stalled_claim_is_not_a_failure_of_ours_but_our_own_failed_attempt_is() {
        sheet.addVideo("v1", "https://youtu.be/v1");
        Engine dead = agents.engine(sheet.port, "killed");
        agents.claimOne(dead); // then killed with -9: its lease is never renewed
        agents.clock.advance(Duration.ofMinutes(6)); // past the 5m stall timeout
        VideoCounts counts = new VideoCounts();
        Engine e = engine("agent-b", counts);
        for (int i = 0; i < 4; i++) {
            agents.clock.advance(Duration.ofSeconds(2));
            e.tick();
        }
        WorkRow v1 = sheet.video("v1");
        assertEquals("pending", v1.get("Status"), "agent-b took the stalled claim over: " + v1);
        assertEquals("1", v1.get("RetryCount"));
        assertEquals(0, counts.failed(), "agent-b ran nothing that failed");

        sheet.addVideo("v2", "https://youtu.be/v2");
        agents.clock.advance(Duration.ofMinutes(1));
        Claim own = agents.claimOne(e);
        e.complete(own, new Outcome.Failed(FailureClass.TRANSIENT, "HTTP Error 503"));
        agents.clock.advance(Duration.ofSeconds(2));
        e.tick();

        assertEquals(1, counts.failed(), "its own failed attempt of " + own.id);
        agents.clock.advance(Duration.ofSeconds(2));
        e.tick(); // a failure is counted once its retry is written: the row shows it with its next update
        assertEquals("1", workersRow("agent-b").get("Failed"));
    }

    @Test
    void a_source_expanded_is_no_video_done() {
        VideoCounts counts = new VideoCounts();
        java.time.Instant at = agents.clock.instant();
        counts.onTaskEvent(new TaskEvent(at, "a", TaskEvent.Type.CLAIMED, TaskKind.SOURCE, "UC1", 1, "", null));
        counts.onTaskEvent(new TaskEvent(at, "a", TaskEvent.Type.PROCESSED, TaskKind.SOURCE, "UC1", 1, "", null));
        counts.onTaskEvent(new TaskEvent(at, "a", TaskEvent.Type.DONE, TaskKind.SOURCE, "UC1", 1, "", null));
        counts.onTaskEvent(new TaskEvent(at, "a", TaskEvent.Type.CLAIMED, TaskKind.VIDEO, "v1", 1, "", null));
        counts.onTaskEvent(new TaskEvent(at, "a", TaskEvent.Type.PROCESSED, TaskKind.VIDEO, "v1", 1, "", null));
        counts.onTaskEvent(new TaskEvent(at, "a", TaskEvent.Type.DONE, TaskKind.VIDEO, "v1", 1, "", null));

        assertEquals(1, counts.done(), "one video; the source it came from is not counted");
    }
}
