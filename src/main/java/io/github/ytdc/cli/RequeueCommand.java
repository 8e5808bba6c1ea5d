package io.github.ytdc.cli;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.ops.Operations.RequeueRequest;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytdc requeue}: dead-lettered (or, with {@code --stalled}, stalled) rows back to pending. */
@Command(name = "requeue", mixinStandardHelpOptions = true,
        description = {
            "Put dead-lettered (or stalled) rows back to pending.",
            "",
            "A requeued row gets RetryCount 0 and blank claim columns, NotBefore and LastError. A dead letter whose "
                    + "work row is gone is appended back to its work tab. The dead-letter copy is cleared (its cells "
                    + "blanked), so the row can be dead-lettered again later.",
            "With --stalled, requeues in-progress rows whose lease (HeartbeatAt, else ClaimedAt) is older than "
                    + "--stall-timeout instead (their agent died); RetryCount is kept.",
            "Rows are found by ID in a fresh read, never by remembered position. Prints every row it moved."
        })
final class RequeueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SheetOptions sheet;

    @Mixin
    VerbosityOptions verbosity;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these IDs (video or source IDs).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--source", paramLabel = "ID", description = "Only this source and its videos.")
    String source;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only 'video' or 'source' rows (default: both).")
    String kind;

    @Option(names = "--stalled", description = "Requeue stalled in-progress rows instead of dead letters.")
    boolean stalled;

    @Option(names = "--stall-timeout", paramLabel = "DURATION",
            description = "With --stalled: a lease older than this has expired (default: the agents' default, "
                    + "10m). Use the value your agents run with.")
    String stallTimeout;

    @Option(names = "--dry-run", description = "Only print what would be requeued.")
    boolean dryRun;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        verbosity.apply();
        if (stallTimeout != null && !stalled) {
            throw new IllegalArgumentException("--stall-timeout only applies with --stalled");
        }
        RequeueRequest request = new RequeueRequest(
                stalled ? RequeueRequest.Mode.STALLED : RequeueRequest.Mode.DEAD_LETTERS,
                kind == null ? null : java.util.EnumSet.of(kind(kind)), source, new HashSet<>(ids),
                stallTimeout == null ? CoordinatorConfig.DEFAULT_STALL_TIMEOUT : OptionValues.duration("--stall-timeout", stallTimeout), dryRun);
        Operations.Printout result;
        try (SpreadsheetPort port = sheet.openExisting()) {
            result = new Operations(clock).requeue(port, sheet.tabNames(), request);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.out());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.print(result.err());
        err.flush();
        return result.ok() ? 0 : ErrorHandler.FAILURE;
    }

    private static TaskKind kind(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "video", "videos" -> TaskKind.VIDEO;
            case "source", "sources" -> TaskKind.SOURCE;
            default -> throw new IllegalArgumentException("--kind must be 'video' or 'source', not '" + text + "'");
        };
    }
}
