package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.TaskFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides from yt-dlp's own words whether a failure is the video's fault (fatal), bad luck (transient), this host
 * being blocked, or this host and its toolchain being unable to do the work (host fault). Pure: it sees only stderr
 * text, the exit code and whether cookies were given.
 *
 * <p>It reads the {@code WARNING:} lines as well as the last {@code ERROR:}: since yt-dlp 2025.11.12 a host without a
 * JavaScript runtime prints a chain of warnings (no runtime, n challenge solving failed, only images) and ends with
 * {@code Requested format is not available}, which on its own would look like the video's fault.
 *
 * <p>The texts come from yt-dlp's source (2026.08.19): {@code yt_dlp/extractor/youtube/_video.py} (the runtime,
 * challenge, player-response, captcha and rate-limit messages), {@code YoutubeDL.py} ("Only images are available",
 * "No video formats found!", "Requested format is not available"), {@code extractor/youtube/jsc/_director.py} and
 * {@code jsc/_builtin/ejs.py} (skipped or unusable challenge solver scripts), {@code extractor/youtube/_base.py}
 * (rotated cookies), {@code extractor/youtube/_tab.py} (a channel or playlist that does not exist),
 * {@code extractor/common.py} (geo restriction) and {@code downloader/fragment.py} ("The downloaded file is empty").
 * YouTube's own reasons (private, removed, copyright, members-only, age) are relayed by yt-dlp verbatim.
 *
 * <p>Rules are tried in order and the first match wins. Anything unknown is transient: a retry with backoff costs
 * little, while a wrong fatal verdict loses a video for good.
 */
final class FailureClassifier {
    private static final int MAX_MESSAGE = 500;
    private static final Pattern REPORT_SUFFIX = Pattern.compile(";\\s*please report this issue on.*$", Pattern.DOTALL);
    static final String TOOLCHAIN_FIX = "install a supported JavaScript runtime (deno) and a current yt-dlp: "
            + "run 'ytdc tools install', then 'ytdc doctor'";
    static final String UPDATE_FIX = "YouTube changed and this yt-dlp cannot follow: update it ('ytdc tools update'), "
            + "then 'ytdc doctor'";
    static final String COOKIE_FIX = "the cookies file did not sign in (expired or rotated?): export it again from a "
            + "private window of an account that may watch this video";
    static final String DISK_FIX = "check that the output folder exists, is writable by this user and has free space";

    /** yt-dlp's warnings that the toolchain could not solve YouTube's JavaScript challenge or lacks formats. */
    private static final Pattern TOOLCHAIN_WARNING = ci(String.join("|",
            "No supported JavaScript runtime could be found",
            "(n challenge|Signature) solving failed",
            // yt-dlp before 2025.11.12 (its _video.py up to commit 6224a38988): the same failure, older words
            "(nsig|Signature) extraction failed",
            "Only images are available for download",
            "Remote components? .{0,200}(was|were) skipped",
            "No usable challenge solver",
            "challenge solver .{0,40}script .{0,80}is not supported",
            "Hash mismatch on challenge solver",
            "Failed to (load|read|download) .{0,30}challenge solver",
            "formats require a GVS PO Token which was not provided",
            "YouTube is forcing SABR streaming",
            "SABR-only streaming experiment"));
    /** An error that only means "no usable format", which the warnings above explain. */
    private static final Pattern NO_FORMATS = ci("Requested format is not available|No video formats found"
            + "|Only images are available|HTTP Error 403");
    private static final Pattern COOKIES_ROTATED = ci("cookies are no longer valid");
    /** YouTube asking for an account; with cookies given, the cookies did not sign in. */
    private static final Pattern NEEDS_SIGN_IN = ci("confirm your age|age-restricted|inappropriate for some users"
            + "|only available for registered users");
    private static final Pattern MEMBERS_ONLY = ci("members-only|Join this channel to get access");
    private static final Pattern CANNOT_START = ci("ModuleNotFoundError|No module named|ImportError|SyntaxError"
            + "|unsupported version of Python"
            + "|Python version [\\d.]+ is no longer supported|requires Python|bad interpreter|cannot execute binary"
            + "|exec format error|Permission denied: '?/");

    private record Rule(Pattern pattern, FailureClass failureClass, String fix) {}

    private static Pattern ci(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    private static Rule rule(FailureClass c, String regex) {
        return new Rule(ci(regex), c, null);
    }

    private static Rule rule(FailureClass c, String regex, String fix) {
        return new Rule(ci(regex), c, fix);
    }

    private static final List<Rule> RULES = List.of(
            // This host is blocked or throttled: not the video's fault, so no retry is counted.
            rule(FailureClass.HOST_BLOCKED, "confirm you.{0,3}re not a bot"),
            rule(FailureClass.HOST_BLOCKED, "HTTP Error 429|Too Many Requests"),
            rule(FailureClass.HOST_BLOCKED, "rate-limited by YouTube|content isn.t available, try again later"),
            rule(FailureClass.HOST_BLOCKED, "requiring a captcha|captcha challenge"),
            rule(FailureClass.HOST_BLOCKED, "player responses are invalid|Your IP is likely being blocked"),
            rule(FailureClass.HOST_BLOCKED, "The downloaded file is empty"),
            // yt-dlp gives up on a YouTube page or API answering 403 at once: throttling or missing PO tokens.
            rule(FailureClass.HOST_BLOCKED, "^\\[youtube[^\\]]*\\].{0,200}Unable to download[^:]{0,40}: HTTP Error 403"),
            // This host or its toolchain cannot do the work: nothing is the video's fault.
            rule(FailureClass.HOST_FAULT, "No supported JavaScript runtime|No usable challenge solver", TOOLCHAIN_FIX),
            rule(FailureClass.HOST_FAULT, "No video formats found|Failed to extract any player response"
                    + "|not available on this app", UPDATE_FIX),
            rule(FailureClass.HOST_FAULT, "ffmpeg not found|ffprobe and ffmpeg not found|ffmpeg is not installed",
                    "install ffmpeg ('apt-get install ffmpeg') or pass --ffmpeg PATH"),
            rule(FailureClass.HOST_FAULT, "unsupported version of Python", "use the yt-dlp_linux build "
                    + "('ytdc tools install'), which bundles its own Python"),
            rule(FailureClass.HOST_FAULT, "No space left on device|Errno 28\\b|Disk quota exceeded|Errno 122\\b"
                    + "|Read-only file system|Errno 30\\b|Permission denied|Errno 13\\b|unable to open for writing"
                    + "|Unable to create directory", DISK_FIX),
            // A YouTube page yt-dlp can no longer parse (extractor/common.py "Unable to extract ..."): update it.
            rule(FailureClass.HOST_FAULT, "^\\[youtube[^\\]]*\\].{0,200}Unable to extract", UPDATE_FIX),
            // Signed media URLs expire and YouTube answers 403/404 on them when it throttles: a retry re-extracts.
            rule(FailureClass.TRANSIENT, "unable to download video data: HTTP Error (403|404)"),
            // A YouTube page answering 404: yt-dlp notes that "sometimes a 404 is also received" for pages that exist.
            rule(FailureClass.TRANSIENT, "^\\[youtube[^\\]]*\\].{0,200}HTTP Error 404"),
            // Upcoming premieres and live events will work later.
            rule(FailureClass.TRANSIENT, "live event will begin|Premieres in|This live event is scheduled"),
            // A geo block is the video's fault only in this host's country: another host may still get it.
            rule(FailureClass.TRANSIENT, "not made this video available in your country|blocked it in your country"
                    + "|not available from your location|geo.?restrict"),
            // The video itself can never be downloaded.
            rule(FailureClass.FATAL, "Private video|This video is private|members-only|Join this channel to get access"),
            rule(FailureClass.FATAL, "has been removed|been terminated|no longer available|removed for violating"),
            rule(FailureClass.FATAL, "copyright|DRM protect"),
            rule(FailureClass.FATAL, "confirm your age|age-restricted|inappropriate for some users"),
            rule(FailureClass.FATAL, "live stream recording is not available|This live event has ended"),
            rule(FailureClass.FATAL, "Unsupported URL|is not a valid URL|file:// URLs are explicitly disabled"
                    + "|Incomplete YouTube ID"),
            // A channel or playlist that does not exist: fatal for its source.
            rule(FailureClass.FATAL, "does not have an? \\w+ tab|This playlist does not exist|The playlist does not exist"
                    + "|channel/playlist does not exist|does the playlist exist"),
            rule(FailureClass.FATAL, "Requested format is not available"),
            rule(FailureClass.FATAL, "HTTP Error (400|401|403|404|410)\\b"),
            // YouTube tells throttled hosts "Video unavailable" too, so it is never fatal on its own.
            rule(FailureClass.TRANSIENT, "Video unavailable|This video is not available"));

    private FailureClassifier() {}

    /** The class a single yt-dlp error message falls into, without the warnings that preceded it. */
    public static FailureClass classify(String message) {
        Rule r = match(message);
        return r == null ? FailureClass.TRANSIENT : r.failureClass();
    }

    /** {@link #failure(List, int, boolean)} for a run without cookies. */
    public static TaskFailure failure(List<String> stderrLines, int exitCode) {
        return failure(stderrLines, exitCode, false);
    }

    /**
     * Classifies a failed yt-dlp run from its stderr lines and exit code into a {@link TaskFailure} whose message
     * is the cleaned {@code ERROR:} line (suitable for the {@code LastError} column), preceded for host faults by the
     * warning that explains it and followed by the fix.
     *
     * @param withCookies whether yt-dlp was given a cookies file: then members-only and age-restricted videos point
     *                    at the cookies (a host fault), not at the video
     */
    public static TaskFailure failure(List<String> stderrLines, int exitCode, boolean withCookies) {
        String error = errorMessage(stderrLines);
        if (error == null) {
            return withoutErrorLine(stderrLines, exitCode);
        }
        Optional<String> toolchain = toolchainWarning(stderrLines);
        if (toolchain.isPresent() && NO_FORMATS.matcher(error).find()) {
            return new TaskFailure(FailureClass.HOST_FAULT, clip("toolchain: " + toolchain.get() + " -> " + error
                    + " (fix: " + fixFor(toolchain.get()) + ")"));
        }
        boolean rotated = hasWarning(stderrLines, COOKIES_ROTATED);
        boolean membersOnly = MEMBERS_ONLY.matcher(error).find();
        if ((rotated && (membersOnly || NEEDS_SIGN_IN.matcher(error).find()))
                || (withCookies && NEEDS_SIGN_IN.matcher(error).find())) {
            return new TaskFailure(FailureClass.HOST_FAULT, clip("cookies: " + error + " (fix: " + COOKIE_FIX + ")"));
        }
        if (withCookies && membersOnly) {
            // Signed in, but perhaps not as a member: retried (and dead-lettered) rather than blocking this host.
            return new TaskFailure(FailureClass.TRANSIENT, clip(error + " (the cookies' account may not be a member of "
                    + "this channel; if it is, " + COOKIE_FIX + ")"));
        }
        Rule r = match(error);
        if (r == null) {
            return new TaskFailure(FailureClass.TRANSIENT, clip(error));
        }
        String message = r.fix() == null ? error : error + " (fix: " + r.fix() + ")";
        return new TaskFailure(r.failureClass(), clip(message));
    }

    /**
     * The first warning saying that the toolchain could not solve YouTube's challenge or lost formats (no runtime,
     * challenge solving failed, only images, skipped solver scripts, missing PO tokens), cleaned; empty if none.
     * A download that succeeded after such a warning may have fallen back to a low resolution.
     */
    public static Optional<String> toolchainWarning(List<String> stderrLines) {
        for (String raw : stderrLines) {
            String line = raw.replace("\r", "").strip();
            if (line.startsWith("WARNING:") && TOOLCHAIN_WARNING.matcher(line).find()) {
                return Optional.of(firstSentence(line.substring("WARNING:".length()).strip()));
            }
        }
        return Optional.empty();
    }

    /** Up to the end of the sentence that matched, so the fix still fits in the LastError cell. */
    private static String firstSentence(String warning) {
        var m = TOOLCHAIN_WARNING.matcher(warning);
        int from = m.find() ? m.end() : 0;
        int end = warning.indexOf(". ", from);
        return clip(end < 0 ? warning : warning.substring(0, end + 1));
    }

    /** What to do about a toolchain warning. */
    static String fixFor(String warning) {
        return warning.contains("PO Token") || warning.contains("SABR")
                ? "configure a PO-token provider (--po-token-provider URL) or pass cookies; see the README's "
                        + "troubleshooting"
                : TOOLCHAIN_FIX;
    }

    /** No {@code ERROR:} line: yt-dlp could not start, or rejected its arguments, or died. */
    private static TaskFailure withoutErrorLine(List<String> stderrLines, int exitCode) {
        String last = lastNonBlank(stderrLines);
        if (exitCode == 126 || exitCode == 127 || stderrLines.stream().anyMatch(l -> CANNOT_START.matcher(l).find())) {
            return new TaskFailure(FailureClass.HOST_FAULT, clip("yt-dlp cannot start (exit code " + exitCode + ")"
                    + (last == null ? "" : ": " + last) + " (fix: reinstall it with 'ytdc tools install', then "
                    + "'ytdc doctor')"));
        }
        String why = exitCode == 2 ? "yt-dlp rejected its arguments (check the extra yt-dlp arguments)"
                : "yt-dlp exited with code " + exitCode;
        return new TaskFailure(FailureClass.TRANSIENT, clip(last == null ? why : why + ": " + last));
    }

    private static Rule match(String message) {
        for (Rule r : RULES) {
            if (r.pattern().matcher(message).find()) {
                return r;
            }
        }
        return null;
    }

    private static boolean hasWarning(List<String> lines, Pattern p) {
        return lines.stream().anyMatch(l -> l.contains("WARNING:") && p.matcher(l).find());
    }

    /**
     * The last {@code ERROR:} line of yt-dlp's stderr, without the {@code ERROR:} prefix, the stray carriage
     * return yt-dlp puts after it, and the "please report this issue" boilerplate; {@code null} if there is none.
     */
    static String errorMessage(List<String> stderrLines) {
        String found = null;
        for (String raw : stderrLines) {
            String line = raw.replace("\r", "").strip();
            if (line.startsWith("ERROR:")) {
                found = line.substring("ERROR:".length()).strip();
            } else if (found != null && found.isEmpty() && !line.isEmpty()) {
                // "ERROR: \r[download] Got error ..." can arrive split across two lines.
                found = line;
            }
        }
        if (found == null) {
            return null;
        }
        return REPORT_SUFFIX.matcher(found).replaceFirst("").strip();
    }

    private static String lastNonBlank(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        for (int i = copy.size() - 1; i >= 0; i--) {
            String l = copy.get(i).replace("\r", "").strip();
            if (!l.isEmpty()) {
                return l;
            }
        }
        return null;
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
