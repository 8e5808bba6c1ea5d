package io.github.ytdc.sheets.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.sheets.memory.Spreadsheet;
import io.github.ytdc.util.OperationLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder behind local mode: snapshot plus operation log. Two stores on one folder stand for two processes (file
 * locks are per JVM, but these tests never overlap their calls).
 */
class LocalStoreTest {
    @TempDir
    Path dir;

    private LocalStore store(long minCompactionBytes) {
        return new LocalStore(dir, LocalSpreadsheetPort.SPREADSHEET_ID, LocalSpreadsheetPort.TITLE, true,
                minCompactionBytes);
    }

    private static void write(LocalStore store, String cell, String value) {
        store.write(s -> {
            new InMemorySpreadsheetPort(s).batchUpdateValues(List.of(RangeWrite.cell(cell, value)));
            return null;
        });
    }

    private static void append(LocalStore store, String value) {
        store.write(s -> new InMemorySpreadsheetPort(s).append("Sheet1!A1", List.of(List.of(value, "x".repeat(200)))));
    }

    private static List<List<String>> read(LocalStore store, String range) {
        return store.read(s -> new InMemorySpreadsheetPort(s).batchGet(List.of(range)).get(0).rows());
    }

    private static List<String> column(LocalStore store) {
        List<String> out = new ArrayList<>();
        read(store, "Sheet1!A1:A").forEach(r -> out.add(r.isEmpty() ? "" : r.get(0)));
        return out;
    }

    @Test
    void a_damaged_file_is_reported_and_never_overwritten() throws Exception {
        Files.writeString(dir.resolve(LocalStore.DATA_FILE), "{\"spreadsheetId\": \"local\", \"she");
        SheetsException e = assertThrows(SheetsException.class, () -> LocalSpreadsheetPort.open(dir));
        assertEquals(Reason.STORAGE, e.reason());
        assertTrue(e.getMessage().contains("is damaged and was left untouched"), e.getMessage());
        assertEquals("{\"spreadsheetId\": \"local\", \"she", Files.readString(dir.resolve(LocalStore.DATA_FILE)));
    }

    @Test
    void writes_append_to_the_log_and_another_process_replays_them_without_rereading_the_snapshot() throws Exception {
        try (LocalStore a = store(1 << 30); LocalStore b = store(1 << 30)) {
            Path snapshot = dir.resolve(LocalStore.DATA_FILE);
            byte[] before = Files.readAllBytes(snapshot);
            write(a, "Sheet1!A1", "from a");
            assertEquals(List.of(List.of("from a")), read(b, "Sheet1!A1"));
            // Both have loaded: from now on the snapshot must never be read again. Make it unreadable to prove it.
            assertArrayEquals(before, Files.readAllBytes(snapshot), "a write leaves the snapshot alone");
            Files.writeString(snapshot, "not json");
            write(b, "Sheet1!B1", "from b");
            write(a, "Sheet1!C1", "from a again");
            assertEquals(List.of(List.of("from a", "from b", "from a again")), read(b, "Sheet1!A1:C1"));
            assertEquals(List.of(List.of("from a", "from b", "from a again")), read(a, "Sheet1!A1:C1"));
        }
    }

    @Test
    void a_refused_write_keeps_the_model_the_snapshot_and_the_log() throws Exception {
        try (LocalSpreadsheetPort port = LocalSpreadsheetPort.open(dir)) {
            port.batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "kept")));
            byte[] snapshot = Files.readAllBytes(dir.resolve(LocalStore.DATA_FILE));
            byte[] log = Files.readAllBytes(dir.resolve(LocalStore.LOG_FILE));
            assertThrows(SheetsException.class, () -> port.batchUpdateValues(List.of(
                    RangeWrite.cell("Sheet1!A1", "lost"), RangeWrite.cell("Nope!A1", "x"))));
            assertEquals(List.of(List.of("kept")), port.batchGet(List.of("Sheet1!A1")).get(0).rows());
            assertArrayEquals(snapshot, Files.readAllBytes(dir.resolve(LocalStore.DATA_FILE)));
            assertArrayEquals(log, Files.readAllBytes(dir.resolve(LocalStore.LOG_FILE)));
        }
    }

    @Test
    void a_torn_record_left_by_a_killed_writer_is_ignored_and_then_cut_off() throws Exception {
        try (LocalStore a = store(1 << 30)) {
            write(a, "Sheet1!A1", "whole");
            // A writer killed in the middle of its record: a length that promises more than was written.
            Files.write(dir.resolve(LocalStore.LOG_FILE), new byte[] {0, 0, 1, 0, 9, 9, 9, 9, '{', '"'},
                    StandardOpenOption.APPEND);
            try (LocalStore fresh = store(1 << 30)) {
                assertEquals(List.of(List.of("whole")), read(fresh, "Sheet1!A1"));
                write(fresh, "Sheet1!B1", "after");
            }
            assertEquals(List.of(List.of("whole", "after")), read(a, "Sheet1!A1:B1"));
            try (LocalStore reopened = store(1 << 30)) {
                assertEquals(List.of(List.of("whole", "after")), read(reopened, "Sheet1!A1:B1"));
            }
        }
    }

    @Test
    void compaction_folds_the_log_into_the_snapshot_and_other_processes_follow_it() throws Exception {
        Path log = dir.resolve(LocalStore.LOG_FILE);
        List<String> expected = new ArrayList<>();
        // Left by a compaction whose process was killed (no process can have this id).
        Path deadCompaction = dir.resolve(LocalStore.DATA_FILE + ".999999999-1.compact");
        try (LocalStore compacting = store(1); LocalStore follower = store(1L << 40)) {
            Files.writeString(deadCompaction, "half a snapshot");
            long firstEpoch = OperationLog.header(log).epoch();
            // Appends until the log outgrows the snapshot and is compacted; the follower reads in between.
            while (OperationLog.header(log).epoch() == firstEpoch) {
                String v = "row" + expected.size();
                append(compacting, v);
                expected.add(v);
                assertTrue(expected.size() < 500, "no compaction after " + expected.size() + " appends");
            }
            long afterFirst = OperationLog.header(log).epoch();
            assertTrue(!Files.exists(deadCompaction), "a dead process's compaction file is removed");
            assertTrue(Files.exists(dir.resolve(LocalStore.PREVIOUS_LOG_FILE)), "the old log stays readable");
            assertTrue(Files.size(log) < Files.size(dir.resolve(LocalStore.DATA_FILE)),
                    "the records are in the snapshot now");

            // The follower has not read since before the compaction: it follows through the previous log alone.
            byte[] snapshot = Files.readAllBytes(dir.resolve(LocalStore.DATA_FILE));
            Files.writeString(dir.resolve(LocalStore.DATA_FILE), "not json");
            assertEquals(expected, column(follower));
            Files.write(dir.resolve(LocalStore.DATA_FILE), snapshot);

            // Two compactions behind: the follower reloads, and still sees every row.
            while (OperationLog.header(log).epoch() < afterFirst + 2) {
                String v = "row" + expected.size();
                append(compacting, v);
                expected.add(v);
                assertTrue(expected.size() < 2000, "no second compaction after " + expected.size() + " appends");
            }
            assertEquals(expected, column(follower));
            append(follower, "last");
            expected.add("last");
            assertEquals(expected, column(compacting));
        }
        try (LocalStore reopened = store(1L << 40)) {
            assertEquals(expected, column(reopened));
        }
    }

    @Test
    void a_folder_written_by_an_earlier_version_loads_and_takes_new_writes() throws Exception {
        // Earlier versions kept only a snapshot (no log position, no log), rewritten by every write.
        Spreadsheet old = Spreadsheet.create(LocalSpreadsheetPort.SPREADSHEET_ID, LocalSpreadsheetPort.TITLE);
        new InMemorySpreadsheetPort(old).batchUpdateValues(List.of(RangeWrite.cell("Sheet1!A1", "old")));
        Files.writeString(dir.resolve(LocalStore.DATA_FILE), old.toSnapshot().toString());
        try (LocalStore s = store(1 << 30)) {
            assertEquals(List.of(List.of("old")), read(s, "Sheet1!A1"));
            write(s, "Sheet1!B1", "new");
        }
        try (LocalStore s = store(1 << 30)) {
            assertEquals(List.of(List.of("old", "new")), read(s, "Sheet1!A1:B1"));
        }
    }
}
