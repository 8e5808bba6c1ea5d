package io.github.ytdc.sheets.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
    @TempDir
    Path dir;

    @Test
    void a_damaged_file_is_reported_and_never_overwritten() throws Exception {
        Files.writeString(dir.resolve(LocalStore.DATA_FILE), "{\"spreadsheetId\": \"local\", \"she");
        SheetsException e = assertThrows(SheetsException.class, () -> LocalSpreadsheetPort.open(dir));
        assertEquals(Reason.STORAGE, e.reason());
        assertTrue(e.getMessage().contains("is damaged and was left untouched"), e.getMessage());
        assertEquals("{\"spreadsheetId\": \"local\", \"she", Files.readString(dir.resolve(LocalStore.DATA_FILE)));
    }

    @Test
    void a_change_by_another_process_is_seen_and_an_unchanged_file_is_not_reread() throws Exception {
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "mine")));
            // Replace the file behind the store's back without bumping the generation: a store that rereads
            // on every call would see this; ours must not (it trusts the counter).
            Path file = dir.resolve(LocalStore.DATA_FILE);
            Files.writeString(file, Files.readString(file).replace("mine", "edit"));
            assertEquals(List.of(List.of("mine")), port.batchGet(List.of("Sheet1!A1")).get(0).rows());

            // Now another process's write: it bumps the generation in the lock file, so the next read reloads.
            try (var lock = java.nio.channels.FileChannel.open(dir.resolve(LocalStore.LOCK_FILE),
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
                lock.read(buf, 0);
                long generation = buf.flip().getLong();
                lock.write(java.nio.ByteBuffer.allocate(8).putLong(generation + 1).flip(), 0);
            }
            assertEquals(List.of(List.of("edit")), port.batchGet(List.of("Sheet1!A1")).get(0).rows());
        }
    }

    @Test
    void a_refused_write_keeps_the_model_and_the_file() throws Exception {
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "kept")));
            byte[] before = Files.readAllBytes(dir.resolve(LocalStore.DATA_FILE));
            assertThrows(SheetsException.class, () -> port.batchUpdateValues(List.of(
                    RangeWrite.cell("Sheet1!A1", "lost"), RangeWrite.cell("Nope!A1", "x"))));
            assertEquals(List.of(List.of("kept")), port.batchGet(List.of("Sheet1!A1")).get(0).rows());
            assertEquals(new String(before), Files.readString(dir.resolve(LocalStore.DATA_FILE)));
        }
    }
}
