package io.github.ytdc.cli;

import io.github.ytdc.bench.Bench;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytdc bench}: one measured fleet run; {@code ytdc bench targets} checks every SPEC section 8 target. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchTargetsCommand.class, BenchFaultsCommand.class},
        description = {
            "Run a fleet of agents on simulated tasks against a Sheets emulator and measure it.",
            "",
            "Starts the emulator in this process (or uses --endpoint) with Google's quotas, each agent its own quota "
                    + "caller reached over HTTP by the real Google client; seeds --done-rows finished rows and --tasks "
                    + "pending ones; runs --agents agents (threads, or separate JVMs with --processes) until their "
                    + "journals account for every task. Reports tasks per minute, Sheets requests per task (reads and "
                    + "writes, from the emulator's counts), 429s, duplicates and lost tasks (from the journals), claim "
                    + "latency p50/p95 and peak memory per agent, and ends with one line:",
            "  bench: agents=N tasks=M tasks_per_min=X requests_per_task=Y duplicates=D lost=L",
            "Exit code 0 when every task finished with none completed twice and none lost, 1 otherwise.",
            "'ytdc bench targets' measures every SPEC section 8 target instead."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "10", description = "Agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--processes", description = "Run each agent as a separate JVM ('ytdc agent --simulate') instead of "
            + "a thread of this one; peak memory is then measured per agent.")
    boolean processes;

    @Option(names = "--tasks", paramLabel = "M", defaultValue = "1000", description = "Pending tasks (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--task-time", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long each simulated task takes, or MIN..MAX for a random time (default: ${DEFAULT-VALUE}, no-op).")
    String taskTime;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4",
            description = "Tasks each agent runs at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--done-rows", paramLabel = "K", defaultValue = "0",
            description = "Finished rows above the pending ones, to test a big sheet (default: ${DEFAULT-VALUE}).")
    int doneRows;

    @Option(names = "--latency", paramLabel = "MS[:JITTER]",
            description = "The in-process emulator's latency per answer plus a random jitter, e.g. 100:50 (default: none).")
    String latency;

    @Option(names = "--quota", paramLabel = "MODE", defaultValue = "google",
            description = "The in-process emulator's quotas: 'google' (60 reads + 60 writes per minute per caller, "
                    + "300 + 300 per project) or 'off' (default: ${DEFAULT-VALUE}).")
    String quota;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Use the emulator running at URL ('ytdc emulator --create ID') with its own quotas and latency.")
    URI endpoint;

    @Option(names = "--spreadsheet", paramLabel = "ID", defaultValue = "bench",
            description = "With --endpoint: the spreadsheet to use (default: ${DEFAULT-VALUE}).")
    String spreadsheet;

    @Option(names = "--settle", paramLabel = "DURATION",
            description = "Agents' claim settle delay (default: 1s, or twice the slowest --latency answer if longer).")
    String settle;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = "Longest the agents may take (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--jvm-flags", paramLabel = "FLAGS", defaultValue = Bench.AGENT_JVM_FLAGS,
            description = "With --processes: flags for each agent's JVM, space-separated (default: the recommended "
                    + "JAVA_OPTS, ${DEFAULT-VALUE}).")
    String jvmFlags;

    @Option(names = "--json", description = "Print the results as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        verbosity.apply();
        EmulatorValues.Latency l = latency == null ? EmulatorValues.Latency.NONE : EmulatorValues.Latency.parse(latency);
        Bench.TaskTime time;
        try {
            time = Bench.TaskTime.parse(taskTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--task-time: " + e.getMessage());
        }
        Duration settleDelay = settle == null ? Bench.FleetSettings.defaultSettleDelay(l.base(), l.jitter())
                : OptionValues.duration("--settle", settle);
        Bench.FleetSettings settings = new Bench.FleetSettings(agents, processes, tasks, time, concurrency, doneRows,
                l.base(), l.jitter(), endpoint, spreadsheet, EmulatorValues.quotaMode(quota), settleDelay,
                OptionValues.duration("--timeout", timeout), flags(jvmFlags));
        PrintWriter err = spec.commandLine().getErr();
        err.println("ytdc bench: seeding " + doneRows + " done and " + tasks + " pending rows, then starting " + agents
                + " agent" + (agents == 1 ? "" : "s") + " ...");
        err.flush();
        Bench.Report report = Bench.fleet(settings);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json().orElseThrow() + System.lineSeparator() : report.text());
        out.flush();
        return report.passed() ? 0 : ErrorHandler.FAILURE;
    }

    /** Space-separated JVM flags; empty or 'none' for the JVM's defaults. */
    static List<String> flags(String text) {
        if (text == null || text.isBlank() || text.trim().equals("none")) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("\\s+")).toList();
    }
}
