package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.VideoEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lines as yt-dlp 2023.03.04 printed them for the fixture pages (trimmed to the fields that matter). */
class FlatEntriesTest {

    private static VideoEntry video(String line) {
        return assertInstanceOf(FlatEntries.Video.class, FlatEntries.parse(line)).entry();
    }

    @Test
    void an_rss_entry_without_id_takes_the_guid_smuggled_into_its_url_and_keeps_the_url_unchanged() {
        String url = "http://127.0.0.1:18080/v/video-00002.webm#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22video-00002%22%7D";
        VideoEntry e = video("{\"_type\": \"url_transparent\", \"url\": \"" + url + "\", \"title\": \"Test video 2\", "
                + "\"duration\": 4.0, \"playlist_id\": \"http://127.0.0.1:18080/channel.rss\"}");
        assertEquals("video-00002", e.id());
        assertEquals(url, e.url());
        assertEquals("Test video 2", e.title());
        assertEquals(Duration.ofSeconds(4), e.duration());
    }

    @Test
    void an_rss_entry_without_guid_takes_the_file_name_without_extension() {
        VideoEntry e = video("{\"_type\": \"url_transparent\", \"url\": \"http://127.0.0.1:18080/v/pl-three.mp3\", "
                + "\"title\": \"Playlist item three (audio only)\", \"duration\": null}");
        assertEquals("pl-three", e.id());
        assertNull(e.duration());
    }

    @Test
    void xspf_entries_sharing_the_playlist_id_get_ids_from_their_urls() {
        VideoEntry e = video("{\"id\": \"playlist\", \"url\": \"http://127.0.0.1:18080/v/xspf-two.webm\", "
                + "\"title\": \"XSPF two\", \"duration\": 4.0, \"playlist_id\": \"playlist\"}");
        assertEquals("xspf-two", e.id());
    }

    @Test
    void an_entry_with_its_own_id_keeps_it() {
        VideoEntry e = video("{\"ie_key\": \"Youtube\", \"_type\": \"url\", \"url\": \"https://www.youtube.com/embed/aaaaaaaaaaa\", "
                + "\"id\": \"aaaaaaaaaaa\", \"playlist_id\": \"yt-embeds\"}");
        assertEquals("aaaaaaaaaaa", e.id());
        assertEquals("", e.title());
    }

    @Test
    void a_title_with_tab_newline_and_unicode_escapes_is_kept_literally() {
        VideoEntry e = video("{\"url\": \"http://h/v/t.mp4\", \"title\": \"\\u00dcn\\u00efc\\u00f6d\\u00e9 \\u2014 & <tags>\\ttab\\nx\"}");
        assertEquals("Ünïcödé — & <tags>\ttab\nx", e.title());
    }

    @Test
    void a_url_with_a_query_and_no_usable_name_gets_a_stable_hash_id() {
        String id1 = FlatEntries.deriveId("https://example.com/watch?v=1");
        assertEquals(id1, FlatEntries.deriveId("https://example.com/watch?v=1"));
        assertTrue(id1.matches("u[0-9a-f]{16}"), id1);
        assertTrue(!id1.equals(FlatEntries.deriveId("https://example.com/watch?v=2")));
    }

    @Test
    void channel_tab_entries_are_recognised_as_tabs_not_videos() {
        FlatEntries.Line line = FlatEntries.parse("{\"_type\": \"url\", \"ie_key\": \"YoutubeTab\", "
                + "\"url\": \"https://www.youtube.com/@SomeChannel/shorts\", \"title\": \"SomeChannel - Shorts\"}");
        FlatEntries.ChannelTab tab = assertInstanceOf(FlatEntries.ChannelTab.class, line);
        assertEquals(YouTubeTabs.Tab.SHORTS, tab.tab());
    }

    @Test
    void private_and_deleted_placeholders_and_non_json_lines_are_skipped() {
        assertInstanceOf(FlatEntries.Skipped.class, FlatEntries.parse(
                "{\"_type\": \"url\", \"url\": \"https://www.youtube.com/watch?v=xxxxxxxxxxx\", \"id\": \"xxxxxxxxxxx\", \"title\": \"[Private video]\"}"));
        assertInstanceOf(FlatEntries.Skipped.class, FlatEntries.parse(
                "{\"_type\": \"url\", \"url\": \"https://www.youtube.com/watch?v=yyyyyyyyyyy\", \"id\": \"yyyyyyyyyyy\", \"title\": \"[Deleted video]\"}"));
        assertInstanceOf(FlatEntries.Skipped.class, FlatEntries.parse("WARNING: something"));
        assertInstanceOf(FlatEntries.Skipped.class, FlatEntries.parse("{\"title\": \"no url\"}"));
    }

    /** Fields as {@code yt_dlp/extractor/youtube/_tab.py} (2026.08.19) lines 118-166 fill them for a listed video. */
    @Test
    void a_members_only_entry_is_marked_unavailable_and_an_upcoming_one_waits_for_its_release() {
        VideoEntry members = video("{\"_type\": \"url\", \"ie_key\": \"Youtube\", \"id\": \"mmmmmmmmmmm\", "
                + "\"url\": \"https://www.youtube.com/watch?v=mmmmmmmmmmm\", \"title\": \"For members\", "
                + "\"availability\": \"subscriber_only\", \"live_status\": null, \"release_timestamp\": null}");
        assertTrue(members.unavailable().startsWith("members-only"), members.unavailable());
        assertTrue(members.unavailable().contains("--cookies"), members.unavailable());
        assertEquals("", members.available().unavailable());
        VideoEntry upcoming = video("{\"_type\": \"url\", \"id\": \"uuuuuuuuuuu\", "
                + "\"url\": \"https://www.youtube.com/watch?v=uuuuuuuuuuu\", \"availability\": \"public\", "
                + "\"live_status\": \"is_upcoming\", \"release_timestamp\": 1798761600}");
        assertEquals(java.time.Instant.parse("2027-01-01T00:00:00Z"), upcoming.notBefore());
        assertEquals("", upcoming.unavailable());
        VideoEntry plain = video("{\"_type\": \"url\", \"id\": \"ppppppppppp\", "
                + "\"url\": \"https://www.youtube.com/watch?v=ppppppppppp\", \"availability\": \"public\", "
                + "\"live_status\": \"was_live\", \"release_timestamp\": 1700000000}");
        assertNull(plain.notBefore());
        assertEquals("", plain.unavailable());
    }
}
