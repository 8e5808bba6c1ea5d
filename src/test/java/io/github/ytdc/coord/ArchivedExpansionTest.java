package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** G6 after archiving: videos moved to the Archive tab are never added to Video Tasks again by a re-expansion. */
class ArchivedExpansionTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    private static MediaPort listing(int n) {
        return (url, options, sink, context) -> {
            for (int i = 0; i < n; i++) {
                String id = "v" + i;
                sink.accept(new VideoEntry(id, "https://youtu.be/" + id, "Title " + i, Duration.ofSeconds(60)));
            }
        };
    }

    private void expand(Engine e) {
        agents.claimAndSettle(e);
        e.tick();
        Claim c = e.pollClaim().orElseThrow();
        Outcome o = new SourceExpansion(e.config()).run(c.task(), c.context());
        e.complete(c, o);
        e.tick();
    }

    @Test
    void above_95_percent_of_the_cell_cap_no_source_is_expanded_and_it_is_not_the_source_s_fault() {
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        long used = io.github.ytdc.coord.CellBudget.of(sheet.port.getInfo(), 1).used();
        Engine e = new Engine(agents.config(sheet.port, "agent-a").mediaPort(listing(5)).cellCap(used + 1).build());
        agents.claimAndSettle(e);
        e.tick();
        Claim c = e.pollClaim().orElseThrow();

        TaskFailure f = assertThrows(TaskFailure.class, () -> new SourceExpansion(e.config()).run(c.task(), c.context()));

        assertEquals(FailureClass.HOST_FAULT, f.failureClass());
        assertTrue(f.getMessage().contains("near Google's cap"), f.getMessage());
        assertTrue(ids().isEmpty());
        e.complete(c, Outcome.of(f));
        e.tick();
        WorkRow source = sheet.row("Sources", "s1");
        assertEquals("pending", source.get("Status"), "released, not dead-lettered");
        assertTrue(source.get("LastError").contains("near Google's cap"), source.get("LastError"));
        assertTrue(sheet.rows("Dead-Letter Sources").isEmpty());
    }

    private List<String> ids() {
        return sheet.rows("Video Tasks").stream().map(WorkRow::id).toList();
    }

    @Test
    void re_expanding_after_archiving_adds_only_videos_never_seen() {
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        expand(agents.engine(sheet.port, "agent-a", listing(5)));
        assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), ids());
        for (String id : ids()) {
            sheet.edit("Video Tasks", id, "Status", "done");
        }

        ArchiveJob job = ArchiveJob.of(agents.config(sheet.port, "archiver").archiveMinRows(1).build());
        agents.clock.advance(Duration.ofDays(8));
        job.runIfDue();
        assertTrue(ids().isEmpty(), "archived: " + ids());

        agents.clock.advance(Duration.ofDays(1));
        expand(new Engine(agents.config(sheet.port, "agent-b").mediaPort(listing(7))
                .resyncInterval(Duration.ofDays(1)).build()));
        assertEquals(List.of("v5", "v6"), ids());
    }
}
