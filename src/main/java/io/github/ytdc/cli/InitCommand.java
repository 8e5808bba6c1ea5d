package io.github.ytdc.cli;

import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.connect.Spreadsheets;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ytdc init}: prepares a spreadsheet (tabs, headers, missing columns, frozen header, dropdowns, colours). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {
            "Prepare the spreadsheet for ytdc; safe to run again.",
            "",
            "Creates missing tabs and headers and adds missing columns to existing tabs (a sheet of the Python tool "
                    + "keeps its data), freezes header rows, puts a status dropdown on Status columns and colours rows "
                    + "by status. Only what is missing is added."
        })
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SheetOptions sheet;

    @Mixin
    VerbosityOptions verbosity;

    @Override
    public Integer call() {
        verbosity.apply();
        ConnectionSettings settings = sheet.settings();
        PrintWriter out = spec.commandLine().getOut();
        try (SpreadsheetPort port = sheet.openOrCreate()) {
            SheetInitializer initializer = new SheetInitializer(port, sheet.tabNames());
            SheetInitializer.Report report = initializer.initialize();
            // Every grid cell counts against Google's 10,000,000-cell cap, used or not.
            SheetInitializer.Trimmed trim = initializer.trimGrid(report.headers());
            out.println("Spreadsheet: " + Spreadsheets.describe(settings));
            list(out, "Trimmed unused columns of", trim.trimmedTabs());
            if (trim.deletedSheet1()) {
                out.println("Deleted the empty default tab Sheet1");
            }
            if (!report.changed()) {
                out.println("Already prepared: nothing to do.");
                return 0;
            }
            list(out, "Created tabs", report.createdTabs());
            for (Map.Entry<String, List<String>> e : report.addedColumns().entrySet()) {
                out.println("Added columns to " + e.getKey() + ": " + String.join(", ", e.getValue()));
            }
            list(out, "Formatted (frozen header, status dropdown, colours)", report.formattedTabs());
        }
        return 0;
    }

    private static void list(PrintWriter out, String what, List<String> items) {
        if (!items.isEmpty()) {
            out.println(what + ": " + String.join(", ", items));
        }
    }
}
