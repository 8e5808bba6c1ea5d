package io.github.ytdc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.model.AddSheetRequest;
import com.google.api.services.sheets.v4.model.BatchUpdateSpreadsheetRequest;
import com.google.api.services.sheets.v4.model.Request;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.ValueRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real Google Java client (gzip bodies, its own range encoding) talking to the emulator. */
class GoogleClientAgainstEmulatorTest {

    @Test
    void the_google_client_writes_appends_and_reads_through_the_emulators_root_url() throws Exception {
        try (SheetsEmulator emulator = SheetsEmulator.builder().create("g").start()) {
            Sheets sheets = new Sheets.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), null)
                    .setApplicationName("ytdc-test").setRootUrl(emulator.baseUrl()).build();
            sheets.spreadsheets().batchUpdate("g", new BatchUpdateSpreadsheetRequest().setRequests(List.of(
                    new Request().setAddSheet(new AddSheetRequest().setProperties(new SheetProperties().setTitle("Q#1 & Co+/ü"))))))
                    .execute();
            sheets.spreadsheets().values().update("g", "'Q#1 & Co+/ü'!A1", new ValueRange().setValues(List.of(List.of("ID", "=x"))))
                    .setValueInputOption("RAW").execute();
            var append = sheets.spreadsheets().values().append("g", "'Q#1 & Co+/ü'!A1",
                    new ValueRange().setValues(List.of(List.of("v1", "t1")))).setValueInputOption("RAW")
                    .setInsertDataOption("INSERT_ROWS").execute();
            assertEquals("'Q#1 & Co+/ü'!A2:B2", append.getUpdates().getUpdatedRange());
            ValueRange read = sheets.spreadsheets().values().get("g", "'Q#1 & Co+/ü'!A1:B").execute();
            assertEquals(List.of(List.of("ID", "=x"), List.of("v1", "t1")), read.getValues());
            assertNull(sheets.spreadsheets().values().get("g", "Sheet1!A1").execute().getValues());
            GoogleJsonResponseException e = assertThrows(GoogleJsonResponseException.class,
                    () -> sheets.spreadsheets().values().get("g", "Nope!A1").execute());
            assertEquals(400, e.getStatusCode());
            assertEquals("Unable to parse range: Nope!A1", e.getDetails().getMessage());
            assertEquals(1, emulator.stats().count("values.append"));
        }
    }
}
