package io.github.ytdc.sheets.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service-account JSON key, loaded and checked before anything is sent to Google.
 *
 * <p>Every way a key file can be wrong (missing, unreadable, not JSON, an OAuth client file, another credential
 * type, missing fields, a damaged private key) gets its own message saying what to do. No message and no
 * exception cause ever carries the file's content: parser messages can quote the offending input, which may be
 * the private key, so they are reduced to a line and column.
 *
 * @param clientEmail the service account's e-mail, the address the spreadsheet must be shared with
 * @param credentials the credentials, scoped to {@link SheetsScopes#SPREADSHEETS}
 */
record ServiceAccountKey(String clientEmail, GoogleCredentials credentials) {

    /** Where users learn how to create a key and share the spreadsheet. */
    public static final String HELP = "see credentials/README.md";

    // A real key is about 2.3 KB; anything far larger is not a key, and reading it whole would waste memory.
    private static final long MAX_KEY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Loads the key in {@code file}.
     *
     * @throws SheetsException with {@link Reason#BAD_CREDENTIALS} and an actionable message when it cannot be used
     */
    public static ServiceAccountKey load(Path file) {
        byte[] bytes = read(file);
        JsonNode json = parse(file, bytes);
        checkIsServiceAccountKey(file, json);
        try {
            ServiceAccountCredentials sa = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(bytes));
            return new ServiceAccountKey(sa.getClientEmail(), sa.createScoped(List.of(SheetsScopes.SPREADSHEETS)));
        } catch (IOException | RuntimeException e) {
            // The library's message may describe the key material; name only the failure's type.
            throw bad(file, "holds a service-account key whose private key could not be read ("
                    + e.getClass().getSimpleName() + "); the key is probably damaged or edited. Download a new "
                    + "JSON key for the service account");
        }
    }

    private static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw bad(file, "is a folder, not a JSON key file. Point --credentials (or YTDC_CREDENTIALS / "
                        + "GOOGLE_APPLICATION_CREDENTIALS) at the downloaded service-account .json file");
            }
            if (Files.size(file) > MAX_KEY_BYTES) {
                throw bad(file, "is " + Files.size(file) + " bytes, far too large for a service-account key");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw bad(file, "does not exist. Download a service-account JSON key from the Google Cloud console "
                    + "and pass its path with --credentials (or YTDC_CREDENTIALS / GOOGLE_APPLICATION_CREDENTIALS)");
        } catch (AccessDeniedException e) {
            throw bad(file, "cannot be read by this user (permission denied). Make it readable by the account "
                    + "ytdc runs as, e.g. chmod 640 and chgrp to that user's group");
        } catch (IOException e) {
            throw bad(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode parse(Path file, byte[] bytes) {
        try {
            JsonNode json = JSON.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw bad(file, "is not a JSON object, so it is not a service-account key");
            }
            return json;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw bad(file, "is not valid JSON" + where + ". Download the service-account key again as JSON");
        } catch (IOException e) {
            throw bad(file, "cannot be read as JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void checkIsServiceAccountKey(Path file, JsonNode json) {
        if (json.has("installed") || json.has("web")) {
            throw bad(file, "is an OAuth client file (client_secret_*.json), not a service-account key. "
                    + "Create a service account, add a JSON key to it, and use that file instead");
        }
        String type = json.path("type").asText("");
        if (!type.equals("service_account")) {
            String what = type.isEmpty() ? "has no \"type\" field" : "is a '" + type + "' credential";
            throw bad(file, what + ", but ytdc needs a service-account key (\"type\": \"service_account\")");
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("client_email", "private_key", "private_key_id")) {
            if (json.path(field).asText("").isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw bad(file, "is a service-account key without " + String.join(", ", missing)
                    + "; it was probably edited. Download a new JSON key for the service account");
        }
    }

    private static SheetsException bad(Path file, String problem) {
        return new SheetsException(Reason.BAD_CREDENTIALS, 0,
                "Credentials file " + file + " " + problem + " (" + HELP + ").");
    }

    /** Where these credentials fetch their access tokens (the key's {@code token_uri}). */
    String tokenUri() {
        return String.valueOf(((ServiceAccountCredentials) credentials).getTokenServerUri());
    }

    /**
     * These credentials, fetching their tokens over {@code transport} and without the auth library's own retries
     * (three, with a backoff of its own): the port retries a failed token request like any request that was never
     * sent, within its own patience.
     */
    GoogleCredentials fetchingTokensOver(com.google.api.client.http.HttpTransport transport) {
        return ((ServiceAccountCredentials) credentials).toBuilder().setHttpTransportFactory(() -> transport)
                .setDefaultRetriesEnabled(false).build();
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + "]";
    }
}
