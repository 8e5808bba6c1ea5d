package io.github.ytdc.cli;

import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.ops.Operations.DoctorOptions;
import io.github.ytdc.media.ytdlp.Pacing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytdc doctor}: one line per check with the fix; exits 1 when any check fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Check that this host can run an agent.",
            "",
            "Checks credentials, spreadsheet access, tabs and columns; yt-dlp (new enough for YouTube, with its "
                    + "challenge-solver scripts, its age and channel), the JavaScript runtime YouTube needs, and "
                    + "optionally a real extraction (--canary); ffmpeg, free disk in the output folder, and this "
                    + "host's clock against the timestamps agents wrote.",
            "Prints one line per check: PASS, WARN, FAIL (with the fix) or SKIP. Exits 1 if any check fails."
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SheetOptions sheet;

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    ColourOption colour;

    @Mixin
    ToolPathOptions toolPaths;

    @Mixin
    ToolsOptions toolsOptions;

    @Option(names = "--canary", paramLabel = "URL",
            description = "Also extract this video for real, as agents run yt-dlp, and check that formats above 360p "
                    + "come back with no challenge warnings (needs the internet).")
    String canary;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "${env:YTDC_OUTPUT:-.}",
            description = "The download folder whose free space to check (default: ${DEFAULT-VALUE}). Env: YTDC_OUTPUT.")
    Path output;

    @Option(names = "--min-free-disk", paramLabel = "SIZE", defaultValue = "${env:YTDC_MIN_FREE_DISK:-1G}",
            description = "Fail the disk check below this much free space (default: ${DEFAULT-VALUE}). "
                    + "Env: YTDC_MIN_FREE_DISK.")
    String minFree;

    Clock clock = Clock.systemUTC();
    ToolDiscovery tools = ToolDiscovery.system();
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        verbosity.apply();
        DoctorOptions options = new DoctorOptions(sheet.settings(), sheet.tabNames(), toolPaths.ytDlp(), toolPaths.ffmpeg(), output,
                OptionValues.size("--min-free-disk", minFree), DoctorOptions.DEFAULT_MAX_SKEW, toolsOptions.jsRuntime(), canary);
        Operations.Printout result = new Operations(clock, colour.enabled()).doctor(options,
                s -> SheetOptions.open(s, false), tools, toolsOptions.setup(env, clock),
                toolsOptions.extras(Pacing.defaults()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.out());
        out.flush();
        return result.ok() ? 0 : ErrorHandler.FAILURE;
    }
}
