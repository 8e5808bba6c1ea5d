package io.github.ytdc.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.testing.Sheet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a listing says about a video before any download: members-only is marked, upcoming waits for its release. */
class ListedAvailabilityTest {
    private final Sheet sheet = new Sheet();
    private final Agents agents = new Agents();

    @Test
    void members_only_rows_are_recorded_as_errors_and_upcoming_rows_wait_in_NotBefore() {
        Instant release = Instant.parse("2027-01-01T00:00:00Z");
        MediaPort listing = (url, options, sink, context) -> {
            sink.accept(new VideoEntry("vplain00001", "https://youtu.be/vplain00001", "plain", Duration.ofSeconds(5)));
            sink.accept(new VideoEntry("vmember0001", "https://youtu.be/vmember0001", "members", null, null,
                    "members-only: not downloaded"));
            sink.accept(new VideoEntry("vupcoming01", "https://youtu.be/vupcoming01", "soon", null, release, ""));
        };
        sheet.add("Sources", Map.of("ID", "s1", "URL", "https://www.youtube.com/@chan", "Status", "pending"));
        Engine e = agents.engine(sheet.port, "agent-a", listing);
        Claim c = agents.claimOne(e);
        e.complete(c, new SourceExpansion(e.config()).run(c.task(), c.context()));
        e.tick();
        WorkRow plain = sheet.video("vplain00001");
        assertEquals("", plain.get("NotBefore"));
        assertEquals("", plain.get("LastError"));
        WorkRow member = sheet.video("vmember0001");
        assertEquals("error", member.get("Status"));
        assertEquals("members-only: not downloaded", member.get("LastError"));
        assertEquals("0", member.get("RetryCount"));
        WorkRow upcoming = sheet.video("vupcoming01");
        assertEquals("pending", upcoming.get("Status"));
        assertEquals(Timestamps.format(release), upcoming.get("NotBefore"));
    }
}
