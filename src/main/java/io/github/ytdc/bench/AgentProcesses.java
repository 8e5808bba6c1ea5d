package io.github.ytdc.bench;

import io.github.ytdc.YtdcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents as separate JVMs running {@code ytdc agent} from this JVM's class path, each with its own journal and log in
 * one folder. An agent started again under the same name (after a {@code kill -9}) appends to the same files, as a
 * restarted systemd unit would.
 */
final class AgentProcesses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentProcesses.class);

    /** One run of one agent. */
    public record Member(String name, Process process, Path journal, Path log) {
        /** The agent's output so far (every run of this name). */
        public String logText() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path dir;
    private final List<String> jvmFlags;
    private final Map<String, Member> current = new LinkedHashMap<>();
    private final Map<String, Long> peakRssKib = new LinkedHashMap<>();

    /**
     * @param dir      where journals ({@code NAME.jsonl}) and logs ({@code NAME.log}) go
     * @param jvmFlags flags for every agent JVM, e.g. {@link Bench#AGENT_JVM_FLAGS}
     */
    public AgentProcesses(Path dir, List<String> jvmFlags) {
        this.dir = dir;
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /** Starts {@code ytdc agent --worker-name NAME --journal DIR/NAME.jsonl ARGS...}. */
    public synchronized Member start(String name, List<String> args) {
        Member running = current.get(name);
        if (running != null && running.process().isAlive()) {
            throw new IllegalStateException("agent " + name + " is already running");
        }
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(jvmFlags);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.github.ytdc.cli.Main", "agent",
                "--worker-name", name, "--journal", journal(name).toString()));
        argv.addAll(args);
        Path log = dir.resolve(name + ".log");
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            p.getOutputStream().close();
            Member m = new Member(name, p, journal(name), log);
            current.put(name, m);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start agent " + name + ": " + e.getMessage(), e);
        }
    }

    /** The journal every run of agent {@code name} appends to. */
    public Path journal(String name) {
        return dir.resolve(name + ".jsonl");
    }

    /** Every agent's journal, running or not. */
    public synchronized List<Path> journals() {
        return current.keySet().stream().map(this::journal).toList();
    }

    /** The latest run of every agent, in the order they were first started. */
    public synchronized List<Member> members() {
        return List.copyOf(current.values());
    }

    /** Kills agent {@code name} with SIGKILL ({@code kill -9}): no shutdown hook, no release, a torn journal line. */
    public void kill(String name) throws InterruptedException {
        Member m;
        synchronized (this) {
            m = current.get(name);
        }
        if (m != null) {
            m.process().destroyForcibly();
            m.process().waitFor();
        }
    }

    /**
     * Samples each running agent's peak resident memory (VmHWM) and remembers the highest per agent. Call it often:
     * a killed process's peak is gone with it.
     */
    public synchronized void sampleMemory() {
        for (Member m : current.values()) {
            Optional<ProcStatus> s = m.process().isAlive() ? ProcStatus.read(m.process().pid()) : Optional.empty();
            s.ifPresent(st -> peakRssKib.merge(m.name(), st.vmHwmKib(), Math::max));
        }
    }

    /** The highest VmHWM sampled per agent, in KiB. */
    public synchronized Map<String, Long> peakMemoryKib() {
        return Map.copyOf(peakRssKib);
    }

    /**
     * Stops every running agent with SIGTERM (it releases what it holds and exits) and waits up to {@code patience}
     * for each; one that is still running then is killed.
     */
    public void stopAll(Duration patience) throws InterruptedException {
        sampleMemory();
        List<Member> all = members();
        all.forEach(m -> m.process().destroy());
        long deadline = System.nanoTime() + patience.toNanos();
        for (Member m : all) {
            if (!m.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("agent {} did not stop within {} s of SIGTERM; killing it", m.name(), patience.toSeconds());
                m.process().destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Waits up to {@code patience} for every agent to exit on its own (e.g. {@code --exit-when-idle}).
     *
     * @throws YtdcException naming the first agent still running then, with the end of its log
     */
    public void awaitAll(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Member m : members()) {
            if (!m.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new YtdcException("agent " + m.name() + " did not exit within " + patience.toSeconds()
                        + " s; the end of its log:\n" + tail(m.logText()));
            }
        }
    }

    /** Kills whatever still runs. */
    @Override
    public void close() {
        for (Member m : members()) {
            if (m.process().isAlive()) {
                m.process().destroyForcibly();
            }
        }
    }

    /** The last lines of a log, for a failure message. */
    public static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }
}
