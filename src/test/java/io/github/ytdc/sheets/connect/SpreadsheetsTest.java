package io.github.ytdc.sheets.connect;

import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetsTest {
    @TempDir
    Path dir;

    @Test
    void neither_credentials_nor_endpoint_opens_the_local_spreadsheet_in_the_given_folder() {
        try (SpreadsheetPort port = Spreadsheets.open(ConnectionSettings.local(dir.resolve("store")))) {
            assertInstanceOf(LocalSpreadsheetPort.class, port);
            assertEquals("local", port.spreadsheetId());
            assertEquals("ytdc", port.getInfo().title());
        }
        assertTrue(Files.exists(dir.resolve("store").resolve("spreadsheet.json")));
    }

    @Test
    void an_endpoint_opens_the_google_client_on_it() {
        try (SheetsEmulator emulator = SheetsEmulator.builder().port(0).create("sheet-1").start();
             SpreadsheetPort port = Spreadsheets.open(
                     new ConnectionSettings("sheet-1", null, URI.create(emulator.baseUrl()), null))) {
            assertInstanceOf(GoogleSpreadsheetPort.class, port);
            assertEquals("Sheet1", port.getInfo().tabs().get(0).title());
        }
    }

    @Test
    void an_endpoint_without_a_spreadsheet_id_says_how_to_give_one() {
        SheetsException e = assertThrows(SheetsException.class, () -> Spreadsheets.open(
                new ConnectionSettings(null, null, URI.create("http://127.0.0.1:9/"), null)));
        assertTrue(e.getMessage().contains("--spreadsheet") && e.getMessage().contains("YTDC_SPREADSHEET"), e.getMessage());
    }

    @Test
    void google_with_a_missing_key_fails_before_any_request() {
        SheetsException e = assertThrows(SheetsException.class, () -> Spreadsheets.open(
                new ConnectionSettings("abc", dir.resolve("missing.json"), null, null)));
        assertEquals(Reason.BAD_CREDENTIALS, e.reason());
    }

    @Test
    void descriptions_name_the_backend_and_leave_secrets_out() {
        assertEquals("local spreadsheet in " + dir.resolve("d"), Spreadsheets.describe(ConnectionSettings.local(dir.resolve("d"))));
        assertEquals("Google Sheets spreadsheet abc with key /keys/sa.json",
                Spreadsheets.describe(new ConnectionSettings("abc", Path.of("/keys/sa.json"), null, null)));
        String endpoint = Spreadsheets.describe(
                new ConnectionSettings("abc", null, URI.create("http://user:s3cret@proxy.test:8080/"), null));
        assertEquals("spreadsheet abc at http://proxy.test:8080/", endpoint);
        assertFalse(endpoint.contains("s3cret"));
    }
}
