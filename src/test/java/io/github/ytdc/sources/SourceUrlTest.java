package io.github.ytdc.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "@LinusTechTips | https://www.youtube.com/@LinusTechTips",
        "youtube.com/@LinusTechTips | https://www.youtube.com/@LinusTechTips",
        "https://m.youtube.com/@LinusTechTips?si=abc | https://www.youtube.com/@LinusTechTips",
        "http://youtube.com/@LinusTechTips/ | https://www.youtube.com/@LinusTechTips",
        "HTTPS://WWW.YOUTUBE.COM/@LinusTechTips/Videos | https://www.youtube.com/@LinusTechTips/videos",
        "//www.youtube.com/@some.name | https://www.youtube.com/@some.name",
        "www.youtube.com/channel/UCXuqSBlHAE6Xw-yeJA0Tunw | https://www.youtube.com/channel/UCXuqSBlHAE6Xw-yeJA0Tunw",
        "youtube.com/c/LinusTechTips | https://www.youtube.com/c/LinusTechTips",
        "youtube.com/user/LinusTechTips/videos | https://www.youtube.com/user/LinusTechTips/videos",
    })
    void channels_are_normalised_to_one_https_www_form(String input, String expected) {
        SourceUrl url = SourceUrl.parse(input);
        assertEquals(expected, url.url());
        assertEquals(SourceKind.CHANNEL, url.kind());
        assertTrue(url.isYouTube());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=x1&feature=share&t=42s | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLabcdefghij | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "m.youtube.com/watch?v=dQw4w9WgXcQ#comments | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=Abc&t=10 | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "youtu.be/dQw4w9WgXcQ | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    })
    void videos_lose_tracking_parameters_and_become_watch_urls(String input, String expected) {
        SourceUrl url = SourceUrl.parse(input);
        assertEquals(expected, url.url());
        assertEquals(SourceKind.VIDEO, url.kind());
        assertEquals("youtube:video/dQw4w9WgXcQ", url.key());
    }

    @Test
    void playlists_keep_only_the_list_parameter() {
        SourceUrl url = SourceUrl.parse(" https://www.youtube.com/playlist?si=zz&list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI&feature=shared ");
        assertEquals("https://www.youtube.com/playlist?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI", url.url());
        assertEquals(SourceKind.PLAYLIST, url.kind());
    }

    @Test
    void any_other_http_url_is_accepted_as_typed_apart_from_scheme_and_host_case() {
        SourceUrl url = SourceUrl.parse("HTTPS://Vimeo.COM/channels/Staffpicks?page=2#top");
        assertEquals("https://vimeo.com/channels/Staffpicks?page=2#top", url.url());
        assertEquals(SourceKind.OTHER, url.kind());
        assertFalse(url.isYouTube());
    }

    @Test
    void other_youtube_pages_keep_their_path_but_lose_tracking_parameters() {
        SourceUrl url = SourceUrl.parse("https://youtube.com/results?search_query=cats&si=123");
        assertEquals("https://www.youtube.com/results?search_query=cats", url.url());
        assertEquals(SourceKind.OTHER, url.kind());
    }

    @Test
    void music_youtube_is_left_to_yt_dlp_as_typed() {
        SourceUrl url = SourceUrl.parse("https://music.youtube.com/playlist?list=OLAK5uy_abc");
        assertEquals("https://music.youtube.com/playlist?list=OLAK5uy_abc", url.url());
        assertEquals(SourceKind.OTHER, url.kind());
    }

    @Test
    void international_host_names_are_converted_to_punycode() {
        assertEquals("https://xn--bcher-kva.example/x", SourceUrl.parse("https://bücher.example/x").url());
    }

    @Test
    void ports_and_ip_addresses_are_accepted() {
        assertEquals("http://127.0.0.1:8080/feed", SourceUrl.parse("http://127.0.0.1:8080/feed").url());
        assertEquals("http://[::1]:8080/v", SourceUrl.parse("http://[::1]:8080/v").url());
        assertEquals("https://example.org:8443/v", SourceUrl.parse("example.org:8443/v").url());
    }

    @Test
    void the_same_channel_typed_differently_has_one_key() {
        String key = SourceUrl.parse("@LinusTechTips").key();
        assertEquals(key, SourceUrl.parse("https://m.youtube.com/@linustechtips/?si=1").key());
        assertEquals(key, SourceUrl.parse("youtube.com/@LINUSTECHTIPS").key());
        assertNotEquals(key, SourceUrl.parse("@LinusTechTips/shorts").key(), "a tab is a different source");
    }

    @Test
    void channel_ids_are_case_sensitive_in_the_key_but_handles_are_not() {
        assertNotEquals(SourceUrl.parse("youtube.com/channel/UCXuqSBlHAE6Xw-yeJA0Tunw").key(),
                SourceUrl.parse("youtube.com/channel/UCxuqSBlHAE6Xw-yeJA0Tunw").key());
    }

    @Test
    void other_urls_share_a_key_across_scheme_www_and_trailing_slash_but_not_path_case() {
        String key = SourceUrl.parse("https://www.example.org/shows/a/").key();
        assertEquals(key, SourceUrl.parse("http://example.org/shows/a").key());
        assertEquals(key, SourceUrl.parse("example.org:443/shows/a#frag").key());
        assertNotEquals(key, SourceUrl.parse("https://example.org/Shows/A").key());
    }

    @Test
    void key_of_an_unparseable_stored_value_is_the_value_itself() {
        assertEquals("raw:not a url", SourceUrl.keyOf("  not a url "));
        assertEquals(SourceUrl.parse("@abc").key(), SourceUrl.keyOf("https://www.youtube.com/@abc"));
    }

    @Test
    void unicode_handles_are_accepted_and_percent_encoded() {
        SourceUrl url = SourceUrl.parse("@日本語チャンネル");
        assertEquals("https://www.youtube.com/@%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%83%81%E3%83%A3%E3%83%B3%E3%83%8D%E3%83%AB", url.url());
        assertEquals(url.key(), SourceUrl.parse(url.url()).key());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                          | empty URL",
        "'   '                                       | empty URL",
        "https://youtube.com/@a b                    | contains a space",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\tx | contains a space",
        "ftp://example.org/file                      | unsupported scheme 'ftp:'",
        "javascript:alert(1)                         | unsupported scheme 'javascript:'",
        "file:///etc/passwd                          | unsupported scheme 'file:'",
        "https:example.org                           | expected '//' after 'https:'",
        "just-a-word                                 | is not a URL",
        "https://                                    | no host",
        "https://exa mple.org                        | contains a space",
        "https://example..org/x                      | malformed host",
        "https://-bad-.org/x                         | malformed host",
        "https://under_score.org/x                   | malformed host",
        "https://999.1.1.1/x                         | malformed host",
        "https://example.org:99999/x                 | malformed port",
        "https://example.org:abc/x                   | malformed port",
        "https://user:secret@example.org/x           | user name or password",
        "https://www.youtube.com/                    | YouTube home page",
        "https://www.youtube.com/watch?v=short       | not a YouTube video id",
        "https://www.youtube.com/watch?list=PLabc    | not a YouTube video id",
        "https://youtu.be/                           | not a YouTube video id",
        "https://www.youtube.com/shorts/abc!defghij  | not a YouTube video id",
        "https://www.youtube.com/channel/UCshort     | not a YouTube channel id",
        "https://www.youtube.com/channel/            | not a YouTube channel id",
        "https://www.youtube.com/playlist            | no list= parameter",
        "https://www.youtube.com/playlist?list=a*b   | not a playlist id",
        "https://www.youtube.com/c/                  | has no name after /c/",
        "@ab                                         | not a valid YouTube handle",
        "@has/slash/too/many!                        | is not a channel tab",
        "https://youtube.com/@name/videos/extra      | is not a channel tab",
    })
    void bad_input_is_rejected_with_a_reason(String input, String reasonFragment) {
        InvalidSourceUrlException e = assertThrows(InvalidSourceUrlException.class, () -> SourceUrl.parse(input));
        assertTrue(e.getMessage().contains(reasonFragment), () -> "message was: " + e.getMessage());
    }

    @Test
    void null_is_rejected_like_empty_text() {
        assertEquals("empty URL", assertThrows(InvalidSourceUrlException.class, () -> SourceUrl.parse(null)).getMessage());
    }

    @Test
    void a_password_in_a_rejected_url_is_not_echoed_in_the_message() {
        String msg = assertThrows(InvalidSourceUrlException.class,
                () -> SourceUrl.parse("https://user:s3cret@example.org/x")).getMessage();
        assertEquals("'https://***@example.org/x' carries a user name or password; remove it (sources are visible to everyone)", msg);
    }
}
