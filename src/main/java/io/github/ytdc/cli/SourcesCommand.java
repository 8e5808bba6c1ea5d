package io.github.ytdc.cli;

import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.connect.Spreadsheets;
import io.github.ytdc.sources.SourceImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytdc sources add|import}: puts channels and playlists into the Sources tab. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "Add sources (channels, playlists, videos, any URL yt-dlp supports) to the Sources tab.",
        subcommands = {SourcesCommand.Add.class, SourcesCommand.Import.class})
final class SourcesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ytdc sources add URL [--field K=V]...}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {
                "Add one source to the Sources tab.",
                "",
                "The URL is checked and normalised (@handle, youtube.com/@handle, /channel/UC..., /c/name, /user/name, "
                        + "playlist?list=, watch?v=, youtu.be/, shorts/, or any http(s) URL yt-dlp supports). A source "
                        + "already in the sheet is reported and left alone (exit code 0)."
            })
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SheetOptions sheet;

        @Mixin
        VerbosityOptions verbosity;

        @Parameters(index = "0", paramLabel = "URL", description = "The channel, playlist or video.")
        String url;

        @Option(names = "--field", paramLabel = "NAME=VALUE",
                description = "A further column for the row, e.g. --field Accent=british (repeatable); a column the "
                        + "sheet lacks is added to Sources and Video Tasks.")
        Map<String, String> fields = new LinkedHashMap<>();

        @Override
        public Integer call() {
            verbosity.apply();
            SourceImporter.Source parsed = SourceImporter.parseUrl(url);
            Map<String, String> columns = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (k.isBlank()) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--field needs a column name: NAME=VALUE, got '=" + v + "'");
                }
                String name = k.strip();
                if (SourceImporter.writtenByYtdc(name)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--field " + name + "=" + v
                            + ": ytdc writes the " + name + " column itself; --field sets your own columns (e.g. "
                            + "Accent), MaxVideos and Resync");
                }
                columns.put(name, v.strip());
            });
            ConnectionSettings settings = sheet.settings();
            PrintWriter out = spec.commandLine().getOut();
            try (SpreadsheetPort port = sheet.openExisting()) {
                SourceImporter.AddResult r = new SourceImporter(port, sheet.tabNames())
                        .add(parsed, columns);
                if (r.added()) {
                    out.println("Added " + parsed.url() + " (" + parsed.kind() + ") as row "
                            + r.row() + " of " + sheet.tabNames().sources() + ".");
                } else {
                    out.println("Already there: " + parsed.url() + " is row " + r.row() + " of "
                            + sheet.tabNames().sources() + "; nothing added.");
                }
                parsed.playlistAlongside().ifPresent(playlist -> out.println(capitalized(
                        SourceImporter.playlistNote(playlist))));
            }
            return 0;
        }
    }

    private static String capitalized(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** {@code ytdc sources import FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {
                "Import sources from a text, CSV or JSON file.",
                "",
                "Formats: URL|Accent|Type lines with # comments (the Python tool's sources.txt), CSV with a header "
                        + "(url or channel_url plus any columns), or JSON ({\"channels\": [...]} or a list of objects "
                        + "with url).",
                "Sources already in the sheet are skipped. Bad lines are reported with their line number and the good "
                        + "ones still go in; the exit code is 1 when any line was rejected."
            })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SheetOptions sheet;

        @Mixin
        VerbosityOptions verbosity;

        @Parameters(index = "0", paramLabel = "FILE", description = "The sources file (.txt, .csv or .json).")
        Path file;

        @Option(names = "--txt-columns", paramLabel = "NAME", split = ",",
                description = "Names of the fields after the URL in text lines (default: Accent,Type).")
        List<String> txtColumns = SourceImporter.DEFAULT_TXT_COLUMNS;

        @Override
        public Integer call() {
            verbosity.apply();
            SourceImporter.ParsedFile parsed = SourceImporter.parseFile(file, txtColumns);
            try (SpreadsheetPort port = sheet.openExisting()) {
                SourceImporter.ImportSummary summary = new SourceImporter(port, sheet.tabNames()).importSources(parsed);
                PrintWriter out = spec.commandLine().getOut();
                out.println(file + ": " + summary.render());
                summary.notes().forEach(note -> out.println(file + ": " + note));
                return summary.hasRejections() ? ErrorHandler.FAILURE : 0;
            }
        }
    }
}
