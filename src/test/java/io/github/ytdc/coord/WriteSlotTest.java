package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.TagWrite;
import java.util.Set;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * G1 assumes a claim write lands within the settle delay of the read it was decided on. A client-side rate limiter
 * must therefore not hold the write back after the read: the engine waits for the write slot before reading.
 */
class WriteSlotTest {
    private final Agents agents = new Agents();
    private final List<String> steps = new ArrayList<>();

    @Test
    void the_engine_waits_for_the_write_slot_before_reading_not_between_read_and_claim_write() {
        Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("slot"));
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Instant[] slotFreeAt = {Instant.MIN};
        CountingPort port = new CountingPort(sheet.port) {
            @Override
            public Duration writeDelay() {
                Duration d = Duration.between(agents.clock.instant(), slotFreeAt[0]);
                return d.isNegative() ? Duration.ZERO : d;
            }

            @Override
            public FilteredRead batchGetByDataFilter(List<String> ranges, List<Integer> tagIds) {
                steps.add("read at +" + Duration.between(Agents.START, agents.clock.instant()).toMillis() + "ms");
                return super.batchGetByDataFilter(ranges, tagIds);
            }

            @Override
            public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1, List<TagWrite> tagged) {
                steps.add("write, slot wait " + writeDelay().toMillis() + "ms");
                return super.batchUpdateByDataFilter(a1, tagged);
            }
        };
        Engine engine = new Engine(agents.config(port, "a").build());
        engine.tick(); // tags the row
        steps.clear();
        slotFreeAt[0] = agents.clock.instant().plusMillis(700);

        engine.tick(); // claims it

        assertTrue(steps.get(0).equals("read at +700ms"), "waited for the write slot first: " + steps);
        assertEquals("write, slot wait 0ms", steps.get(steps.size() - 1), "the claim write goes out at once: " + steps);
        assertTrue(sheet.video("vid00000001").hasStatus(Status.IN_PROGRESS), "the claim was written");
    }

    @Test
    void a_claim_decided_from_a_read_that_queued_in_the_rate_limiter_is_not_late() {
        Sheet sheet = new Sheet(InMemorySpreadsheetPort.create("paced"));
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        Instant[] readFreeAt = {Instant.MIN};
        // A paced port (a big fleet's share of a project: a read every 15 s): a read sent before its slot waits
        // inside the call, as the Google port's limiter does.
        CountingPort port = new CountingPort(sheet.port) {
            @Override
            public Duration readDelay() {
                Duration d = Duration.between(agents.clock.instant(), readFreeAt[0]);
                return d.isNegative() ? Duration.ZERO : d;
            }

            @Override
            public FilteredRead batchGetByDataFilter(List<String> ranges, List<Integer> tagIds) {
                steps.add("read queued " + readDelay().toMillis() + "ms");
                agents.clock.advance(readDelay());
                return super.batchGetByDataFilter(ranges, tagIds);
            }
        };
        Engine engine = new Engine(agents.config(port, "a").build());
        engine.tick(); // tags the row
        readFreeAt[0] = agents.clock.instant().plusSeconds(15);
        engine.tick(); // reads (after its slot) and writes the claim at once

        agents.settle();
        engine.tick();

        assertTrue(steps.stream().allMatch(s -> s.equals("read queued 0ms")), "the engine waited for the read slot "
                + "before reading, so no read queued in the limiter: " + steps);
        assertTrue(engine.pollClaim().isPresent(), "won after the settle delay, not sent to probation for the "
                + "time its read spent in the limiter");
    }
}
