package io.github.ytdc.sheets;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the spreadsheet lives. Exactly one backend is chosen: with {@code endpoint} the Google client talks to
 * that root URL (the emulator, or a proxy); with {@code credentials} it talks to Google; with neither, local
 * mode stores the spreadsheet in {@code localDir}.
 *
 * @param spreadsheetId the spreadsheet id (required for Google and the emulator; optional for local mode)
 * @param credentials   a service-account JSON key file, or {@code null}
 * @param endpoint      a root URL overriding {@code https://sheets.googleapis.com/}, or {@code null}
 * @param localDir      the local-mode folder, {@code ./ytdc-data} when {@code null}
 */
public record ConnectionSettings(String spreadsheetId, Path credentials, URI endpoint, Path localDir) {

    /** The default local-mode folder. */
    public static final Path DEFAULT_LOCAL_DIR = Path.of("ytdc-data");

    /** Which backend these settings select. */
    public enum Backend { LOCAL, GOOGLE, ENDPOINT }

    public Backend backend() {
        if (endpoint != null) {
            return Backend.ENDPOINT;
        }
        return credentials != null ? Backend.GOOGLE : Backend.LOCAL;
    }

    public Path localDirOrDefault() {
        return Optional.ofNullable(localDir).orElse(DEFAULT_LOCAL_DIR);
    }

    /** Local mode in the given folder. */
    public static ConnectionSettings local(Path dir) {
        return new ConnectionSettings(null, null, null, dir);
    }

    /**
     * Google Sheets with a service-account key.
     *
     * @param spreadsheetId the token between {@code /d/} and {@code /edit} in the sheet's URL
     * @param keyFile       the service account's JSON key
     * @return the settings
     */
    public static ConnectionSettings google(String spreadsheetId, Path keyFile) {
        return new ConnectionSettings(spreadsheetId, keyFile, null, null);
    }

    /**
     * The Sheets API at another root URL, such as {@code ytdc emulator}'s.
     *
     * @param spreadsheetId the spreadsheet's id there
     * @param endpoint      the root URL, e.g. {@code http://127.0.0.1:8085/}
     * @return the settings
     */
    public static ConnectionSettings endpoint(String spreadsheetId, URI endpoint) {
        return new ConnectionSettings(spreadsheetId, null, endpoint, null);
    }
}
