package io.github.ytdc.cli;

import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.ops.SheetReader;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.Spreadsheets;
import picocli.CommandLine.Mixin;

/**
 * Which spreadsheet and what its tabs are called: the options of every command that reads or writes the sheet, so
 * that agents, {@code init}, {@code sources}, {@code status}, {@code requeue} and {@code doctor} all look at the same
 * tabs.
 */
public final class SheetOptions {
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

    /** Opens the spreadsheet; a missing local one is created (for commands that write, like {@code init}). */
    public SpreadsheetPort open() {
        return Spreadsheets.open(settings());
    }

    /** Opens the spreadsheet for a command that must not create it (a missing local one says to run {@code init}). */
    public SpreadsheetPort openExisting() {
        return SheetReader.openExisting(settings());
    }
}
