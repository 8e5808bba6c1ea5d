package io.github.ytdc.sheets.connect;

import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the {@link SpreadsheetPort} that {@link ConnectionSettings} select. */
public final class Spreadsheets {
    private static final Logger LOG = LoggerFactory.getLogger(Spreadsheets.class);

    private Spreadsheets() {}

    /**
     * The port for {@code settings}: local mode, Google with a service-account key, or the Sheets API at an
     * endpoint (the emulator). A bad key, a missing spreadsheet id or an unusable local folder fails here with a
     * {@link io.github.ytdc.sheets.SheetsException} saying what to fix, before any request.
     */
    public static SpreadsheetPort open(ConnectionSettings settings) {
        return switch (settings.backend()) {
            case LOCAL -> {
                if (settings.spreadsheetId() != null && !settings.spreadsheetId().equals(LocalSpreadsheetPort.SPREADSHEET_ID)) {
                    LOG.warn("Spreadsheet id {} ignored: without --credentials or --endpoint ytdc uses the local "
                            + "spreadsheet in {}", settings.spreadsheetId(), settings.localDirOrDefault().toAbsolutePath());
                }
                yield LocalSpreadsheetPort.open(settings.localDirOrDefault());
            }
            case GOOGLE, ENDPOINT -> GoogleSpreadsheetPort.open(settings);
        };
    }

    /** A one-line description for logs, e.g. {@code Google Sheets spreadsheet 1AbC... with key sa.json}; no secrets. */
    public static String describe(ConnectionSettings settings) {
        return switch (settings.backend()) {
            case LOCAL -> "local spreadsheet in " + settings.localDirOrDefault().toAbsolutePath().normalize();
            case GOOGLE -> "Google Sheets spreadsheet " + orMissing(settings.spreadsheetId()) + " with key "
                    + settings.credentials();
            case ENDPOINT -> "spreadsheet " + orMissing(settings.spreadsheetId()) + " at " + withoutUserInfo(settings)
                    + (settings.credentials() == null ? "" : " with key " + settings.credentials());
        };
    }

    private static String orMissing(String id) {
        return id == null ? "(no id given)" : id;
    }

    // A URL may carry user:password; it never goes into a log line.
    private static String withoutUserInfo(ConnectionSettings settings) {
        var uri = settings.endpoint();
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }
}
