package io.github.ytdc.cli;

import io.github.ytdc.coord.TabNames;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.connect.Spreadsheets;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import picocli.CommandLine.Mixin;

/**
 * Which spreadsheet and what its tabs are called: the options of every command that reads or writes the sheet, so
 * that agents, {@code init}, {@code sources}, {@code status}, {@code requeue} and {@code doctor} all look at the same
 * tabs.
 */
final class SheetOptions {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    TabOptions tabs;

    /** The connection these options select. */
    public ConnectionSettings settings() {
        return connection.settings();
    }

    /** The tab titles chosen. */
    public TabNames tabNames() {
        return tabs.tabNames();
    }

    /**
     * Opens the spreadsheet for {@code init}, the one command that may create it: a missing local spreadsheet is
     * created. Like every command a person waits for, it gives up within seconds on an endpoint that does not answer.
     */
    public SpreadsheetPort openOrCreate() {
        return open(settings(), true);
    }

    /**
     * Opens the spreadsheet for a command that must not create it: a missing local one is an error naming
     * {@code ytdc init}. Gives up within seconds on an endpoint that does not answer.
     */
    public SpreadsheetPort openExisting() {
        return open(settings(), false);
    }

    /** The port an interactive command uses: {@link GoogleSpreadsheetPort.Builder#interactive()} for the Sheets API. */
    static SpreadsheetPort open(ConnectionSettings settings, boolean create) {
        if (settings.backend() == ConnectionSettings.Backend.LOCAL) {
            return create ? Spreadsheets.open(settings) : Operations.openExisting(settings);
        }
        return GoogleSpreadsheetPort.builder(settings).interactive().build();
    }
}
