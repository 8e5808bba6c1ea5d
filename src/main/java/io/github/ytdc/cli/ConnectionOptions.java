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
        // An empty value (YTDC_ENDPOINT= in an env file) is no value: it must not switch local mode to Google.
        URI api = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
        if (api != null && !isHttpUrl(api)) {
            throw new IllegalArgumentException("--endpoint " + api + ": expected the Sheets API's root URL, e.g. "
                    + "http://127.0.0.1:8089/ for the emulator");
        }
        return new ConnectionSettings(blankToNull(spreadsheetId), blankToNull(credentials), api, blankToNull(localDir));
    }

    private static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Path blankToNull(Path p) {
        return p == null || p.toString().isBlank() ? null : p;
    }
}
