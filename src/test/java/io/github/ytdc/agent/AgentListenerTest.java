package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.TaskEvent;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A listener set through {@code configure(...)} hears the agent's task events alongside the agent's own. */
class AgentListenerTest {

    @Test
    void a_listener_given_through_configure_is_kept() throws Exception {
        Sheet sheet = new Sheet();
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        CoordinatorListener listener = mock(CoordinatorListener.class);
        Agent agent = Agent.builder(sheet.port, (task, ctx) -> "/out/" + task.id())
                .configure(c -> c.workerName("agent-listened").listener(listener)
                        .settleDelay(Duration.ofMillis(500)).minTickInterval(Duration.ofMillis(10))
                        .claimJitter(Duration.ZERO))
                .exitWhenIdle(true)
                .idlePoll(Duration.ofMillis(20), Duration.ofMillis(50))
                .seed(1)
                .build();
        Thread t = new Thread(agent::run, "agent-under-test");
        t.start();
        assertTrue(agent.awaitFinished(Duration.ofSeconds(30)), "the agent finished the queue and exited");
        t.join(5_000);
        verify(listener, atLeastOnce()).onTaskEvent(argThat(e -> e.type() == TaskEvent.Type.DONE
                && e.id().equals("vid00000001")));
    }
}
