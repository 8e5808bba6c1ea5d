package io.github.ytdc.cli;

import picocli.CommandLine;

/** Entry point of {@code ytdc.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(YtdcCommand.commandLine().execute(args));
    }
}
