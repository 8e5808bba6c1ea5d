package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.sheets.SheetsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTallyTest {
    private final TaskTally tally = new TaskTally();

    private void event(TaskEvent.Type type, String id) {
        tally.listener().onTaskEvent(new TaskEvent(Instant.EPOCH, "a", type, TaskKind.VIDEO, id, 1, "", Duration.ZERO));
    }

    @Test
    void a_task_the_processor_saw_twice_is_a_duplicate_and_one_it_never_saw_is_reported() {
        tally.processed("v1");
        tally.processed("v2");
        tally.processed("v1");
        assertEquals(List.of("v1"), tally.duplicates());
        assertEquals(2, tally.distinctProcessed());
        assertEquals(List.of("v3"), tally.neverProcessed(Set.of("v1", "v2", "v3")));
    }

    @Test
    void retries_dead_letters_and_lost_claims_count_as_failed_attempts_but_done_and_released_do_not() {
        event(TaskEvent.Type.CLAIMED, "v1");
        event(TaskEvent.Type.DONE, "v1");
        event(TaskEvent.Type.RELEASED, "v2");
        assertEquals(0, tally.failedAttempts());
        event(TaskEvent.Type.RETRY, "v3");
        event(TaskEvent.Type.DEAD_LETTER, "v4");
        event(TaskEvent.Type.LOST_CLAIM, "v5");
        assertEquals(3, tally.failedAttempts());
        assertEquals(1, tally.events(TaskEvent.Type.CLAIMED));
    }

    @Test
    void failed_ticks_are_counted_by_their_sheets_reason() {
        CoordinatorListener l = tally.listener();
        l.onTickFailed(SheetsException.fromHttp(429, "Quota exceeded"));
        l.onTickFailed(SheetsException.fromHttp(429, "Quota exceeded"));
        l.onTickFailed(new IllegalStateException("bug"));
        assertEquals(Map.of("QUOTA_EXCEEDED", 2L, "IllegalStateException", 1L), tally.tickFailures());
    }

    @Test
    void the_mean_claim_wait_is_unknown_until_a_claim_was_timed() {
        assertEquals(null, tally.meanClaimWait());
        tally.claimWaited(Duration.ofMillis(1000));
        tally.claimWaited(Duration.ofMillis(2000));
        assertEquals(Duration.ofMillis(1500), tally.meanClaimWait());
    }
}
