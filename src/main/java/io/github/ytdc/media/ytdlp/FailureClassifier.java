package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.TaskFailure;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides from yt-dlp's own words whether a failure is the video's fault (fatal), bad luck (transient) or this
 * host being blocked. Pure: it sees only stderr text and the exit code.
 *
 * <p>Rules are tried in order and the first match wins, so the specific ones come first. Anything unknown is
 * transient: a retry with backoff costs little, while a wrong fatal verdict loses a video for good.
 */
public final class FailureClassifier {
    private static final int MAX_MESSAGE = 500;
    private static final Pattern REPORT_SUFFIX = Pattern.compile(";\\s*please report this issue on.*$", Pattern.DOTALL);

    private record Rule(Pattern pattern, FailureClass failureClass) {}

    private static Rule rule(FailureClass c, String regex) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), c);
    }

    private static final List<Rule> RULES = List.of(
            // This host is blocked or throttled: not the video's fault, so no retry is counted.
            rule(FailureClass.HOST_BLOCKED, "confirm you.{0,3}re not a bot"),
            rule(FailureClass.HOST_BLOCKED, "HTTP Error 429|Too Many Requests"),
            rule(FailureClass.HOST_BLOCKED, "rate-limited by YouTube|content isn.t available, try again later"),
            // Signed media URLs expire and YouTube answers 403/404 on them when it throttles: a retry re-extracts.
            rule(FailureClass.TRANSIENT, "unable to download video data: HTTP Error (403|404)"),
            // Upcoming premieres and live events will work later.
            rule(FailureClass.TRANSIENT, "live event will begin|Premieres in|This live event is scheduled"),
            // The video itself can never be downloaded.
            rule(FailureClass.FATAL, "Private video|This video is private|members-only|Join this channel to get access"),
            rule(FailureClass.FATAL, "has been removed|been terminated|no longer available|removed for violating"),
            rule(FailureClass.FATAL, "copyright|DRM protection"),
            rule(FailureClass.FATAL, "confirm your age|age-restricted|inappropriate for some users"),
            rule(FailureClass.FATAL, "not made this video available in your country|blocked it in your country"),
            rule(FailureClass.FATAL, "live stream recording is not available|This live event has ended"),
            rule(FailureClass.FATAL, "Unsupported URL|is not a valid URL|file:// URLs are explicitly disabled"),
            rule(FailureClass.FATAL, "does not have an? \\w+ tab|This playlist does not exist|The playlist does not exist"),
            rule(FailureClass.FATAL, "Requested format is not available"),
            rule(FailureClass.FATAL, "HTTP Error (400|401|403|404|410)\\b"),
            // YouTube tells throttled hosts "Video unavailable" too, so it is never fatal on its own.
            rule(FailureClass.TRANSIENT, "Video unavailable|This video is not available"));

    private FailureClassifier() {}

    /** The class a single yt-dlp error message falls into. */
    public static FailureClass classify(String message) {
        for (Rule r : RULES) {
            if (r.pattern().matcher(message).find()) {
                return r.failureClass();
            }
        }
        return FailureClass.TRANSIENT;
    }

    /**
     * Classifies a failed yt-dlp run from its stderr lines and exit code into a {@link TaskFailure} whose message
     * is the cleaned {@code ERROR:} line (suitable for the {@code LastError} column).
     */
    public static TaskFailure failure(List<String> stderrLines, int exitCode) {
        String error = errorMessage(stderrLines);
        if (error == null) {
            String last = lastNonBlank(stderrLines);
            String why = exitCode == 2 ? "yt-dlp rejected its arguments (check the extra yt-dlp arguments)"
                    : "yt-dlp exited with code " + exitCode;
            return new TaskFailure(FailureClass.TRANSIENT, clip(last == null ? why : why + ": " + last));
        }
        return new TaskFailure(classify(error), clip(error));
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
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).replace("\r", "").strip();
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
