package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.ExpandOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YouTube channel URLs and their tabs. Given a channel's root URL, yt-dlp lists the channel's tabs (Videos,
 * Shorts, Live) rather than its videos, so expansion either targets the wanted tabs directly or follows the tab
 * entries yt-dlp returns. Pure.
 */
final class YouTubeTabs {
    /** The channel tabs that hold videos. */
    enum Tab {
        VIDEOS("videos"), SHORTS("shorts"), STREAMS("streams");

        final String path;

        Tab(String path) {
            this.path = path;
        }

        boolean wanted(ExpandOptions options) {
            return switch (this) {
                case VIDEOS -> true;
                case SHORTS -> options.includeShorts();
                case STREAMS -> options.includeLive();
            };
        }
    }

    private static final Pattern HOST = Pattern.compile("(?:www\\.|m\\.)?youtube\\.com", Pattern.CASE_INSENSITIVE);
    /** {@code /@handle}, {@code /channel/UC...}, {@code /c/name}, {@code /user/name}, then an optional tab. */
    private static final Pattern CHANNEL_PATH =
            Pattern.compile("^/(@[^/]+|channel/[^/]+|c/[^/]+|user/[^/]+)(?:/([^/]*))?/?$");
    private static final Pattern BARE_HANDLE = Pattern.compile("^@[\\w.\\-]{3,}$");

    private YouTubeTabs() {}

    /** {@code @handle} as typed by a person becomes the channel URL; anything else is returned unchanged. */
    static String normalise(String url) {
        String u = url.strip();
        return BARE_HANDLE.matcher(u).matches() ? "https://www.youtube.com/" + u : u;
    }

    /**
     * The channel root ({@code https://www.youtube.com/@name}) when {@code url} is a channel page without a
     * video tab (the root, {@code /featured}, {@code /home}), else empty.
     */
    static Optional<String> channelRoot(String url) {
        Matcher m = channelPath(url);
        if (m == null) {
            return Optional.empty();
        }
        String tab = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        if (!tab.isEmpty() && !tab.equals("featured") && !tab.equals("home")) {
            return Optional.empty();
        }
        return Optional.of("https://www.youtube.com/" + m.group(1));
    }

    /** Which video tab {@code url} points at, if it is a channel tab URL ({@code .../@name/shorts}). */
    static Optional<Tab> tabOf(String url) {
        Matcher m = channelPath(url);
        if (m == null || m.group(2) == null) {
            return Optional.empty();
        }
        String t = m.group(2).toLowerCase(Locale.ROOT);
        for (Tab tab : Tab.values()) {
            if (tab.path.equals(t)) {
                return Optional.of(tab);
            }
        }
        return Optional.empty();
    }

    /** The tab URLs to list for a channel root, in order: videos, then shorts and streams when asked for. */
    static List<String> targetTabs(String channelRoot, ExpandOptions options) {
        List<String> urls = new ArrayList<>();
        for (Tab tab : Tab.values()) {
            if (tab.wanted(options)) {
                urls.add(channelRoot + "/" + tab.path);
            }
        }
        return urls;
    }

    private static Matcher channelPath(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.getHost() == null || !HOST.matcher(uri.getHost()).matches() || uri.getRawPath() == null) {
            return null;
        }
        Matcher m = CHANNEL_PATH.matcher(uri.getRawPath());
        return m.matches() ? m : null;
    }
}
