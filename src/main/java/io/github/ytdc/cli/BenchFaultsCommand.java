package io.github.ytdc.cli;

import io.github.ytdc.bench.Bench;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytdc bench faults}: the fault suite. */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {
            "Run agent processes through injected faults and check that nothing is lost or done twice.",
            "",
            "Agents (separate JVMs, 'ytdc agent --simulate') work through simulated tasks against an in-process "
                    + "emulator enforcing Google's quotas while, for --fault-window, agents are killed with kill -9 "
                    + "and restarted, 5xx answers are injected (half after the write was applied), latency spikes "
                    + "longer than the settle delay hold requests back, and a person inserts, deletes and sorts rows "
                    + "of Video Tasks. Then the fleet must finish: every task done or dead-lettered, none completed "
                    + "twice. Prints what was injected and what was counted, ending with a 'faults: PASS|FAIL ...' "
                    + "line; exit code 0 on PASS, 1 on FAIL. --seed reproduces a schedule."
        })
final class BenchFaultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "4", description = "Agent processes (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--tasks", paramLabel = "M", defaultValue = "300", description = "Tasks seeded (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4", description = "Tasks per agent at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--task-time", paramLabel = "[MIN..]MAX", defaultValue = "100ms..1s",
            description = "How long a simulated task takes (default: ${DEFAULT-VALUE}).")
    String taskTime;

    @Option(names = "--fault-window", paramLabel = "DURATION", defaultValue = "90s",
            description = "How long faults are injected (default: ${DEFAULT-VALUE}).")
    String faultWindow;

    @Option(names = "--kill-every", paramLabel = "DURATION", defaultValue = "15s",
            description = "Mean time between two kill -9s (default: ${DEFAULT-VALUE}).")
    String killEvery;

    @Option(names = "--restart-within", paramLabel = "DURATION", defaultValue = "5s",
            description = "A killed agent restarts after a random delay up to this (default: ${DEFAULT-VALUE}).")
    String restartWithin;

    @Option(names = "--fail-rate", paramLabel = "P", defaultValue = "0.03",
            description = "Share of requests answered 500/503 (default: ${DEFAULT-VALUE}).")
    double failRate;

    @Option(names = "--latency", paramLabel = "MS[:JITTER]", defaultValue = "20:40",
            description = "Every answer's latency (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--latency-spikes", paramLabel = "P:DURATION", defaultValue = "0.02:3s",
            description = "Share of requests held back before being applied, and for how long (default: ${DEFAULT-VALUE}).")
    String latencySpikes;

    @Option(names = "--edit-every", paramLabel = "DURATION", defaultValue = "4s",
            description = "Mean time between two hand edits (default: ${DEFAULT-VALUE}).")
    String editEvery;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s",
            description = "Agents' claim settle delay (default: ${DEFAULT-VALUE}).")
    String settle;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "3s",
            description = "Agents' lease renewal interval (default: ${DEFAULT-VALUE}).")
    String heartbeat;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "12s",
            description = "Agents' stall timeout, at least 4 x --heartbeat (default: ${DEFAULT-VALUE}).")
    String stallTimeout;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", defaultValue = "2s",
            description = "Agents' first retry backoff (default: ${DEFAULT-VALUE}).")
    String retryBackoff;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "3",
            description = "Retries before a task is dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Longest the whole run may take (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: a random one, printed).")
    Long seed;

    @Option(names = "--jvm-flags", paramLabel = "FLAGS", defaultValue = Bench.AGENT_JVM_FLAGS,
            description = "Flags for each agent's JVM (default: ${DEFAULT-VALUE}).")
    String jvmFlags;

    @Override
    public Integer call() throws InterruptedException {
        verbosity.apply();
        EmulatorValues.Latency l = EmulatorValues.Latency.parse(latency);
        EmulatorValues.LatencySpikes spikes = EmulatorValues.LatencySpikes.parse(latencySpikes);
        Bench.TaskTime time;
        try {
            time = Bench.TaskTime.parse(taskTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--task-time: " + e.getMessage());
        }
        if (!(failRate >= 0 && failRate <= 1)) {
            throw new IllegalArgumentException("--fail-rate must be between 0 and 1, was " + failRate);
        }
        long s = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        Bench.FaultSettings settings = new Bench.FaultSettings(agents, tasks, concurrency, time,
                d("--fault-window", faultWindow), d("--kill-every", killEvery), d("--restart-within", restartWithin),
                failRate, l.base(), l.jitter(), spikes.probability(), spikes.spike(), d("--edit-every", editEvery),
                d("--settle", settle), d("--heartbeat", heartbeat), d("--stall-timeout", stallTimeout),
                d("--retry-backoff", retryBackoff), maxRetries, d("--timeout", timeout), s,
                BenchCommand.flags(jvmFlags));
        PrintWriter err = spec.commandLine().getErr();
        err.println("ytdc bench faults: seed " + s + "; starting " + agents + " agents on " + tasks + " tasks ...");
        err.flush();
        Bench.Report report = Bench.faults(settings, line -> {
            err.println("ytdc bench faults: " + line);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.text());
        out.flush();
        return report.passed() ? 0 : ErrorHandler.FAILURE;
    }

    private static Duration d(String option, String text) {
        return OptionValues.duration(option, text);
    }
}
