package io.github.ytdc.cli;

import io.github.ytdc.sheets.ConnectionSettings;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that touches the spreadsheet shares; each also reads a {@code YTDC_...} variable. */
final class ConnectionOptions {
    @Option(names = "--spreadsheet", paramLabel = "ID", defaultValue = "${env:YTDC_SPREADSHEET}",
            description = "Spreadsheet id (the long token in its URL). Env: YTDC_SPREADSHEET.")
    String spreadsheetId;

    @Option(names = "--credentials", paramLabel = "FILE",
            defaultValue = "${env:YTDC_CREDENTIALS:-${env:GOOGLE_APPLICATION_CREDENTIALS}}",
            description = "Service-account JSON key. Env: YTDC_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS.")
    Path credentials;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:YTDC_ENDPOINT}",
            description = "Sheets API root URL, e.g. the emulator's http://127.0.0.1:8089/. Env: YTDC_ENDPOINT.")
    URI endpoint;

    @Option(names = "--local", paramLabel = "DIR", defaultValue = "${env:YTDC_LOCAL}",
            description = "Local-mode folder, used when neither --credentials nor --endpoint is given "
                    + "(default: ./ytdc-data). Env: YTDC_LOCAL.")
    Path localDir;

    /** The settings these options select. */
    public ConnectionSettings settings() {
        return new ConnectionSettings(blankToNull(spreadsheetId), credentials, endpoint, localDir);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
