package io.github.ytdc.cli;

import io.github.ytdc.toolchain.ToolchainSetup;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytdc tools install|status}: the managed yt-dlp and JavaScript runtime. */
@Command(name = "tools", mixinStandardHelpOptions = true,
        description = {
            "Install, update or show the yt-dlp and JavaScript runtime ytdc manages.",
            "",
            "install: installs the latest yt-dlp of the channel (verified against the release's SHA2-256SUMS) and deno "
                    + "(unless a supported runtime is found), or updates them; safe to run while agents download: "
                    + "running downloads keep their version. update: the same. status: what is installed and what "
                    + "agents would use. Exits 1 if an install failed."
        })
final class ToolsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    ToolsOptions tools;

    @Mixin
    ToolPathOptions toolPaths;

    @Parameters(index = "0", paramLabel = "ACTION", defaultValue = "status",
            description = "install, update or status (default: ${DEFAULT-VALUE})")
    String action;

    @Option(names = "--deno", description = "install deno even when another supported runtime is found")
    boolean alwaysDeno;

    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        verbosity.apply();
        ToolchainSetup setup = tools.setup(env, clock);
        PrintWriter out = spec.commandLine().getOut();
        int exit = 0;
        switch (action) {
            case "install", "update" -> {
                out.println("Installing into " + setup.config().toolsDir() + " (yt-dlp " + setup.config().channel()
                        + " from " + setup.config().ytDlpReleaseUrl() + ")");
                out.flush();
                ToolchainSetup.InstallReport report = setup.installAll(alwaysDeno, tools.jsRuntime());
                report.lines().forEach(out::println);
                if (report.failed()) {
                    exit = ErrorHandler.FAILURE;
                }
            }
            case "status" -> { }
            default -> throw new IllegalArgumentException("unknown action '" + action + "'; use install, update or status");
        }
        ToolchainSetup.Choice c = setup.choose(toolPaths.ytDlp(), tools.jsRuntime());
        out.println("yt-dlp:     " + (c.report().usable() ? c.report().version() + " at " + c.report().path() + " (via "
                + c.report().foundVia() + ")" : String.join("; ", c.report().problems())));
        out.println("js-runtime: " + c.runtimeSummary());
        out.println("managed:    " + setup.describeInstalled());
        out.println("Run 'ytdc doctor' to check that this toolchain can download from YouTube.");
        out.flush();
        return exit;
    }
}
