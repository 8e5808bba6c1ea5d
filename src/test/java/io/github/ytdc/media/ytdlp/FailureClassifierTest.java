package io.github.ytdc.media.ytdlp;

import static io.github.ytdc.coord.FailureClass.FATAL;
import static io.github.ytdc.coord.FailureClass.HOST_BLOCKED;
import static io.github.ytdc.coord.FailureClass.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.TaskFailure;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureClassifierTest {
    private static final String REPORT = "; please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , "
            + "filling out the appropriate issue template. Confirm you are on the latest version using  yt-dlp -U";

    /** stderr as yt-dlp 2023.03.04 printed it (fixtures/ytdlp/NOTES.md section 7), and YouTube's own messages. */
    static Stream<Arguments> realMessages() {
        return Stream.of(
                // fixture lab, verbatim
                Arguments.of("ERROR: [generic] None: Unable to download webpage: HTTP Error 404: Not Found (caused by <HTTPError 404: 'Not Found'>)" + REPORT, FATAL),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: HTTP Error 403: Forbidden (caused by <HTTPError 403: 'Forbidden'>)" + REPORT, FATAL),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: HTTP Error 429: Too Many Requests (caused by <HTTPError 429: 'Too Many Requests'>)" + REPORT, HOST_BLOCKED),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: HTTP Error 500: Internal Server Error (caused by <HTTPError 500: 'Internal Server Error'>)" + REPORT, TRANSIENT),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: HTTP Error 503: Service Unavailable (caused by <HTTPError 503: 'Service Unavailable'>)" + REPORT, TRANSIENT),
                Arguments.of("ERROR: unable to download video data: HTTP Error 403: Forbidden", TRANSIENT),
                Arguments.of("ERROR: unable to download video data: HTTP Error 404: Not Found", TRANSIENT),
                Arguments.of("ERROR: unable to download video data: HTTP Error 429: Too Many Requests", HOST_BLOCKED),
                Arguments.of("ERROR: \r[download] Got error: HTTP Error 503: Service Unavailable. Giving up after 10 retries", TRANSIENT),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: <urlopen error [Errno 111] Connection refused> (caused by URLError(ConnectionRefusedError(111, 'Connection refused')))", TRANSIENT),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: timed out (caused by TimeoutError('timed out'))" + REPORT, TRANSIENT),
                Arguments.of("ERROR: \r[download] Got error: Downloaded 3072 bytes, expected 20500 bytes. Giving up after 2 retries", TRANSIENT),
                Arguments.of("ERROR: Unsupported URL: http://127.0.0.1:18080/empty.html", FATAL),
                Arguments.of("ERROR: [generic] None: 'notaurl' is not a valid URL. Set --default-search \"ytsearch\" (or run  yt-dlp \"ytsearch:notaurl\" ) to search YouTube", FATAL),
                Arguments.of("ERROR: [DRM] None: The requested site is known to use DRM protection. It will NOT be supported.", FATAL),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: <urlopen error file:// URLs are explicitly disabled in yt-dlp for security reasons. Use --enable-file-urls to enable at your own risk.>", FATAL),
                Arguments.of("ERROR: [generic] None: Unable to download webpage: <urlopen error [Errno -2] Name or service not known> (caused by URLError(gaierror(-2, 'Name or service not known')))", TRANSIENT),
                Arguments.of("ERROR: [youtube:tab] @SomeChannel: Unable to download API page: <urlopen error [Errno -2] Name or service not known> (caused by URLError(gaierror(-2, 'Name or service not known')))", TRANSIENT),
                Arguments.of("ERROR: [Errno 32] Broken pipe", TRANSIENT),
                // YouTube's messages as yt-dlp relays them
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm you’re not a bot. This helps protect our community. Learn more", HOST_BLOCKED),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm you're not a bot. Use --cookies-from-browser or --cookies for the authentication.", HOST_BLOCKED),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Unable to download API page: HTTP Error 429: Too Many Requests", HOST_BLOCKED),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This content isn’t available, try again later.", HOST_BLOCKED),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: This video is not available", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Private video. Sign in if you've been granted access to this video", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This video has been removed by the uploader", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This video is no longer available because the YouTube account associated with this video has been terminated.", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This video contains content from SME, who has blocked it on copyright grounds.", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: This video has been removed for violating YouTube's Terms of Service", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm your age. This video may be inappropriate for some users.", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Join this channel to get access to members-only content like this video, and other exclusive perks.", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: The uploader has not made this video available in your country", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: This live event will begin in 3 hours.", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Requested format is not available. Use --list-formats for a list of available formats", FATAL),
                Arguments.of("ERROR: [youtube:tab] @SomeChannel: This channel does not have a shorts tab", FATAL));
    }

    @ParameterizedTest
    @MethodSource("realMessages")
    void each_real_yt_dlp_message_lands_in_its_class(String stderr, FailureClass expected) {
        TaskFailure f = FailureClassifier.failure(List.of(stderr.split("\n")), 1);
        assertEquals(expected, f.failureClass(), stderr);
    }

    @Test
    void the_message_keeps_the_error_and_drops_the_prefix_carriage_return_and_report_boilerplate() {
        TaskFailure f = FailureClassifier.failure(List.of(
                "WARNING: [generic] Falling back on generic information extractor",
                "ERROR: [generic] None: Unable to download webpage: HTTP Error 404: Not Found (caused by <HTTPError 404: 'Not Found'>)" + REPORT), 1);
        assertEquals("[generic] None: Unable to download webpage: HTTP Error 404: Not Found (caused by <HTTPError 404: 'Not Found'>)",
                f.getMessage());
    }

    @Test
    void an_error_split_after_its_carriage_return_is_read_from_the_next_line() {
        TaskFailure f = FailureClassifier.failure(List.of("ERROR: ",
                "[download] Got error: HTTP Error 503: Service Unavailable. Giving up after 10 retries"), 1);
        assertEquals("[download] Got error: HTTP Error 503: Service Unavailable. Giving up after 10 retries", f.getMessage());
        assertEquals(TRANSIENT, f.failureClass());
    }

    @Test
    void rejected_arguments_without_an_error_line_are_transient_and_say_what_to_check() {
        TaskFailure f = FailureClassifier.failure(List.of("Usage: yt-dlp [OPTIONS] URL [URL...]", "",
                "yt-dlp: error: no such option: --no-such-option"), 2);
        assertEquals(TRANSIENT, f.failureClass());
        assertTrue(f.getMessage().contains("extra yt-dlp arguments"), f.getMessage());
        assertTrue(f.getMessage().contains("no such option: --no-such-option"), f.getMessage());
    }

    @Test
    void very_long_messages_are_clipped_to_fit_a_cell_comfortably() {
        TaskFailure f = FailureClassifier.failure(List.of("ERROR: " + "x".repeat(5000)), 1);
        assertEquals(500, f.getMessage().length());
        assertFalse(f.getMessage().contains("\n"));
    }
}
