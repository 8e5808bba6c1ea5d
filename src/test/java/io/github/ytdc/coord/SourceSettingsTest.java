package io.github.ytdc.coord;

import io.github.ytdc.testing.Sheet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The optional per-source columns: MaxVideos limits a listing, Resync schedules re-expansion. */
class SourceSettingsTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();
    private final List<Integer> limitsAsked = new ArrayList<>();

    /** Ten videos per source, ids prefixed by the source's handle; honours the limit it is given. */
    private final MediaPort tenPerSource = (url, options, sink, context) -> {
        limitsAsked.add(options.maxVideos());
        String handle = url.substring(url.lastIndexOf('@') + 1);
        int n = options.maxVideos() == 0 ? 10 : Math.min(10, options.maxVideos());
        for (int i = 0; i < n; i++) {
            String id = handle + "-" + i;
            sink.accept(new VideoEntry(id, "https://example.com/" + id, "", Duration.ofSeconds(1)));
        }
    };

    @BeforeEach
    void addOptionalColumns() {
        sheet.addColumn("Sources", "MaxVideos");
        sheet.addColumn("Sources", "Resync");
    }

    private void addSource(String id, String maxVideos, String resync) {
        sheet.add("Sources", Map.of("ID", id, "URL", "https://www.youtube.com/@" + id, "Status", "pending",
                "MaxVideos", maxVideos, "Resync", resync));
    }

    /** Works until nothing is claimable: videos are marked done, sources expanded. The sources expanded, sorted. */
    private List<String> runUntilNothingIsLeft(Engine e) {
        List<String> expanded = new ArrayList<>();
        for (int step = 0; step < 100; step++) {
            agents.claimAndSettle(e);
            e.tick();
            Optional<Claim> c = e.pollClaim();
            if (c.isEmpty()) {
                return expanded.stream().sorted().toList();
            }
            Claim claim = c.get();
            if (claim.kind() == TaskKind.SOURCE) {
                expanded.add(claim.id());
                e.complete(claim, new SourceExpansion(e.config()).run(claim.task(), claim.context()));
            } else {
                e.complete(claim, Outcome.done(""));
            }
            e.tick();
        }
        throw new AssertionError("still claiming after 100 steps");
    }

    private long videosOf(String sourceId) {
        return sheet.rows("Video Tasks").stream().filter(r -> r.get("SourceID").equals(sourceId)).count();
    }

    @Test
    void a_source_max_videos_column_overrides_the_global_limit_and_blank_falls_back_to_it() {
        addSource("small", "3", "");
        addSource("global", "", "");
        addSource("typo", "lots", "");
        Engine e = new Engine(agents.config(sheet.port, "agent-a").mediaPort(tenPerSource).maxVideos(5).build());
        assertEquals(List.of("global", "small", "typo"), runUntilNothingIsLeft(e));
        assertEquals(3, videosOf("small"));
        assertEquals(5, videosOf("global"));
        assertEquals(5, videosOf("typo"), "an unreadable MaxVideos falls back to the global limit");
        assertEquals(List.of(3, 5, 5), limitsAsked.stream().sorted().toList());
        WorkRow small = sheet.find("Sources", "small").orElseThrow();
        assertEquals("3", small.get("Videos"));
        assertEquals("done", small.get("Status"));
    }

    @Test
    void a_source_resync_column_makes_only_that_source_due_again_once_its_interval_passed() {
        addSource("daily", "", "1d");
        addSource("once", "", "");
        Engine e = new Engine(agents.config(sheet.port, "agent-a").mediaPort(tenPerSource).build());
        assertEquals(List.of("daily", "once"), runUntilNothingIsLeft(e));
        agents.clock.advance(Duration.ofHours(23));
        assertEquals(List.of(), runUntilNothingIsLeft(e), "not due before a day has passed");
        agents.clock.advance(Duration.ofHours(1));
        assertEquals(List.of("daily"), runUntilNothingIsLeft(e),
                "the source without Resync (and no global interval) never re-syncs");
        assertEquals(10, videosOf("daily"), "the re-sync added nothing new");
        assertEquals(Timestamps.format(agents.clock.instant()).substring(0, 13),
                sheet.find("Sources", "daily").orElseThrow().get("ExpandedAt").substring(0, 13));
    }

    @Test
    void a_resync_column_overrides_the_global_interval() {
        addSource("weekly", "", "7d");
        addSource("default", "", "");
        Engine e = new Engine(agents.config(sheet.port, "agent-a").mediaPort(tenPerSource)
                .resyncInterval(Duration.ofDays(1)).build());
        assertEquals(List.of("default", "weekly"), runUntilNothingIsLeft(e));
        agents.clock.advance(Duration.ofDays(1));
        assertEquals(List.of("default"), runUntilNothingIsLeft(e), "weekly is not due after one day");
        agents.clock.advance(Duration.ofDays(6));
        assertEquals(List.of("default", "weekly"), runUntilNothingIsLeft(e));
    }
}
