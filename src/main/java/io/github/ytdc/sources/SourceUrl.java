package io.github.ytdc.sources;

import java.net.IDN;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated, normalised source URL.
 *
 * <p>YouTube forms are rewritten to one canonical spelling ({@code @handle} becomes
 * {@code https://www.youtube.com/@handle}, {@code youtu.be/ID} and {@code shorts/ID} become {@code watch?v=ID},
 * tracking parameters go), so that the same channel typed two ways is recognised as one source. Any other
 * http(s) URL is accepted as typed (scheme and host lower-cased), since yt-dlp supports far more sites than
 * we could list.
 *
 * @param url  the normalised URL to store in the sheet and hand to yt-dlp
 * @param kind what it points at
 * @param key  the identity used to spot duplicates: equal keys mean the same source
 */
record SourceUrl(String url, SourceKind kind, String key) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", Pattern.DOTALL);
    private static final Pattern HOST_PORT_WITHOUT_SCHEME = Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+:\\d+([/?#].*)?$");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+\\]");
    private static final Pattern HANDLE = Pattern.compile("@[\\p{L}\\p{N}._-]{3,30}");
    private static final Pattern TAB = Pattern.compile("[A-Za-z]+");
    private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
    private static final Pattern CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");
    private static final Pattern PLAYLIST_ID = Pattern.compile("[A-Za-z0-9_-]{2,64}");

    private static final Set<String> YOUTUBE_HOSTS = Set.of("youtube.com", "www.youtube.com", "m.youtube.com");
    private static final Set<String> SHORT_HOSTS = Set.of("youtu.be", "www.youtu.be");
    private static final Set<String> EMBED_HOSTS = Set.of("youtube-nocookie.com", "www.youtube-nocookie.com");
    /** Path prefixes whose second segment is a video id. */
    private static final Set<String> VIDEO_PATHS = Set.of("shorts", "live", "embed", "v");
    /** Query parameters that only say where a link was shared from; they never change what yt-dlp fetches. */
    private static final Set<String> TRACKING = Set.of("si", "feature", "t", "pp", "ab_channel", "app", "fbclid", "gclid");
    private static final String YOUTUBE = "https://www.youtube.com/";
    private static final Pattern LIST_PARAM = Pattern.compile("[?&]list=([A-Za-z0-9_-]{2,64})(?:[&#]|$)");
    /** Watch later and liked videos: lists only their owner can open. */
    private static final Set<String> PERSONAL_LISTS = Set.of("WL", "LL", "LM");

    public SourceUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Validates and normalises what a person typed.
     *
     * @throws io.github.ytdc.YtdcException saying why the text is not a usable source
     */
    public static SourceUrl parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidSourceUrlException("empty URL");
        }
        String text = input.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidSourceUrlException("'" + text + "' contains a space; a URL cannot (write it as %20)");
            }
        }
        if (text.startsWith("@")) {
            String[] handleAndTab = text.split("/", 2);
            return handle(handleAndTab[0], handleAndTab.length > 1 ? trimSlash(handleAndTab[1]) : "");
        }
        return parseUrl(withScheme(text));
    }

    /**
     * The duplicate-detection key of a URL already stored somewhere (e.g. a Sources row written by hand or by
     * the Python tool). Never throws: text that does not parse is keyed by itself, so it still matches itself.
     */
    public static String keyOf(String raw) {
        try {
            return parse(raw).key();
        } catch (InvalidSourceUrlException e) {
            return "raw:" + (raw == null ? "" : raw.strip());
        }
    }

    /**
     * The playlist a YouTube video link also names ({@code watch?v=ID&list=PL...}, as YouTube writes links to a video
     * played within a playlist). {@link #parse} keeps only the video; this lets a caller say so and offer the
     * playlist. Empty for anything else, and for the lists YouTube makes per viewer (watch later, liked, mixes).
     */
    public static java.util.Optional<SourceUrl> playlistAlongside(String input) {
        SourceUrl parsed;
        try {
            parsed = parse(input);
        } catch (InvalidSourceUrlException e) {
            return java.util.Optional.empty();
        }
        if (parsed.kind() != SourceKind.VIDEO) {
            return java.util.Optional.empty();
        }
        Matcher m = LIST_PARAM.matcher(input.strip());
        if (!m.find() || PERSONAL_LISTS.contains(m.group(1)) || m.group(1).startsWith("RD")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(playlist(input, m.group(1)));
    }

    /** Whether this is a YouTube channel, playlist or video (as opposed to a URL left to yt-dlp). */
    public boolean isYouTube() {
        return key.startsWith("youtube:");
    }

    @Override
    public String toString() {
        return url;
    }

    private static String withScheme(String text) {
        Matcher m = SCHEME.matcher(text);
        if (m.matches() && !HOST_PORT_WITHOUT_SCHEME.matcher(text).matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidSourceUrlException(
                        "unsupported scheme '" + m.group(1) + ":' in '" + text + "'; a source must be an http(s) URL");
            }
            if (!m.group(2).startsWith("//")) {
                throw new InvalidSourceUrlException("malformed URL '" + text + "': expected '//' after '" + m.group(1) + ":'");
            }
            return scheme + ":" + m.group(2);
        }
        if (text.startsWith("//")) {
            return "https:" + text;
        }
        String firstSegment = text.split("[/?#]", 2)[0];
        if (!firstSegment.contains(".")) {
            throw new InvalidSourceUrlException(
                    "'" + text + "' is not a URL; expected an http(s) URL, a host name such as youtube.com/@name, or an @handle");
        }
        return "https://" + text;
    }

    private static SourceUrl parseUrl(String url) {
        int schemeEnd = url.indexOf("://");
        String scheme = url.substring(0, schemeEnd);
        String afterScheme = url.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(afterScheme, "/?#");
        String authority = afterScheme.substring(0, authorityEnd);
        String rest = afterScheme.substring(authorityEnd);
        if (authority.isEmpty()) {
            throw new InvalidSourceUrlException("malformed URL '" + url + "': no host");
        }
        if (authority.contains("@")) {
            String redacted = url.substring(0, schemeEnd + 3) + "***" + afterScheme.substring(authority.lastIndexOf('@'));
            throw new InvalidSourceUrlException(
                    "'" + redacted + "' carries a user name or password; remove it (sources are visible to everyone)");
        }
        Authority host = Authority.parse(authority, url);

        int queryAt = indexOfAny(rest, "?#");
        String path = rest.substring(0, queryAt);
        String fragment = "";
        String query = "";
        int hashAt = rest.indexOf('#');
        if (hashAt >= 0) {
            fragment = rest.substring(hashAt);
        }
        if (queryAt < rest.length() && rest.charAt(queryAt) == '?') {
            query = rest.substring(queryAt + 1, hashAt >= 0 ? hashAt : rest.length());
        }
        List<String> segments = segments(path);
        List<QueryParam> params = QueryParam.parseAll(query);

        if (host.port().isEmpty() && YOUTUBE_HOSTS.contains(host.name())) {
            return youtube(url, path, segments, params);
        }
        if (host.port().isEmpty() && SHORT_HOSTS.contains(host.name())) {
            return video(url, segments.isEmpty() ? "" : segments.get(0));
        }
        if (host.port().isEmpty() && EMBED_HOSTS.contains(host.name()) && segments.size() == 2 && segments.get(0).equals("embed")) {
            return video(url, segments.get(1));
        }
        String normalised = scheme + "://" + host.text() + rest;
        String keyHost = host.name().startsWith("www.") ? host.name().substring(4) : host.name();
        String keyPort = host.port().isEmpty() || host.port().equals(scheme.equals("https") ? "443" : "80") ? "" : ":" + host.port();
        String keyPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new SourceUrl(normalised, SourceKind.OTHER, "url:" + keyHost + keyPort + keyPath + (query.isEmpty() ? "" : "?" + query));
    }

    private static SourceUrl youtube(String url, String path, List<String> segments, List<QueryParam> params) {
        if (segments.isEmpty()) {
            if (QueryParam.value(params, "v") != null) {
                return video(url, QueryParam.value(params, "v"));
            }
            throw new InvalidSourceUrlException(
                    "'" + url + "' is the YouTube home page; give a channel, playlist or video URL");
        }
        String first = segments.get(0);
        String rest = String.join("/", segments.subList(1, segments.size()));
        if (first.startsWith("@")) {
            return handle(percentDecode(first), rest);
        }
        switch (first) {
            case "watch":
                return video(url, QueryParam.value(params, "v"));
            case "playlist":
                return playlist(url, QueryParam.value(params, "list"));
            case "channel":
                String id = segments.size() > 1 ? segments.get(1) : "";
                if (!CHANNEL_ID.matcher(id).matches()) {
                    throw new InvalidSourceUrlException("'" + id + "' in '" + url
                            + "' is not a YouTube channel id (UC followed by 22 letters, digits, '-' or '_')");
                }
                return channel("channel/" + id + tab(segments, 2), "youtube:channel/" + id + tab(segments, 2).toLowerCase(Locale.ROOT));
            case "c":
            case "user":
                if (segments.size() < 2) {
                    throw new InvalidSourceUrlException("'" + url + "' has no name after /" + first + "/");
                }
                String named = first + "/" + segments.get(1) + tab(segments, 2);
                return channel(named, "youtube:" + percentDecode(named).toLowerCase(Locale.ROOT));
            default:
                if (VIDEO_PATHS.contains(first) && segments.size() >= 2) {
                    return video(url, segments.get(1));
                }
                List<QueryParam> kept = QueryParam.withoutTracking(params);
                String query = kept.isEmpty() ? "" : "?" + QueryParam.join(kept);
                String normalised = YOUTUBE + path.substring(1) + query;
                return new SourceUrl(normalised, SourceKind.OTHER, "url:youtube.com" + trimSlash(path) + query);
        }
    }

    private static SourceUrl handle(String handle, String tab) {
        if (!HANDLE.matcher(handle).matches()) {
            throw new InvalidSourceUrlException("'" + handle
                    + "' is not a valid YouTube handle (@ then 3 to 30 letters, digits, '.', '_' or '-')");
        }
        if (!tab.isEmpty() && !TAB.matcher(tab).matches()) {
            throw new InvalidSourceUrlException("'" + tab + "' after " + handle
                    + " is not a channel tab; expected e.g. videos, shorts, streams or playlists");
        }
        String suffix = tab.isEmpty() ? "" : "/" + tab.toLowerCase(Locale.ROOT);
        String encoded = "@" + URLEncoder.encode(handle.substring(1), StandardCharsets.UTF_8);
        return channel(encoded + suffix, "youtube:" + handle.toLowerCase(Locale.ROOT) + suffix);
    }

    private static SourceUrl channel(String path, String key) {
        return new SourceUrl(YOUTUBE + path, SourceKind.CHANNEL, key);
    }

    private static SourceUrl video(String url, String id) {
        if (id == null || !VIDEO_ID.matcher(id).matches()) {
            throw new InvalidSourceUrlException("'" + (id == null ? "" : id) + "' in '" + url
                    + "' is not a YouTube video id (11 letters, digits, '-' or '_')");
        }
        return new SourceUrl(YOUTUBE + "watch?v=" + id, SourceKind.VIDEO, "youtube:video/" + id);
    }

    private static SourceUrl playlist(String url, String id) {
        if (id == null || !PLAYLIST_ID.matcher(id).matches()) {
            throw new InvalidSourceUrlException("'" + url + "' has " + (id == null ? "no list= parameter" : "'" + id + "' as list=, which is not a playlist id")
                    + "; expected https://www.youtube.com/playlist?list=PL...");
        }
        return new SourceUrl(YOUTUBE + "playlist?list=" + id, SourceKind.PLAYLIST, "youtube:playlist/" + id);
    }

    /** The channel tab ({@code /videos}, {@code /shorts}, ...) after the channel's own segments, lower-cased. */
    private static String tab(List<String> segments, int from) {
        return from >= segments.size() ? "" : "/" + String.join("/", segments.subList(from, segments.size())).toLowerCase(Locale.ROOT);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String percentDecode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidSourceUrlException("malformed %-escape in '" + s + "'");
        }
    }

    /** A validated host (lower-case ASCII, IDN converted) and optional port. */
    private record Authority(String name, String port) {
        static Authority parse(String authority, String url) {
            String name = authority;
            String port = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                name = close < 0 ? authority : authority.substring(0, close + 1);
                String after = close < 0 ? "" : authority.substring(close + 1);
                if (!IPV6.matcher(name).matches() || !(after.isEmpty() || after.startsWith(":"))) {
                    throw malformed(authority, url);
                }
                port = after.isEmpty() ? null : after.substring(1);
                name = name.toLowerCase(Locale.ROOT);
            } else {
                int colon = authority.lastIndexOf(':');
                if (colon >= 0) {
                    name = authority.substring(0, colon);
                    port = authority.substring(colon + 1);
                }
                name = ascii(name, authority, url);
            }
            if (port != null && (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535)) {
                throw new InvalidSourceUrlException("malformed port in '" + url + "'");
            }
            return new Authority(name, port == null ? "" : port);
        }

        String text() {
            return port.isEmpty() ? name : name + ":" + port;
        }

        private static String ascii(String host, String authority, String url) {
            String h;
            try {
                h = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw malformed(authority, url);
            }
            if (h.endsWith(".")) {
                h = h.substring(0, h.length() - 1);
            }
            Matcher ip = IPV4.matcher(h);
            if (ip.matches()) {
                for (int i = 1; i <= 4; i++) {
                    if (Integer.parseInt(ip.group(i)) > 255) {
                        throw malformed(authority, url);
                    }
                }
                return h;
            }
            if (h.equals("localhost")) {
                return h;
            }
            String[] labels = h.split("\\.", -1);
            if (labels.length < 2 || h.length() > 253 || labels[labels.length - 1].matches("\\d+")) {
                throw malformed(authority, url);
            }
            for (String label : labels) {
                if (!LABEL.matcher(label).matches()) {
                    throw malformed(authority, url);
                }
            }
            return h;
        }

        private static InvalidSourceUrlException malformed(String authority, String url) {
            return new InvalidSourceUrlException("malformed host '" + authority + "' in '" + url + "'");
        }
    }

    /** One {@code name=value} pair of a query string, kept exactly as written. */
    private record QueryParam(String name, String text) {
        static List<QueryParam> parseAll(String query) {
            List<QueryParam> out = new ArrayList<>();
            for (String part : query.split("&")) {
                if (!part.isEmpty()) {
                    int eq = part.indexOf('=');
                    out.add(new QueryParam(eq < 0 ? part : part.substring(0, eq), part));
                }
            }
            return out;
        }

        static String value(List<QueryParam> params, String name) {
            for (QueryParam p : params) {
                if (p.name.equals(name)) {
                    int eq = p.text.indexOf('=');
                    return eq < 0 ? "" : p.text.substring(eq + 1);
                }
            }
            return null;
        }

        static List<QueryParam> withoutTracking(List<QueryParam> params) {
            return params.stream()
                    .filter(p -> !TRACKING.contains(p.name) && !p.name.startsWith("utm_"))
                    .toList();
        }

        static String join(List<QueryParam> params) {
            return String.join("&", params.stream().map(QueryParam::text).toList());
        }
    }
}
