package io.github.ytdc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.sheets.memory.Spreadsheet;
import io.github.ytdc.util.OperationLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's data file: snapshot plus operation log, compaction, restarts, and files of earlier versions. */
class DataFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> RAW = Map.of("valueInputOption", List.of("RAW"));

    @TempDir
    Path dir;

    /** An emulator's view of the data file: what it loaded, and the spreadsheets it serves. */
    private static final class Served {
        final DataFile file;
        final List<Spreadsheet> sheets = new CopyOnWriteArrayList<>();

        Served(Path path, long minCompactionBytes) {
            file = new DataFile(path, minCompactionBytes);
            file.load(new Random(1), () -> List.copyOf(sheets)).values().forEach(this::serve);
        }

        void serve(Spreadsheet s) {
            s.setMutationListener(file::changed);
            sheets.add(s);
        }

        Spreadsheet add(String id) {
            Spreadsheet s = Spreadsheet.create(id, id);
            file.added(s, () -> serve(s));
            return s;
        }

        Spreadsheet get(String id) {
            return sheets.stream().filter(s -> s.spreadsheetId().equals(id)).findFirst().orElseThrow();
        }
    }

    private static void put(Spreadsheet s, String cell, String value) throws Exception {
        s.valuesUpdate(cell, JSON.readTree("{\"values\":[[\"" + value + "\"]]}"), RAW);
    }

    private static String cell(Spreadsheet s, String cell) {
        JsonNode v = s.valuesGet(cell, null).path("values");
        return v.isMissingNode() ? "" : v.get(0).get(0).asText();
    }

    @Test
    void compaction_keeps_every_change_and_a_restart_replays_the_rest() throws Exception {
        Path path = dir.resolve("data.json");
        Served first = new Served(path, 1);
        Spreadsheet a = first.add("a");
        Spreadsheet b = first.add("b");
        for (int i = 0; i < 200; i++) {
            put(i % 2 == 0 ? a : b, "A" + (i / 2 + 1), "v" + i);
        }
        first.file.close(); // waits for a compaction under way
        assertTrue(Files.exists(dir.resolve("data.json.log.prev")), "the log was compacted at least once");
        assertTrue(OperationLog.header(dir.resolve("data.json.log")).epoch() > 1);

        Served second = new Served(path, 1L << 40);
        for (int i = 0; i < 200; i++) {
            assertEquals("v" + i, cell(second.get(i % 2 == 0 ? "a" : "b"), "A" + (i / 2 + 1)), "write " + i);
        }
        put(second.get("a"), "B1", "after restart");
        second.file.close();
        assertEquals("after restart", cell(new Served(path, 1L << 40).get("a"), "B1"));
    }

    @Test
    void a_torn_record_at_the_end_of_the_log_is_dropped_on_restart() throws Exception {
        Path path = dir.resolve("data.json");
        Served first = new Served(path, 1L << 40);
        put(first.add("s"), "A1", "whole");
        first.file.close();
        Files.write(dir.resolve("data.json.log"), new byte[] {0, 0, 0, 50, 1, 2, 3, 4, '{'}, StandardOpenOption.APPEND);

        Served second = new Served(path, 1L << 40);
        assertEquals("whole", cell(second.get("s"), "A1"));
        put(second.get("s"), "A2", "next");
        second.file.close();
        Served third = new Served(path, 1L << 40);
        assertEquals("next", cell(third.get("s"), "A2"));
    }

    @Test
    void a_data_file_of_an_earlier_version_loads_and_keeps_its_changes() throws Exception {
        Spreadsheet old = Spreadsheet.create("s1", "old");
        put(old, "A1", "before");
        Path path = dir.resolve("data.json");
        Files.writeString(path, "{\"format\":\"ytdc-emulator/1\",\"spreadsheets\":[" + old.toSnapshot() + "]}");

        Served first = new Served(path, 1L << 40);
        assertEquals("before", cell(first.get("s1"), "A1"));
        put(first.get("s1"), "A2", "after");
        first.file.close();
        assertEquals("after", cell(new Served(path, 1L << 40).get("s1"), "A2"));
    }
}
