package io.github.ytdc.coord;

import io.github.ytdc.testing.CountingPort;

import io.github.ytdc.testing.Sheet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent's known-ID cache: later expansions and dead-letter appends read only the rows added since, and still
 * never duplicate a row (G6) when other agents append or people move rows meanwhile.
 */
class KnownIdsTest {
    private final CountingPort port = new CountingPort(InMemorySpreadsheetPort.create("known"));
    private final Sheet sheet = new Sheet(port);
    private final Agents agents = new Agents();

    /** Lists videos {@code from} (inclusive) to {@code to} (exclusive). */
    private static MediaPort listing(int from, int to) {
        return (url, options, sink, context) -> {
            for (int i = from; i < to; i++) {
                sink.accept(video(i));
            }
        };
    }

    private static VideoEntry video(int i) {
        String id = String.format("v%010d", i);
        return new VideoEntry(id, "https://youtu.be/" + id, "Title " + i, Duration.ofSeconds(60));
    }

    private static Task source(String id) {
        return new Task(TaskKind.SOURCE, id, "https://www.youtube.com/@" + id, "", "", Map.of("ID", id), 1);
    }

    /** One agent's expansions of sources, sharing its cache as a Coordinator does. */
    private final class Agent {
        final KnownIds known = new KnownIds(port, agents.clock, KnownIds.FULL_READ_EVERY);
        final String name;

        Agent(String name) {
            this.name = name;
        }

        Outcome expand(String sourceId, MediaPort media) {
            return new SourceExpansion(agents.config(port, name).mediaPort(media).build(), known)
                    .run(source(sourceId), new Claim.Context());
        }
    }

    private Map<String, Long> videoIdCounts() {
        return sheet.rows("Video Tasks").stream().collect(Collectors.groupingBy(WorkRow::id, Collectors.counting()));
    }

    private void assertNoDuplicates(int expectedVideos) {
        Map<String, Long> perId = videoIdCounts();
        assertEquals(expectedVideos, perId.size(), perId.keySet().toString());
        assertTrue(perId.values().stream().allMatch(n -> n == 1), "duplicates: " + perId);
    }

    @Test
    void a_later_expansion_reads_only_rows_past_the_known_tail_and_skips_what_another_agent_appended() {
        for (int i = 100; i < 130; i++) {
            sheet.addVideo(video(i).id(), video(i).url()); // rows 2..31, read by the first expansion
        }
        Agent a = new Agent("agent-a");
        Agent b = new Agent("agent-b");
        a.expand("s1", listing(0, 50)); // rows 32..81
        b.expand("s2", listing(40, 60)); // another agent appends v50..v59
        port.reset();
        a.expand("s3", listing(0, 70));
        assertEquals(1, port.count("batchGet"), "headers and the new tail in one read: " + port.readRanges());
        assertTrue(port.readRanges().contains("'Video Tasks'!A31:A"), "reads from the known tail: " + port.readRanges());
        assertNoDuplicates(100);
    }

    @Test
    void rows_deleted_above_the_known_tail_force_a_whole_re_read_so_shifted_rows_are_not_missed() {
        Agent a = new Agent("agent-a");
        a.expand("s1", listing(0, 50));
        a.expand("s1", listing(0, 50)); // a re-sync: now A knows v49 is the tail, on row 51
        int sheetId = port.getInfo().tab("Video Tasks").orElseThrow().sheetId();
        port.batchUpdate(List.of(new StructuralRequest.DeleteDimension(sheetId, StructuralRequest.Dimension.ROWS, 4, 6)));
        new Agent("agent-b").expand("s2", listing(50, 60)); // v50 lands on row 50, above the old tail's row
        port.reset();
        a.expand("s3", listing(50, 70));
        assertEquals(2, port.count("batchGet"), "tail moved: whole ID column read again " + port.readRanges());
        assertTrue(port.readRanges().contains("'Video Tasks'!A2:A"), port.readRanges().toString());
        assertNoDuplicates(68); // 48 kept + v50..v69
    }

    @Test
    void the_whole_id_column_is_read_again_once_the_cache_expires_on_the_injected_clock() {
        Agent a = new Agent("agent-a");
        a.expand("s1", listing(0, 10));
        agents.clock.advance(KnownIds.FULL_READ_EVERY.minusSeconds(1));
        port.reset();
        a.expand("s1", listing(0, 10));
        assertEquals(1, port.count("batchGet"), port.readRanges().toString());
        agents.clock.advance(Duration.ofSeconds(1));
        port.reset();
        a.expand("s1", listing(0, 12));
        // The ID column is where the header last had it: read whole in the same request as the headers.
        assertEquals(1, port.count("batchGet"), port.readRanges().toString());
        assertTrue(port.readRanges().contains("'Video Tasks'!A2:A"), port.readRanges().toString());
        assertNoDuplicates(12);
    }

    @Test
    void a_first_read_reads_the_id_column_the_schema_check_saw_with_the_headers_in_one_request() {
        for (int i = 0; i < 5; i++) {
            sheet.addVideo(video(i).id(), video(i).url());
        }
        Agent a = new Agent("agent-a");
        List<String> tabs = List.of("Video Tasks", "Dead-Letter Tasks", "Archive");
        List<CellRange> headers = port.batchGet(tabs.stream().map(t -> "'" + t + "'!1:1").toList());
        Map<String, Header> seen = new java.util.HashMap<>();
        for (int i = 0; i < tabs.size(); i++) {
            seen.put(tabs.get(i), Header.of(headers.get(i)));
        }
        a.known.knowHeaders(seen); // as the schema check reports them
        port.reset();
        a.expand("s1", listing(0, 10));
        assertEquals(1, port.count("batchGet"), port.readRanges().toString());
        assertNoDuplicates(10);
    }

    @Test
    void a_guessed_id_column_that_moved_is_read_again_where_the_header_now_has_it() {
        for (int i = 0; i < 5; i++) {
            sheet.addVideo(video(i).id(), video(i).url());
        }
        Agent a = new Agent("agent-a");
        // A stale guess: the ID column as if a person had moved it to the third column.
        a.known.knowHeaders(Map.of("Video Tasks", Header.of(List.of("URL", "Status", "ID"))));
        port.reset();
        a.expand("s1", listing(0, 10));
        assertEquals(2, port.count("batchGet"), port.readRanges().toString());
        assertTrue(port.readRanges().contains("'Video Tasks'!A2:A"), port.readRanges().toString());
        assertNoDuplicates(10);
    }

    @Test
    void two_expansions_running_at_once_in_one_agent_do_not_append_the_same_video_twice() {
        Agent a = new Agent("agent-a");
        // While s1 has listed v0..v9 but not appended them yet, s2 (v5..v14) runs to the end on another slot.
        MediaPort interleaved = (url, options, sink, context) -> {
            listing(0, 10).expand(url, options, sink, context);
            a.expand("s2", listing(5, 15));
        };
        a.expand("s1", interleaved);
        assertNoDuplicates(15);
        assertEquals("s2", sheet.video(String.format("v%010d", 12)).get("SourceID"));
        assertEquals("s1", sheet.video(String.format("v%010d", 7)).get("SourceID"));
    }

    @Test
    void videos_listed_by_a_failed_expansion_are_added_by_the_next_one() {
        Agent a = new Agent("agent-a");
        MediaPort failing = (url, options, sink, context) -> {
            listing(0, 5).expand(url, options, sink, context);
            throw new TaskFailure(FailureClass.TRANSIENT, "network down mid-listing");
        };
        assertThrows(TaskFailure.class, () -> a.expand("s1", failing));
        a.expand("s1", listing(0, 5));
        assertNoDuplicates(5);
    }

    @Test
    void an_append_answered_with_a_5xx_after_it_was_applied_is_not_sent_again() {
        CountingPort flaky = new CountingPort(port) {
            @Override
            public io.github.ytdc.sheets.AppendResult append(String range, List<List<String>> rows) {
                var r = super.append(range, rows);
                if (count("append") == 1) {
                    throw io.github.ytdc.sheets.SheetsException.fromHttp(503, "backend error");
                }
                return r;
            }
        };
        Outcome o = new SourceExpansion(agents.config(flaky, "agent-a").mediaPort(listing(0, 30))
                .appendBatchRows(20).build()).run(source("s1"), new Claim.Context());
        assertTrue(o instanceof Outcome.Done, o.toString());
        assertEquals(2, flaky.count("append"), "the applied batch is not re-sent; the second batch is");
        assertNoDuplicates(30);
    }

    @Test
    void a_second_dead_letter_reads_only_the_new_tail_of_the_dead_letter_ids() {
        sheet.addVideo("vid00000001", "https://youtu.be/vid00000001");
        sheet.addVideo("vid00000002", "https://youtu.be/vid00000002");
        Engine e = agents.engine(port, "agent-a");
        for (int i = 0; i < 2; i++) {
            agents.claimAndSettle(e);
            e.tick();
            Claim c = e.pollClaim().orElseThrow();
            e.complete(c, new Outcome.Failed(FailureClass.FATAL, "Private video"));
            port.reset();
            e.tick();
            // The tick's read, then the headers with the dead-letter IDs: whole on the first (where the schema check
            // saw the column), the new tail on the second.
            assertEquals(2, port.count("batchGet") + port.count("batchGetByDataFilter"),
                    "dead-letter " + i + ": " + port.readRanges());
            assertEquals(1, port.count("append"));
        }
        assertEquals(2, sheet.rows("Dead-Letter Tasks").size());
    }

    @Test
    void a_header_row_is_parsed_once_and_reused_until_it_changes() {
        List<String> row = new ArrayList<>(List.of("ID", "URL", "Status"));
        Header first = Header.of(row);
        assertSame(first, Header.of(List.of("ID", "URL", "Status")));
        row.add("Accent");
        Header edited = Header.of(row);
        assertNotSame(first, edited);
        assertEquals(3, edited.column("accent ").orElseThrow());
        assertTrue(first.column("Accent").isEmpty(), "the earlier header is unchanged");
    }
}
