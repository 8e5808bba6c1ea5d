package io.github.ytdc.cli;

import io.github.ytdc.bench.Bench;
import io.github.ytdc.coord.CoordinatorConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytdc bench targets}: measures SPEC section 8's performance and scale targets against in-process emulators. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = {
            "Measure ytdc against its performance and scale targets.",
            "",
            "Measures requests per task, fleet throughput under Google's quotas, expansion cost, claim cost on a big "
                    + "sheet and agent memory against an in-process Sheets emulator reached over HTTP by the real "
                    + "Google client. Prints one line per target with the measured number, the target and PASS/FAIL. "
                    + "Exit code 0 when every target is met, 1 otherwise. A full run takes about 8 minutes.",
            "Scenarios: requests-per-task, fleet, expansion, claim-cost, memory, local-mode; and, only when named: "
                    + "model-scale, which times the spreadsheet model on every backend; campaign, a campaign of "
                    + "--campaign-videos videos through one spreadsheet (most of them added already finished, the "
                    + "rest claimed by agents; up to --scale-timeout); full-workbook, a workbook filled to "
                    + "--fill-cells cells before a source of --videos videos is added."
        })
final class BenchTargetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "Run only these scenarios (repeatable or comma-separated; default: all).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s",
            description = "Agents' claim settle delay (default: ${DEFAULT-VALUE}).")
    String settle;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "400",
            description = "requests-per-task: tasks for the one agent (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "10",
            description = "fleet: agents, each its own quota user (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--fleet-tasks", paramLabel = "N", defaultValue = "1000",
            description = "fleet: tasks (default: ${DEFAULT-VALUE}).")
    int fleetTasks;

    @Option(names = "--fleet-concurrency", paramLabel = "N", defaultValue = "4",
            description = "fleet: slots per agent (default: ${DEFAULT-VALUE}).")
    int fleetConcurrency;

    @Option(names = "--videos", paramLabel = "N", defaultValue = "5000",
            description = "expansion: videos listed by the source (default: ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--done-rows", paramLabel = "N", defaultValue = "100000",
            description = "claim-cost: done rows above the pending ones (default: ${DEFAULT-VALUE}).")
    int doneRows;

    @Option(names = "--pending-rows", paramLabel = "N", defaultValue = "1000",
            description = "claim-cost and memory: pending rows (default: ${DEFAULT-VALUE}).")
    int pendingRows;

    @Option(names = "--claim-cost-duration", paramLabel = "DURATION", defaultValue = "45s",
            description = "claim-cost: time measured per sheet, also the sweep interval (default: ${DEFAULT-VALUE}).")
    String claimCostDuration;

    @Option(names = "--memory-rows", paramLabel = "N", defaultValue = "100000",
            description = "memory: rows of the agent's sheet (default: ${DEFAULT-VALUE}).")
    int memoryRows;

    @Option(names = "--memory-duration", paramLabel = "DURATION", defaultValue = "40s",
            description = "memory: how long the agent runs while sampled (default: ${DEFAULT-VALUE}).")
    String memoryDuration;

    @Option(names = "--memory-jvm-flags", paramLabel = "FLAGS", defaultValue = Bench.AGENT_JVM_FLAGS,
            description = "memory: flags for the agent's JVM, space-separated; 'none' for the JVM's defaults "
                    + "(default: the recommended JAVA_OPTS, ${DEFAULT-VALUE}).")
    String memoryJvmFlags;

    @Option(names = "--model-rows", paramLabel = "N", defaultValue = "200000",
            description = "model-scale: rows on the tab before 10,000 more are appended (default: ${DEFAULT-VALUE}).")
    int modelRows;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "6m",
            description = "Longest any scenario but campaign and full-workbook may run before it fails "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--campaign-videos", paramLabel = "N", defaultValue = "1000000",
            description = "campaign: videos of the whole campaign (default: ${DEFAULT-VALUE}).")
    int campaignVideos;

    @Option(names = "--campaign-pace", paramLabel = "N", defaultValue = "80000",
            description = "campaign: videos added a minute at most, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int campaignPace;

    @Option(names = "--campaign-archive-after", paramLabel = "DURATION", defaultValue = "1m",
            description = "campaign: the agents' archive age, shortened from the default 7d (default: "
                    + "${DEFAULT-VALUE}).")
    String campaignArchiveAfter;

    @Option(names = "--campaign-window", paramLabel = "DURATION", defaultValue = "2m",
            description = "campaign: how long claim cost is measured at each end, also that agent's sweep interval "
                    + "(default: ${DEFAULT-VALUE}, the default sweep interval).")
    String campaignWindow;

    @Option(names = "--scale-agents", paramLabel = "N", defaultValue = "4",
            description = "campaign and full-workbook: agents in the bench's JVM; the campaign adds one agent process "
                    + "(default: ${DEFAULT-VALUE}).")
    int scaleAgents;

    @Option(names = "--fill-cells", paramLabel = "N", defaultValue = "9900000",
            description = "full-workbook: cells the workbook is filled to with finished rows (default: "
                    + "${DEFAULT-VALUE}).")
    long fillCells;

    @Option(names = "--scale-timeout", paramLabel = "DURATION", defaultValue = "25m",
            description = "campaign and full-workbook: the longest each may run (default: ${DEFAULT-VALUE}).")
    String scaleTimeout;

    @Override
    public Integer call() {
        verbosity.apply();
        Bench.TargetSettings settings = new Bench.TargetSettings(OptionValues.duration("--settle", settle), tasks, agents, fleetTasks,
                fleetConcurrency, videos, doneRows, pendingRows, OptionValues.duration("--claim-cost-duration", claimCostDuration),
                memoryRows, OptionValues.duration("--memory-duration", memoryDuration), BenchCommand.flags(memoryJvmFlags),
                modelRows, OptionValues.duration("--timeout", timeout), campaignVideos, campaignPace,
                OptionValues.duration("--campaign-archive-after", campaignArchiveAfter), OptionValues.duration("--campaign-window", campaignWindow),
                scaleAgents, fillCells, CoordinatorConfig.DEFAULT_CELL_CAP, OptionValues.duration("--scale-timeout", scaleTimeout));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bench.Report report = Bench.targets(settings, scenarios, line -> {
            err.println("ytdc bench: " + line);
            err.flush();
        });
        out.print(json ? report.json().orElseThrow() + System.lineSeparator() : report.text());
        out.flush();
        return report.passed() ? 0 : ErrorHandler.FAILURE;
    }
}
