package io.github.ytdc.coord;

import io.github.ytdc.testing.Sheet;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Engine#isIdle()}: what {@code ytdc agent --exit-when-idle} and the bench stop on. */
class IdleTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    @Test
    void idle_once_every_row_is_done_or_dead_lettered_and_not_while_one_is_held() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        Engine e = agents.engine(sheet.port, "agent-a");
        assertFalse(e.isIdle(), "nothing read yet");
        Claim first = agents.claimOne(e);
        assertFalse(e.isIdle(), "a row is held");
        e.complete(first, Outcome.done("ok"));
        e.tick();
        assertFalse(e.isIdle(), "one row is still pending");
        Claim second = agents.claimOne(e);
        e.complete(second, new Outcome.Failed(FailureClass.FATAL, "Private video"));
        assertFalse(e.isIdle(), "the dead-letter write is still queued");
        e.tick();
        e.tick();
        assertTrue(e.isIdle(), "one done, one dead-lettered");
    }

    @Test
    void not_idle_while_a_row_waits_out_its_backoff() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine e = agents.engine(sheet.port, "agent-a");
        e.complete(agents.claimOne(e), new Outcome.Failed(FailureClass.TRANSIENT, "HTTP Error 503"));
        e.tick();
        e.tick();
        assertTrue(e.pollClaim().isEmpty(), "not claimable during its backoff");
        assertFalse(e.isIdle(), "a pending row with a NotBefore in the future is still work");
        agents.clock.advance(Duration.ofMinutes(1));
        e.complete(agents.claimOne(e), Outcome.done("ok"));
        e.tick();
        e.tick();
        assertTrue(e.isIdle());
    }

    @Test
    void not_idle_while_another_agent_holds_a_row() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Engine other = agents.engine(sheet.port, "agent-b");
        Claim held = agents.claimOne(other);
        Engine e = agents.engine(sheet.port, "agent-a");
        e.tick();
        e.tick();
        assertFalse(e.isIdle(), "an in-progress row of another agent may still fail and come back");
        other.complete(held, Outcome.done("ok"));
        other.tick();
        agents.clock.advance(Duration.ofMinutes(1)); // next sweep sees it done
        e.tick();
        assertTrue(e.isIdle());
    }
}
