package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.util.Durations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one external program (yt-dlp, a hook) to completion: stdout streamed line by line to a consumer, stderr
 * drained into a bounded tail, a timeout and task cancellation that kill the program together with its children.
 */
final class ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final int STDERR_TAIL_LINES = 200;
    /** How long a killed process tree gets to exit on SIGTERM before SIGKILL. */
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    /**
     * How a run ended.
     *
     * @param exitCode    the program's exit code (meaningless when timed out or cancelled)
     * @param stderrTail  the last lines of stderr
     * @param timedOut    the timeout killed it
     * @param cancelled   the task was cancelled and the program killed
     */
    record Result(int exitCode, List<String> stderrTail, boolean timedOut, boolean cancelled) {
        boolean succeeded() {
            return exitCode == 0 && !timedOut && !cancelled;
        }
    }

    private ChildProcess() {}

    /**
     * Runs {@code argv}, feeding each stdout line to {@code onStdoutLine} on the calling thread.
     *
     * @param timeout {@code null} for none
     * @throws IOException when the program cannot be started
     */
    static Result run(List<String> argv, Map<String, String> env, Path workDir, Duration timeout,
                      TaskContext context, Consumer<String> onStdoutLine) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        LOG.debug("Running {}", argv);
        Process process = pb.start();
        process.getOutputStream().close();

        Deque<String> stderrTail = new ArrayDeque<>();
        Thread stderrDrain = daemon("stderr-" + process.pid(), () -> drainStderr(process, stderrTail));
        stderrDrain.start();

        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread watchdog = null;
        if (timeout != null) {
            watchdog = daemon("timeout-" + process.pid(), () -> {
                try {
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        timedOut.set(true);
                        LOG.debug("{} timed out after {}; killing it and its children", argv.get(0), Durations.format(timeout));
                        killTree(process.toHandle(), KILL_GRACE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            watchdog.start();
        }
        // The callback may run on the coordinator's heartbeat thread: kill on a thread of our own.
        context.onCancel(() -> {
            if (process.isAlive()) {
                cancelled.set(true);
                daemon("cancel-" + process.pid(), () -> killTree(process.toHandle(), KILL_GRACE)).start();
            }
        });

        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                onStdoutLine.accept(line);
            }
        } catch (IOException | RuntimeException e) {
            killTree(process.toHandle(), KILL_GRACE);
            if (e instanceof IOException io && !process.isAlive() && (timedOut.get() || cancelled.get())) {
                LOG.debug("stdout closed while stopping {}: {}", argv.get(0), io.toString());
            } else {
                throw e;
            }
        }
        int exit;
        try {
            exit = process.waitFor();
            stderrDrain.join(KILL_GRACE.toMillis());
        } catch (InterruptedException e) {
            killTree(process.toHandle(), KILL_GRACE);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + argv.get(0), e);
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = List.copyOf(stderrTail);
        }
        return new Result(exit, tail, timedOut.get(), cancelled.get() || context.isCancelled());
    }

    /**
     * Stops a process and every descendant (yt-dlp's ffmpeg): SIGTERM to all, then SIGKILL to whatever is
     * still alive after {@code grace}. Descendants are listed first because they are re-parented, and so lost
     * from view, once their parent dies.
     */
    static void killTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Process tree of {} survived SIGTERM; sending SIGKILL", root.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void drainStderr(Process process, Deque<String> tail) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                LOG.debug("stderr: {}", line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed: {}", process.pid(), e.toString());
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, "ytdc-" + name);
        t.setDaemon(true);
        return t;
    }
}
