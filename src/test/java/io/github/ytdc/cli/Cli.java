package io.github.ytdc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs {@code ytdc} in-process as {@link Main} would, capturing stdout, stderr and the exit code. */
final class Cli {
    final int exitCode;
    final String out;
    final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        return run(cl -> {}, args);
    }

    /** As {@link #run(String...)}, letting the test configure the command line (e.g. a subcommand's seams) first. */
    static Cli run(Consumer<CommandLine> configure, String... args) {
        CommandLine cl = YtdcCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        configure.accept(cl);
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    static <T> T command(CommandLine cl, String name) {
        return (T) cl.getSubcommands().get(name).getCommand();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
