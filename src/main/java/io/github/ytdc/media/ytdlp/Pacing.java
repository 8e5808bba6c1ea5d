package io.github.ytdc.media.ytdlp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Polite pacing for the sites that throttle and block busy hosts, as unattended peers run yt-dlp: a pause between
 * the requests of one run ({@code --sleep-requests}) and a random pause before each download
 * ({@code --sleep-interval}/{@code --max-sleep-interval}). It applies to URLs on the listed hosts only (YouTube by
 * default), so other sites, and test servers, run at full speed. yt-dlp's own preset for this ({@code -t sleep}) is
 * 0.75 s between requests and 10 to 20 s between videos; its wiki advises 5 to 10 s between videos.
 *
 * @param sleepRequests seconds between requests; 0 for none
 * @param sleepMin      least seconds before a download; 0 for none
 * @param sleepMax      most seconds before a download (at least {@code sleepMin})
 * @param hosts         host names it applies to, each with its subdomains; {@code *} for every host
 */
public record Pacing(double sleepRequests, double sleepMin, double sleepMax, List<String> hosts) {
    /** The hosts paced by default: YouTube's. */
    public static final List<String> YOUTUBE_HOSTS = List.of("youtube.com", "youtu.be", "youtube-nocookie.com");

    public Pacing {
        if (sleepRequests < 0 || sleepMin < 0 || sleepMax < sleepMin) {
            throw new IllegalArgumentException("pacing needs 0 <= sleep-requests and 0 <= min <= max seconds, got "
                    + sleepRequests + ", " + sleepMin + ".." + sleepMax);
        }
        hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** 0.75 s between requests and 5 to 10 s before each download, on YouTube. */
    public static Pacing defaults() {
        return new Pacing(0.75, 5, 10, YOUTUBE_HOSTS);
    }

    /** No pacing anywhere. */
    public static Pacing none() {
        return new Pacing(0, 0, 0, List.of());
    }

    /** Whether {@code url} is on a paced host. */
    public boolean appliesTo(String url) {
        String host;
        try {
            host = URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return hosts.contains("*");
        }
        if (host == null) {
            return hosts.contains("*");
        }
        String h = host.toLowerCase(Locale.ROOT);
        return hosts.stream().anyMatch(p -> p.equals("*") || h.equals(p) || h.endsWith("." + p));
    }

    /** yt-dlp's options for one run on {@code url}; {@code download} adds the pause before the download. */
    List<String> args(String url, boolean download) {
        List<String> args = new ArrayList<>();
        if (!appliesTo(url)) {
            return args;
        }
        if (sleepRequests > 0) {
            args.addAll(List.of("--sleep-requests", seconds(sleepRequests)));
        }
        if (download && sleepMax > 0) {
            args.addAll(List.of("--sleep-interval", seconds(sleepMin), "--max-sleep-interval", seconds(sleepMax)));
        }
        return args;
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    @Override
    public String toString() {
        return hosts.isEmpty() ? "none" : seconds(sleepRequests) + "s between requests, " + seconds(sleepMin) + ".."
                + seconds(sleepMax) + "s before downloads, on " + String.join(", ", hosts);
    }

    /** Same pacing on other hosts. */
    public Pacing onHosts(List<String> newHosts) {
        return new Pacing(sleepRequests, sleepMin, sleepMax, Objects.requireNonNull(newHosts, "newHosts"));
    }
}
