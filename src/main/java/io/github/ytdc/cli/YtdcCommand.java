package io.github.ytdc.cli;

import io.github.ytdc.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ytdc} command: lists the subcommands, prints usage when called bare. */
@Command(
        name = "ytdc",
        mixinStandardHelpOptions = true,
        versionProvider = YtdcCommand.VersionProvider.class,
        description = {
            "Download YouTube (and any yt-dlp site) at scale: identical agents on many hosts share one "
                    + "Google Spreadsheet as their queue.",
            "With no Google credentials, every command works on a local spreadsheet (folder ytdc-data)."
        },
        subcommands = {
            InitCommand.class,
            SourcesCommand.class,
            AgentCommand.class,
            StatusCommand.class,
            RequeueCommand.class,
            DoctorCommand.class,
            ToolsCommand.class,
            EmulatorCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
final class YtdcCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * A configured command line: exit codes mapped, business errors printed without stack traces, and a mistake in
     * the arguments printed as one line instead of the whole usage.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new YtdcCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints {@code ytdc <version>} plus the Java runtime. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "ytdc " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
