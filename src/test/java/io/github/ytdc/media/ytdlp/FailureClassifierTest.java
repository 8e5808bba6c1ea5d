package io.github.ytdc.media.ytdlp;

import static io.github.ytdc.coord.FailureClass.FATAL;
import static io.github.ytdc.coord.FailureClass.HOST_BLOCKED;
import static io.github.ytdc.coord.FailureClass.HOST_FAULT;
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
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This video is no longer available due to a copyright claim by SME", FATAL),
                // a geo block: the video may work from a host elsewhere, so it is retried rather than lost at once
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This video contains content from SME, who has blocked it in your country on copyright grounds.", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: This video is not available from your location due to geo restriction", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: This video has been removed for violating YouTube's Terms of Service", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm your age. This video may be inappropriate for some users.", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Join this channel to get access to members-only content like this video, and other exclusive perks.", FATAL),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: The uploader has not made this video available in your country", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: This live event will begin in 3 hours.", TRANSIENT),
                Arguments.of("ERROR: [youtube] dQw4w9WgXcQ: Requested format is not available. Use --list-formats for a list of available formats", FATAL),
                Arguments.of("ERROR: [youtube:tab] @SomeChannel: This channel does not have a shorts tab", FATAL));
    }

    private static final String EJS = "https://github.com/yt-dlp/yt-dlp/wiki/EJS";
    /** {@code yt_dlp/extractor/youtube/_video.py} (2026.08.19) line 2996, the warning of a host without a runtime. */
    private static final String NO_RUNTIME = "WARNING: [youtube] No supported JavaScript runtime could be found. Only deno "
            + "is enabled by default; to use another runtime add  --js-runtimes RUNTIME[:PATH]  to your command/config. "
            + "YouTube extraction without a JS runtime has been deprecated, and some formats may be missing. See  " + EJS
            + "  for details on installing one";
    /** {@code _video.py} lines 3341-3356: the help message after an unsolved challenge. */
    private static final String HELP = "Ensure you have a supported JavaScript runtime and challenge solver script "
            + "distribution installed. Review any warnings presented before this message. For more details, refer to  " + EJS;
    private static final String N_FAILED = "WARNING: [youtube] dQw4w9WgXcQ: n challenge solving failed: Some formats may be missing. " + HELP;
    private static final String SIG_FAILED = "WARNING: [youtube] dQw4w9WgXcQ: Signature solving failed: Some formats may be missing. " + HELP;
    /** {@code YoutubeDL.py} line 2937 ({@code 'only images ...'.capitalize()}). */
    private static final String ONLY_IMAGES = "WARNING: Only images are available for download. use --list-formats to see them";
    /** {@code YoutubeDL.py} line 3097. */
    private static final String NO_FORMAT = "ERROR: [youtube] dQw4w9WgXcQ: Requested format is not available. Use --list-formats for a list of available formats";
    /** {@code extractor/youtube/jsc/_director.py} lines 186-195, through the provider logger's "[jsc:deno] " prefix. */
    private static final String SKIPPED = "WARNING: [youtube] [jsc:deno] Remote component challenge solver script (deno) was "
            + "skipped. It may be required to solve JS challenges. You can enable the download with  --remote-components "
            + "ejs:github  (recommended). For more information and alternatives, refer to  " + EJS;

    /** Failure chains whose last ERROR alone would look like the video's fault, and yt-dlp's host-side errors. */
    static Stream<Arguments> hostChains() {
        return Stream.of(
                Arguments.of(List.of(NO_RUNTIME, N_FAILED, ONLY_IMAGES, NO_FORMAT), HOST_FAULT, "No supported JavaScript runtime"),
                Arguments.of(List.of(SIG_FAILED, NO_FORMAT), HOST_FAULT, "Signature solving failed"),
                Arguments.of(List.of(SKIPPED, N_FAILED, NO_FORMAT), HOST_FAULT, "Remote component"),
                // _video.py line 3198: missing PO tokens skip formats
                Arguments.of(List.of("WARNING: [youtube] dQw4w9WgXcQ: ios client https formats require a GVS PO Token which "
                        + "was not provided. They will be skipped as they may yield HTTP Error 403. You can manually pass a "
                        + "GVS PO Token for this client with --extractor-args \"youtube:po_token=ios.gvs+XXX\". For more "
                        + "information, refer to  https://github.com/yt-dlp/yt-dlp/wiki/PO-Token-Guide", NO_FORMAT), HOST_FAULT, "PO-token provider"),
                // YoutubeDL.py line 1194
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: No video formats found!"), HOST_FAULT, "update"),
                // _video.py line 3189
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: Failed to extract any player response"), HOST_FAULT, "update"),
                // YouTube's reason for a client it no longer serves, relayed by _video.py's raise_no_formats
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: The following content is not available on this app.. Watch on the latest version of YouTube."), HOST_FAULT, "update"),
                // _video.py line 3187
                Arguments.of(List.of("WARNING: [youtube] Skipping player responses from android_vr clients (got player responses "
                        + "for video \"aQvGIIdgFDM\" instead of \"dQw4w9WgXcQ\")",
                        "ERROR: [youtube] dQw4w9WgXcQ: All player responses are invalid. Your IP is likely being blocked by Youtube"), HOST_BLOCKED, ""),
                // _video.py line 4068: playerCaptchaViewModel
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. YouTube is requiring a captcha challenge before playback"), HOST_BLOCKED, ""),
                // _video.py line 4070: rate-limited session
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: Video unavailable. This content isn't available, try again later. The "
                        + "current session has been rate-limited by YouTube for up to an hour. It is recommended to use `-t sleep` "
                        + "to add a delay between video requests to avoid exceeding the rate limit."), HOST_BLOCKED, ""),
                // downloader/fragment.py line 300
                Arguments.of(List.of("ERROR: The downloaded file is empty"), HOST_BLOCKED, ""),
                // a YouTube page or API answering 403: extractor/common.py "Unable to download webpage" / _base.py "API page"
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: Unable to download webpage: HTTP Error 403: Forbidden (caused by <HTTPError 403: Forbidden>)"), HOST_BLOCKED, ""),
                Arguments.of(List.of("ERROR: [youtube:tab] @SomeChannel: Unable to download API page: HTTP Error 403: Forbidden (caused by <HTTPError 403: Forbidden>)"), HOST_BLOCKED, ""),
                // a media URL answering 403 after yt-dlp warned that PO tokens were missing (_video.py line 3198)
                Arguments.of(List.of("WARNING: [youtube] dQw4w9WgXcQ: mweb client https formats require a GVS PO Token "
                        + "which was not provided. They will be skipped as they may yield HTTP Error 403.",
                        "ERROR: unable to download video data: HTTP Error 403: Forbidden"), HOST_FAULT, "PO-token provider"),
                // postprocessor/ffmpeg.py line 234, reported by YoutubeDL.py line 3668
                Arguments.of(List.of("ERROR: Postprocessing: ffprobe and ffmpeg not found. Please install or provide the "
                        + "path using --ffmpeg-location"), HOST_FAULT, "install ffmpeg"),
                // yt_dlp/__init__.py line 5, raised as an ImportError by a zipapp on an old python3
                Arguments.of(List.of("Traceback (most recent call last):", "ImportError: You are using an unsupported version "
                        + "of Python. Only Python versions 3.10 and above are supported by yt-dlp"), HOST_FAULT, "cannot start"),
                // an older yt-dlp's words for the same failure (_video.py before commit 6224a38988, line 3399)
                Arguments.of(List.of("WARNING: [youtube] dQw4w9WgXcQ: nsig extraction failed: Some formats may be missing",
                        NO_FORMAT), HOST_FAULT, "JavaScript runtime"),
                // extractor/common.py line 1342: the page changed under this yt-dlp
                Arguments.of(List.of("ERROR: [youtube] dQw4w9WgXcQ: Unable to extract yt initial data; please report this issue on "
                        + " https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template. Confirm you "
                        + "are on the latest version using  yt-dlp -U"), HOST_FAULT, "update"),
                // extractor/youtube/_mistakes.py line 68
                Arguments.of(List.of("ERROR: [youtube:truncated_id] dQw4w9WgX: Incomplete YouTube ID dQw4w9WgX. URL "
                        + "https://www.youtube.com/watch?v=dQw4w9WgX looks truncated."), FATAL, ""),
                // the output folder
                Arguments.of(List.of("ERROR: unable to open for writing: [Errno 13] Permission denied: '/srv/out/.ytdc-tmp/x/a.mp4.part'"), HOST_FAULT, "writable"),
                Arguments.of(List.of("ERROR: unable to write data: [Errno 28] No space left on device"), HOST_FAULT, "free space"),
                Arguments.of(List.of("ERROR: Unable to create directory [Errno 30] Read-only file system: '/mnt/ro'"), HOST_FAULT, "writable"),
                // a channel or playlist that does not exist is fatal for its source: _tab.py lines 1006 and 1028
                Arguments.of(List.of("ERROR: [youtube:tab] @nosuchchannel: The channel/playlist does not exist and the URL redirected to youtube.com home page"), FATAL, ""),
                Arguments.of(List.of("ERROR: [youtube:tab] PLxxxx: Failed to resolve url (does the playlist exist?)"), FATAL, ""));
    }

    @ParameterizedTest
    @MethodSource("hostChains")
    void warnings_and_host_side_errors_are_read_before_the_last_error(List<String> stderr, FailureClass expected, String hint) {
        TaskFailure f = FailureClassifier.failure(stderr, 1);
        assertEquals(expected, f.failureClass(), stderr.toString());
        assertTrue(f.getMessage().contains(hint), f.getMessage());
        assertTrue(f.getMessage().length() <= 500);
    }

    @Test
    void a_toolchain_failure_says_what_happened_and_how_to_fix_it() {
        TaskFailure f = FailureClassifier.failure(List.of(NO_RUNTIME, N_FAILED, ONLY_IMAGES, NO_FORMAT), 1);
        assertEquals("toolchain: [youtube] No supported JavaScript runtime could be found. -> [youtube] dQw4w9WgXcQ: "
                + "Requested format is not available. Use --list-formats for a list of available formats (fix: "
                + FailureClassifier.TOOLCHAIN_FIX + ")", f.getMessage());
    }

    @Test
    void requested_format_not_available_without_toolchain_warnings_stays_the_videos_fault() {
        assertEquals(FATAL, FailureClassifier.failure(List.of("WARNING: [youtube] Falling back", NO_FORMAT), 1).failureClass());
    }

    @Test
    void members_only_and_age_restricted_point_at_the_cookies_when_cookies_were_given() {
        String age = "ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm your age. This video may be inappropriate for some "
                + "users. Use --cookies-from-browser or --cookies for the authentication. See  "
                + "https://github.com/yt-dlp/yt-dlp/wiki/FAQ#how-do-i-pass-cookies-to-yt-dlp  for how to manually pass cookies";
        String members = "ERROR: [youtube] dQw4w9WgXcQ: Join this channel to get access to members-only content like this "
                + "video, and other exclusive perks.";
        // _base.py line 824
        String rotated = "WARNING: [youtube] The provided YouTube account cookies are no longer valid. They have likely been "
                + "rotated in the browser as a security measure. For tips on how to effectively export YouTube cookies, "
                + "refer to  https://github.com/yt-dlp/yt-dlp/wiki/Extractors#exporting-youtube-cookies .";
        assertEquals(FATAL, FailureClassifier.failure(List.of(age), 1, false).failureClass());
        // a bot check stays a block of this host's IP, cookies or not
        assertEquals(HOST_BLOCKED, FailureClassifier.failure(List.of("ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm "
                + "you’re not a bot. Use --cookies-from-browser or --cookies for the authentication."), 1, true).failureClass());
        assertEquals(FATAL, FailureClassifier.failure(List.of(members), 1, false).failureClass());
        TaskFailure withCookies = FailureClassifier.failure(List.of(age), 1, true);
        assertEquals(HOST_FAULT, withCookies.failureClass());
        assertTrue(withCookies.getMessage().contains("export it again"), withCookies.getMessage());
        assertEquals(HOST_FAULT, FailureClassifier.failure(List.of(rotated, members), 1, true).failureClass());
        // signed in but perhaps not a member: retried, and dead-lettered in the end, rather than pausing the host for ever
        TaskFailure member = FailureClassifier.failure(List.of(members), 1, true);
        assertEquals(TRANSIENT, member.failureClass());
        assertTrue(member.getMessage().contains("not be a member"), member.getMessage());
        // a private video stays private whoever asks
        assertEquals(FATAL, FailureClassifier.failure(List.of("ERROR: [youtube] dQw4w9WgXcQ: Private video. Sign in if "
                + "you've been granted access to this video"), 1, true).failureClass());
    }

    @Test
    void a_yt_dlp_that_cannot_start_is_the_hosts_fault() {
        TaskFailure f = FailureClassifier.failure(List.of("Traceback (most recent call last):",
                "ModuleNotFoundError: No module named 'yt_dlp'"), 1);
        assertEquals(HOST_FAULT, f.failureClass());
        assertTrue(f.getMessage().contains("cannot start") && f.getMessage().contains("ytdc tools install"), f.getMessage());
        assertEquals(HOST_FAULT, FailureClassifier.failure(List.of("/usr/bin/env: 'python3': No such file or directory"), 127).failureClass());
    }

    @Test
    void toolchain_warnings_are_found_for_a_download_that_succeeded_degraded() {
        assertTrue(FailureClassifier.toolchainWarning(List.of("[youtube] Extracting URL", N_FAILED)).isPresent());
        assertFalse(FailureClassifier.toolchainWarning(List.of("WARNING: [youtube] Falling back on generic information extractor")).isPresent());
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
