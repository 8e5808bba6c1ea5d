package io.github.ytdc.media.ytdlp;

import io.github.ytdc.testing.RecordingContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.testing.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

    @Test
    void stdout_lines_stream_to_the_consumer_and_stderr_is_kept_with_the_exit_code() throws Exception {
        List<String> out = new ArrayList<>();
        ChildProcess.Result r = ChildProcess.run(List.of("sh", "-c", "echo one; echo two; echo oops >&2; exit 3"),
                Map.of(), null, Duration.ofSeconds(20), TaskContext.detached(), out::add);
        assertEquals(List.of("one", "two"), out);
        assertEquals(List.of("oops"), r.stderrTail());
        assertEquals(3, r.exitCode());
        assertFalse(r.succeeded());
    }

    @Test
    void a_timeout_kills_the_program_and_every_child_it_started() throws Exception {
        List<ProcessHandle> children = new ArrayList<>();
        ChildProcess.Result r = ChildProcess.run(
                List.of("sh", "-c", "sleep 301 & sleep 302 & echo started; wait"), Map.of(), null, Duration.ofSeconds(1),
                TaskContext.detached(), line -> children.addAll(sleeps(2)));
        assertTrue(r.timedOut());
        assertEquals(2, children.size(), "both sleeps were running: " + children);
        Processes.await(Duration.ofSeconds(5), "children to die", () -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void cancelling_the_task_kills_the_program_tree() throws Exception {
        RecordingContext ctx = new RecordingContext();
        List<ProcessHandle> children = new ArrayList<>();
        ChildProcess.Result r = ChildProcess.run(List.of("sh", "-c", "sleep 303 & echo started; wait"), Map.of(), null,
                Duration.ofMinutes(5), ctx, line -> {
                    children.addAll(sleeps(1));
                    ctx.cancel();
                });
        assertTrue(r.cancelled());
        assertFalse(r.timedOut());
        assertEquals(1, children.size());
        Processes.await(Duration.ofSeconds(5), "child to die", () -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    /**
     * Live {@code sleep} processes started by this JVM's children, once {@code n} of them run: a forked shell
     * becomes {@code sleep} only when it execs, which may be after the script printed its line.
     */
    private static List<ProcessHandle> sleeps(int n) {
        Processes.await(Duration.ofMillis(800), n + " sleeps to start", () -> sleeps().size() >= n);
        return sleeps();
    }

    private static List<ProcessHandle> sleeps() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().orElse("").endsWith("/sleep")).toList();
    }
}
