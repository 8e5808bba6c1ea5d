package io.github.ytdc.coord;

import io.github.ytdc.testing.CountingPort;

import io.github.ytdc.testing.Sheet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's Workers-row reads and writes ride on the engine's own requests instead of costing their own. */
class ListenerPiggybackTest {
    private final CountingPort port = new CountingPort(InMemorySpreadsheetPort.create("piggyback"));
    private final Sheet sheet = new Sheet(port);
    private final Agents agents = new Agents();

    /** Reads the Workers names and writes its own row on every tick, like the agent runtime does. */
    private static final class WorkersRow implements CoordinatorListener {
        final List<List<CellRange>> reads = new ArrayList<>();
        final List<TaskEvent> events = new ArrayList<>();
        int writes;

        @Override
        public List<String> piggybackReads(Instant now) {
            return List.of(A1.columnFrom("Workers", 0, 2), A1.rows("Workers", 1, 1));
        }

        @Override
        public void onPiggybackRead(List<CellRange> ranges) {
            reads.add(ranges);
        }

        @Override
        public List<RangeWrite> piggybackWrites(Instant now) {
            writes++;
            return List.of(new RangeWrite(A1.range("Workers", 0, 2, 3, 2),
                    List.of(List.of("agent-a", "host-1", "running", now.toString()))));
        }

        @Override
        public void onTaskEvent(TaskEvent event) {
            events.add(event);
        }
    }

    @Test
    void the_workers_row_read_and_write_share_the_tick_batch_get_and_batch_update() {
        sheet.port.batchUpdateValues(List.of(RangeWrite.cell(A1.cell("Workers", 0, 3), "agent-b")));
        WorkersRow listener = new WorkersRow();
        Engine e = new Engine(agents.config(port, "agent-a").listener(listener).build());
        e.tick(); // schema check on first use; nothing to claim yet
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        e.tick(); // tags the row
        port.reset();
        listener.reads.clear();
        e.tick(); // writes the claim through the tag
        assertEquals(1, port.count("batchGetByDataFilter"), port.counts().toString());
        assertEquals(1, port.count("batchUpdateByDataFilter"),
                "the claim and the Workers row in one write " + port.counts());
        assertEquals(2, port.total(), port.counts().toString());
        assertEquals("agent-a", sheet.rows("Workers").get(0).get("Worker"));
        assertEquals("in-progress", sheet.video("vid00000001").get("Status"), "the claim landed with it");

        agents.settle();
        port.reset();
        e.tick(); // reads back the claim; the Workers row is read along
        assertEquals(1, port.count("batchGetByDataFilter"), port.counts().toString());
        List<CellRange> workers = listener.reads.get(listener.reads.size() - 1);
        assertEquals(2, workers.size(), "one range per piggybacked read, in order");
        assertEquals(List.of(List.of("agent-a"), List.of("agent-b")), workers.get(0).rows());
        assertEquals("Worker", workers.get(1).rows().get(0).get(0));
        assertTrue(listener.events.stream().anyMatch(ev -> ev.type() == TaskEvent.Type.CLAIMED));
    }

    @Test
    void a_piggybacked_write_is_sent_even_when_the_engine_has_nothing_to_write() {
        WorkersRow listener = new WorkersRow();
        Engine e = new Engine(agents.config(port, "agent-a").listener(listener).build());
        e.tick();
        port.reset();
        e.tick(); // empty sheet: no claims, no heartbeats
        assertEquals(1, port.count("batchGet"));
        assertEquals(1, port.count("batchUpdateByDataFilter"), port.counts().toString());
        assertEquals("running", sheet.rows("Workers").get(0).get("Status"));
    }
}
