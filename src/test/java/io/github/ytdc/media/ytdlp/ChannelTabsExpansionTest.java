package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.ExpandOptions;
import io.github.ytdc.coord.VideoEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a YouTube channel URL becomes its videos. YouTube is out of reach offline, so a stand-in script answers the
 * way yt-dlp does for a channel (tab entries for the root, videos for a tab, an error for a missing tab) and
 * records which URLs it was asked to list.
 */
class ChannelTabsExpansionTest {
    private static final String ROOT = "https://www.youtube.com/@chan";
    @TempDir
    Path dir;
    Path calls;
    Toolchain tools;

    @BeforeEach
    void writeStandIn() throws Exception {
        calls = dir.resolve("calls.txt");
        Path script = dir.resolve("yt-dlp");
        Files.writeString(script, """
                #!/bin/sh
                for a; do url="$a"; done
                echo "$url" >> '%s'
                case "$url" in
                  */videos) echo '{"_type": "url", "url": "https://www.youtube.com/watch?v=vvvvvvvvvv1", "id": "vvvvvvvvvv1", "title": "V1", "duration": 61.0}'
                            echo '{"_type": "url", "url": "https://www.youtube.com/watch?v=vvvvvvvvvv2", "id": "vvvvvvvvvv2", "title": "[Private video]"}' ;;
                  */shorts) echo '{"_type": "url", "url": "https://www.youtube.com/shorts/sssssssss01", "id": "sssssssss01", "title": "S1"}' ;;
                  */streams) echo 'ERROR: [youtube:tab] @chan: This channel does not have a streams tab' >&2; exit 1 ;;
                  *) echo '{"_type": "url", "ie_key": "YoutubeTab", "url": "https://www.youtube.com/@chan/videos", "title": "chan - Videos"}'
                     echo '{"_type": "url", "ie_key": "YoutubeTab", "url": "https://www.youtube.com/@chan/shorts", "title": "chan - Shorts"}'
                     echo '{"_type": "url", "ie_key": "YoutubeTab", "url": "https://www.youtube.com/@chan/streams", "title": "chan - Live"}' ;;
                esac
                """.formatted(calls));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        tools = Toolchain.of(script, null);
    }

    private List<String> expand(YtDlpMediaPort.ChannelTabs mode, String url, ExpandOptions options) {
        List<VideoEntry> got = new ArrayList<>();
        new YtDlpMediaPort(tools, mode, Duration.ofSeconds(30)).expand(url, options, got::add, TaskContext.detached());
        return got.stream().map(VideoEntry::id).toList();
    }

    private List<String> listed() throws Exception {
        return Files.readAllLines(calls);
    }

    @Test
    void targeting_lists_the_videos_tab_directly_and_never_the_root() throws Exception {
        assertEquals(List.of("vvvvvvvvvv1"), expand(YtDlpMediaPort.ChannelTabs.TARGET, ROOT, ExpandOptions.defaults()));
        assertEquals(List.of(ROOT + "/videos"), listed());
    }

    @Test
    void shorts_and_live_tabs_are_added_when_asked_and_a_missing_tab_is_just_empty() throws Exception {
        assertEquals(List.of("vvvvvvvvvv1", "sssssssss01"),
                expand(YtDlpMediaPort.ChannelTabs.TARGET, "@chan", new ExpandOptions(0, true, true)));
        assertEquals(List.of(ROOT + "/videos", ROOT + "/shorts", ROOT + "/streams"), listed());
    }

    @Test
    void following_lists_the_root_then_only_the_wanted_tabs_it_returned() throws Exception {
        assertEquals(List.of("vvvvvvvvvv1"), expand(YtDlpMediaPort.ChannelTabs.FOLLOW, ROOT, ExpandOptions.defaults()));
        assertEquals(List.of(ROOT, ROOT + "/videos"), listed());
    }

    @Test
    void the_video_limit_spans_tabs_and_stops_listing_once_reached() throws Exception {
        assertEquals(List.of("vvvvvvvvvv1"), expand(YtDlpMediaPort.ChannelTabs.TARGET, ROOT, new ExpandOptions(1, true, true)));
        assertEquals(List.of(ROOT + "/videos"), listed());
    }

    @Test
    void a_tab_url_given_by_the_user_is_listed_as_is() throws Exception {
        assertEquals(List.of("sssssssss01"), expand(YtDlpMediaPort.ChannelTabs.TARGET, ROOT + "/shorts", ExpandOptions.defaults()));
        assertEquals(List.of(ROOT + "/shorts"), listed());
    }
}
