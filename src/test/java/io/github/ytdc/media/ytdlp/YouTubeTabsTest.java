package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.ExpandOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YouTubeTabsTest {

    @Test
    void every_channel_url_form_has_a_root() {
        assertEquals(Optional.of("https://www.youtube.com/@name"), YouTubeTabs.channelRoot("https://www.youtube.com/@name"));
        assertEquals(Optional.of("https://www.youtube.com/@name"), YouTubeTabs.channelRoot("https://youtube.com/@name/"));
        assertEquals(Optional.of("https://www.youtube.com/@name"), YouTubeTabs.channelRoot("https://m.youtube.com/@name/featured"));
        assertEquals(Optional.of("https://www.youtube.com/channel/UCabc"), YouTubeTabs.channelRoot("https://www.youtube.com/channel/UCabc"));
        assertEquals(Optional.of("https://www.youtube.com/c/name"), YouTubeTabs.channelRoot("http://www.youtube.com/c/name?x=1"));
        assertEquals(Optional.of("https://www.youtube.com/user/name"), YouTubeTabs.channelRoot("https://www.youtube.com/user/name"));
    }

    @Test
    void tab_urls_playlists_videos_and_other_sites_have_no_root() {
        assertTrue(YouTubeTabs.channelRoot("https://www.youtube.com/@name/videos").isEmpty());
        assertTrue(YouTubeTabs.channelRoot("https://www.youtube.com/playlist?list=PL123").isEmpty());
        assertTrue(YouTubeTabs.channelRoot("https://www.youtube.com/watch?v=aaaaaaaaaaa").isEmpty());
        assertTrue(YouTubeTabs.channelRoot("https://example.com/@name").isEmpty());
        assertTrue(YouTubeTabs.channelRoot("not a url").isEmpty());
    }

    @Test
    void a_bare_handle_becomes_a_channel_url() {
        assertEquals("https://www.youtube.com/@someone", YouTubeTabs.normalise(" @someone "));
        assertEquals("https://example.com/feed.rss", YouTubeTabs.normalise("https://example.com/feed.rss"));
    }

    @Test
    void the_videos_tab_is_always_targeted_and_shorts_and_streams_only_when_asked() {
        String root = "https://www.youtube.com/@name";
        assertEquals(List.of(root + "/videos"), YouTubeTabs.targetTabs(root, ExpandOptions.defaults()));
        assertEquals(List.of(root + "/videos", root + "/shorts", root + "/streams"),
                YouTubeTabs.targetTabs(root, new ExpandOptions(0, true, true)));
        assertEquals(List.of(root + "/videos", root + "/streams"), YouTubeTabs.targetTabs(root, new ExpandOptions(0, false, true)));
    }

    @Test
    void tab_urls_name_their_tab() {
        assertEquals(Optional.of(YouTubeTabs.Tab.STREAMS), YouTubeTabs.tabOf("https://www.youtube.com/channel/UCabc/streams"));
        assertEquals(Optional.of(YouTubeTabs.Tab.VIDEOS), YouTubeTabs.tabOf("https://www.youtube.com/@n/videos"));
        assertTrue(YouTubeTabs.tabOf("https://www.youtube.com/@n/playlists").isEmpty());
        assertTrue(YouTubeTabs.tabOf("https://www.youtube.com/@n").isEmpty());
    }
}
