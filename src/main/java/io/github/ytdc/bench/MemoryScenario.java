package io.github.ytdc.bench;

import io.github.ytdc.coord.Status;
import io.github.ytdc.emulator.SheetsEmulator.QuotaMode;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC 8: an agent's resident memory stays under 256 MB on a 100,000-row sheet. The agent runs as a child JVM
 * against this process's emulator; its {@code /proc/<pid>/status} is sampled until it is stopped with SIGTERM.
 */
final class MemoryScenario extends Scenario {
    static final String NAME = "memory";
    private static final Logger LOG = LoggerFactory.getLogger(MemoryScenario.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final String SIMULATE = "2s";
    private static final Pattern MAX_HEAP = Pattern.compile("\\bMaxHeapSize\\s*=\\s*(\\d+)");

    MemoryScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    @Override
    public ScenarioResult run() throws IOException, InterruptedException {
        long t0 = clock.millis();
        int pending = Math.min(settings.pendingRows(), settings.memoryRows());
        int done = settings.memoryRows() - pending;
        try (EmulatedSheet sheet = EmulatedSheet.start(QuotaMode.OFF)) {
            sheet.seedVideos(done, pending, clock.instant().minus(Duration.ofDays(1)));
            List<String> command = new ArrayList<>(javaWith(settings.memoryJvmFlags()));
            command.addAll(cliAgent(sheet));
            Path log = Files.createTempFile("ytdc-bench-agent", ".log");
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long peakRss = 0;
            ProcStatus last = null;
            Instant end = clock.instant().plus(settings.memoryDuration());
            boolean aliveAtEnd;
            try {
                while (clock.instant().isBefore(end) && child.isAlive()) {
                    Optional<ProcStatus> s = ProcStatus.read(child.pid());
                    if (s.isPresent()) {
                        last = s.get();
                        peakRss = Math.max(peakRss, last.vmRssKib());
                    }
                    sleeper.sleep(SAMPLE_EVERY);
                }
                aliveAtEnd = child.isAlive();
                if (aliveAtEnd) {
                    last = ProcStatus.read(child.pid()).orElse(last);
                }
            } finally {
                stop(child);
            }
            long tasksDone = sheet.countVideos(Status.DONE) - done;
            long maxHeap = maxHeapBytes(settings.memoryJvmFlags());
            List<Measurement> m = List.of(
                    Measurement.judged("peak resident memory (VmHWM)", last == null ? Double.NaN : last.vmHwmKib() / 1024.0,
                            "MiB", Target.atMost(256)),
                    Measurement.info("resident memory when stopped (VmRSS)",
                            last == null ? Double.NaN : last.vmRssKib() / 1024.0, "MiB"),
                    Measurement.info("highest VmRSS sampled", peakRss / 1024.0, "MiB"),
                    Measurement.info("child JVM max heap (MaxHeapSize)", maxHeap < 0 ? Double.NaN : maxHeap / 1048576.0,
                            "MiB"),
                    Measurement.judged("tasks done by the agent while sampled", tasksDone, "", Target.atLeast(1)));
            List<String> notes = new ArrayList<>(List.of(
                    "child JVM: " + (settings.memoryJvmFlags().isEmpty() ? "no flags (the JVM's default heap sizing and GC)"
                            : "flags " + String.join(" ", settings.memoryJvmFlags())
                            + (settings.memoryJvmFlags().equals(BenchAgents.RECOMMENDED_AGENT_JVM_FLAGS)
                            ? " (the JAVA_OPTS of systemd/ytdc.env.example and scripts/run-local.sh)" : ""))
                            + "; running 'ytdc agent --simulate=" + SIMULATE + " --concurrency "
                            + BenchAgents.AGENT_CONCURRENCY + "'",
                    "sheet: " + settings.memoryRows() + " video rows (" + done + " done above " + pending
                            + " pending); the agent's first read is a sweep of all of them",
                    "sampled /proc/<pid>/status every " + SAMPLE_EVERY.toMillis() + " ms for "
                            + settings.memoryDuration().toSeconds() + " s, then SIGTERM; VmHWM is the kernel's peak"));
            if (!aliveAtEnd || last == null) {
                notes.add("the agent exited early (exit " + child.exitValue() + "); its output ends with: "
                        + tail(log));
            }
            Files.deleteIfExists(log);
            return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
        }
    }


    private static List<String> javaWith(List<String> flags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    private List<String> cliAgent(EmulatedSheet sheet) {
        return List.of("io.github.ytdc.cli.Main", "agent", "--endpoint", sheet.emulator().baseUrl(), "--spreadsheet",
                EmulatedSheet.SPREADSHEET_ID, "--simulate=" + SIMULATE, "--concurrency",
                Integer.toString(BenchAgents.AGENT_CONCURRENCY), "--worker-name", "bench-memory-agent",
                "--settle-delay", settings.settleDelay().toMillis() + "ms");
    }


    private static void stop(Process child) throws InterruptedException {
        child.destroy(); // SIGTERM: the agent releases what it holds and exits
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            LOG.warn("the agent did not stop within 30 s of SIGTERM; killing it");
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The child JVM's MaxHeapSize with these flags, in bytes; -1 when it cannot be told. */
    private static long maxHeapBytes(List<String> flags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-XX:+PrintFlagsFinal");
        cmd.add("-version");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher matcher = MAX_HEAP.matcher(out);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
