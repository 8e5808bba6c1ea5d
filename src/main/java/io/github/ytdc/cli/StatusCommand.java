package io.github.ytdc.cli;

import io.github.ytdc.ops.Operations;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytdc status}: progress per source, workers, dead letters; once, or refreshed with {@code --watch}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Show progress, agents and dead letters.",
            "",
            "Shows progress per source (done, pending, running, dead-lettered, rate, ETA), the agents with their "
                    + "last-seen age and what they hold, and a summary of dead letters, from one read of the "
                    + "spreadsheet.",
            "Rows it cannot read (odd statuses, bad timestamps, missing columns) are listed under Problems."
        })
final class StatusCommand implements Callable<Integer> {
    private static final String CLEAR_SCREEN = "\u001B[H\u001B[2J";

    @Spec
    CommandSpec spec;

    @Mixin
    SheetOptions sheet;

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    ColourOption colour;

    @Option(names = "--json", description = "Print JSON for scripts (shape documented in StatusJson; key 'schema' = 1).")
    boolean json;

    @Option(names = "--watch", paramLabel = "INTERVAL", arity = "0..1", fallbackValue = "10s",
            description = "Refresh every INTERVAL (default 10s) until Ctrl-C.")
    String watch;

    // Seams for tests: time and waiting are injected, and a watch can be bounded.
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    int maxRefreshes;

    @Override
    public Integer call() throws InterruptedException {
        verbosity.apply();
        Duration interval = watch == null ? null : OptionValues.positiveDuration("--watch", watch);
        boolean ansi = colour.enabled();
        PrintWriter out = spec.commandLine().getOut();
        Operations ops = new Operations(clock, ansi);
        try (SpreadsheetPort port = sheet.openExisting()) {
            for (int shown = 1; ; shown++) {
                String text;
                try {
                    text = ops.status(port, sheet.tabNames(), json);
                } catch (SheetsException e) {
                    if (interval == null || !e.retryable()) {
                        throw e;
                    }
                    // A watch outlives a quota error or a brief outage: say so and try again next round.
                    spec.commandLine().getErr().println("ytdc: could not refresh (" + e.getMessage() + "); retrying in "
                            + Durations.format(interval));
                    spec.commandLine().getErr().flush();
                    text = null;
                }
                if (text != null) {
                    if (interval != null && ansi && !json) {
                        out.print(CLEAR_SCREEN);
                    }
                    out.print(text);
                    out.flush();
                }
                if (interval == null || (maxRefreshes > 0 && shown >= maxRefreshes)) {
                    return 0;
                }
                sleeper.sleep(interval);
                if (Thread.currentThread().isInterrupted()) {
                    return 0;
                }
            }
        }
    }
}
