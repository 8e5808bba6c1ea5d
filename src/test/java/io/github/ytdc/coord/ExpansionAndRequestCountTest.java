package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.testing.CountingPort;
import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** G6 (idempotent expansion) and G7 (request budgets of each protocol step). */
class ExpansionAndRequestCountTest {
    private final CountingPort port = new CountingPort(InMemorySpreadsheetPort.create("counted"));
    private final Sheet sheet = new Sheet(port);
    private final Agents agents = new Agents();

    private static MediaPort listing(int n) {
        return (url, options, sink, context) -> {
            int limit = options.maxVideos() == 0 ? n : Math.min(n, options.maxVideos());
            for (int i = 0; i < limit; i++) {
                String id = String.format("v%010d", i);
                sink.accept(new VideoEntry(id, "https://youtu.be/" + id, "Title " + i, Duration.ofSeconds(60 + i)));
            }
        };
    }

    private Outcome expand(Engine e, Coordinator runner) {
        agents.claimAndSettle(e);
        e.tick();
        Claim c = e.pollClaim().orElseThrow();
        assertEquals(TaskKind.SOURCE, c.kind());
        Outcome o = new SourceExpansion(e.config()).run(c.task(), c.context());
        e.complete(c, o);
        e.tick();
        return o;
    }

    @Test
    void a_5000_video_source_expands_in_at_most_15_requests_with_pass_through_columns_copied() {
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        new SheetInitializer(port, TabNames.DEFAULT).ensureColumns();
        Engine e = agents.engine(port, "agent-a", listing(5000));
        e.tick(); // schema check, once per engine
        port.reset();
        expand(e, null);
        assertTrue(port.total() <= 15, "requests: " + port.counts());
        List<WorkRow> videos = sheet.rows("Video Tasks");
        assertEquals(5000, videos.size());
        assertEquals("s1", videos.get(0).get("SourceID"));
        assertEquals("60", videos.get(0).get("Duration"));
        WorkRow source = sheet.find("Sources", "s1").orElseThrow();
        assertEquals("done", source.get("Status"));
        assertEquals("5000", source.get("Videos"));
    }

    @Test
    void re_expanding_adds_only_new_videos_and_skips_dead_lettered_ones() {
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        sheet.add("Video Tasks", Map.of("ID", "v0000000001", "URL", "https://youtu.be/v0000000001", "Status", "done"));
        sheet.add("Dead-Letter Tasks", Map.of("ID", "v0000000002", "Status", "error"));
        Engine e = agents.engine(port, "agent-a", listing(5));
        expand(e, null);
        assertEquals(4, sheet.rows("Video Tasks").size(), "1 existing + 3 new; the dead-lettered one is skipped");
        for (WorkRow r : sheet.rows("Video Tasks")) {
            sheet.edit("Video Tasks", r.id(), "Status", "done");
        }
        agents.clock.advance(Duration.ofDays(1));
        Engine e2 = new Engine(agents.config(port, "agent-b").mediaPort(listing(7))
                .resyncInterval(Duration.ofDays(1)).build());
        expand(e2, null); // re-sync: the source is due again one day after ExpandedAt
        Map<String, Long> perId = sheet.rows("Video Tasks").stream()
                .collect(Collectors.groupingBy(WorkRow::id, Collectors.counting()));
        assertEquals(6, perId.size(), perId.toString());
        assertTrue(perId.values().stream().allMatch(n -> n == 1), "duplicates: " + perId);
        assertEquals("7", sheet.find("Sources", "s1").orElseThrow().get("Videos"));
    }

    @Test
    void a_crash_mid_expansion_then_re_expansion_never_duplicates_rows() {
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        Engine dies = new Engine(agents.config(port, "agent-dies").mediaPort(listing(50)).appendBatchRows(20).build());
        agents.claimAndSettle(dies);
        dies.tick();
        Claim c = dies.pollClaim().orElseThrow();
        MediaPort crashing = (url, options, sink, context) -> {
            listing(50).expand(url, options, entry -> {
                if (entry.id().equals("v0000000045")) {
                    throw new IllegalStateException("kill -9");
                }
                sink.accept(entry);
            }, context);
        };
        try {
            new SourceExpansion(agents.config(port, "agent-dies").mediaPort(crashing).appendBatchRows(20).build())
                    .run(c.task(), c.context());
        } catch (IllegalStateException expected) {
            // the agent died here, holding the source
        }
        assertEquals(40, sheet.rows("Video Tasks").size());
        agents.clock.advance(Duration.ofMinutes(6));
        Engine b = new Engine(agents.config(port, "agent-b").mediaPort(listing(50)).build());
        agents.claimAndSettle(b);
        b.tick(); // retry: pending with NotBefore
        agents.clock.advance(Duration.ofMinutes(2));
        agents.claimAndSettle(b);
        b.tick();
        Claim again = b.pollClaim().orElseThrow();
        b.complete(again, new SourceExpansion(b.config()).run(again.task(), again.context()));
        b.tick();
        List<WorkRow> rows = sheet.rows("Video Tasks");
        assertEquals(50, rows.size());
        assertEquals(50, rows.stream().map(WorkRow::id).distinct().count());
    }

    @Test
    void completing_tasks_at_concurrency_4_costs_at_most_one_request_per_task() {
        for (int i = 0; i < 40; i++) {
            sheet.addVideo(String.format("v%010d", i), "https://youtu.be/" + i);
        }
        Engine e = new Engine(agents.config(port, "agent-a").concurrency(4).build());
        e.tick();
        port.reset();
        int done = 0;
        for (int step = 0; step < 200 && done < 40; step++) {
            agents.settle();
            e.tick();
            Optional<Claim> c;
            while ((c = e.pollClaim()).isPresent()) {
                e.complete(c.get(), Outcome.done("ok"));
            }
            done = (int) e.doneCount();
        }
        assertEquals(40, done);
        double perTask = (double) port.total() / done;
        assertTrue(perTask <= 1.0, "requests per task " + perTask + " " + port.counts());
    }

    @Test
    void init_is_idempotent_a_second_run_sends_no_writes() {
        var fresh = new CountingPort(InMemorySpreadsheetPort.create("init"));
        SheetInitializer init = new SheetInitializer(fresh, TabNames.DEFAULT);
        assertTrue(init.initialize().changed());
        fresh.reset();
        SheetInitializer.Report again = init.initialize();
        assertTrue(!again.changed(), again.toString());
        assertEquals(0, fresh.count("batchUpdate") + fresh.count("batchUpdateValues") + fresh.count("append"),
                fresh.counts().toString());
    }
}
