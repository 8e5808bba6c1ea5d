package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskFailure;
import io.github.ytdc.coord.ExpandOptions;
import io.github.ytdc.coord.MediaPort;
import io.github.ytdc.coord.VideoEntry;
import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands a source with {@code yt-dlp --flat-playlist -j}, one JSON line per entry, handed to the sink as it is
 * read, so memory stays flat however big the channel. Limits go to yt-dlp ({@code --playlist-end}): closing its
 * stdout early would make it fail noisily instead.
 */
public final class YtDlpMediaPort implements MediaPort {
    private static final Logger LOG = LoggerFactory.getLogger(YtDlpMediaPort.class);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    /** A channel without shorts or live streams simply has no such tab: that is an empty listing, not a failure. */
    private static final Pattern MISSING_TAB = Pattern.compile("does not have an? \\w+ tab", Pattern.CASE_INSENSITIVE);

    /** How a YouTube channel's root URL is expanded into its videos. */
    public enum ChannelTabs {
        /** List the wanted tabs ({@code /videos}, and {@code /shorts}, {@code /streams} when asked) directly. */
        TARGET,
        /** List the root URL and follow the tab entries yt-dlp returns for it. */
        FOLLOW
    }

    private final Toolchain tools;
    private final ChannelTabs channelTabs;
    private final Duration timeout;
    private final boolean withCookies;

    /**
     * @param timeout the longest one yt-dlp listing may take
     */
    public YtDlpMediaPort(Toolchain tools, ChannelTabs channelTabs, Duration timeout) {
        this(tools, channelTabs, timeout, false);
    }

    /**
     * @param timeout     the longest one yt-dlp listing may take
     * @param withCookies whether the downloads get a cookies file: then members-only videos are listed as pending
     *                    (the cookies may be a member's) instead of being marked unavailable without a download
     */
    public YtDlpMediaPort(Toolchain tools, ChannelTabs channelTabs, Duration timeout, boolean withCookies) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.channelTabs = Objects.requireNonNull(channelTabs, "channelTabs");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.withCookies = withCookies;
    }

    /** Targets channel tabs directly, with the default timeout. */
    public YtDlpMediaPort(Toolchain tools) {
        this(tools, ChannelTabs.TARGET, DEFAULT_TIMEOUT);
    }

    @Override
    public void expand(String sourceUrl, ExpandOptions options, Consumer<VideoEntry> sink, TaskContext context) {
        String url = YouTubeTabs.normalise(sourceUrl);
        Budget budget = new Budget(options.maxVideos());
        Optional<String> root = YouTubeTabs.channelRoot(url);
        if (root.isPresent() && channelTabs == ChannelTabs.TARGET) {
            for (String tabUrl : YouTubeTabs.targetTabs(root.get(), options)) {
                list(tabUrl, true, options, budget, sink, context, null);
            }
            return;
        }
        List<String> tabsToFollow = new ArrayList<>();
        list(url, false, options, budget, sink, context, tabsToFollow);
        for (String tabUrl : tabsToFollow) {
            list(tabUrl, true, options, budget, sink, context, null);
        }
    }

    /** Counts delivered entries against {@link ExpandOptions#maxVideos()} across several listings. */
    private static final class Budget {
        private final int max;
        private int delivered;

        Budget(int max) {
            this.max = max;
        }

        boolean exhausted() {
            return max > 0 && delivered >= max;
        }

        int remaining() {
            return max == 0 ? 0 : max - delivered;
        }
    }

    private void list(String url, boolean isTab, ExpandOptions options, Budget budget, Consumer<VideoEntry> sink,
                      TaskContext context, List<String> tabsToFollow) {
        if (budget.exhausted() || context.isCancelled()) {
            return;
        }
        List<String> argv = command(tools, url, budget.remaining());
        int[] skipped = {0};
        ChildProcess.Result result;
        try {
            result = ChildProcess.run(argv, Toolchain.ytDlpEnvironment(), null, timeout, context, line -> {
                if (line.isBlank()) {
                    return;
                }
                FlatEntries.Line parsed = FlatEntries.parse(line);
                if (parsed instanceof FlatEntries.Video v) {
                    // --playlist-end bounds each listing; the budget also spans followed tabs.
                    if (!budget.exhausted()) {
                        budget.delivered++;
                        sink.accept(withCookies ? v.entry().available() : v.entry());
                    }
                } else if (parsed instanceof FlatEntries.ChannelTab t) {
                    if (tabsToFollow != null && t.tab().wanted(options)) {
                        tabsToFollow.add(t.url());
                    }
                } else if (parsed instanceof FlatEntries.Skipped s) {
                    skipped[0]++;
                    LOG.debug("Skipped an entry of {}: {}", url, s.why());
                }
            });
        } catch (IOException e) {
            throw new TaskFailure(FailureClass.HOST_FAULT, "yt-dlp cannot start: " + e.getMessage() + " (fix: reinstall "
                    + "it with 'ytdc tools install', then 'ytdc doctor')", e);
        }
        if (skipped[0] > 0) {
            LOG.debug("Left out {} entries of {} (private/deleted placeholders or unreadable lines)", skipped[0], url);
        }
        if (result.cancelled()) {
            throw TaskFailure.transientFailure("expansion cancelled");
        }
        if (result.timedOut()) {
            throw TaskFailure.transientFailure("expansion timed out after " + Durations.format(timeout) + ": " + url);
        }
        if (result.exitCode() != 0) {
            TaskFailure failure = FailureClassifier.failure(result.stderrTail(), result.exitCode(), withCookies);
            if (isTab && MISSING_TAB.matcher(failure.getMessage()).find()) {
                LOG.debug("{}: {}", url, failure.getMessage()); // a channel without this tab
                return;
            }
            throw failure;
        }
    }

    /** The yt-dlp command line that lists {@code url}; {@code limit} 0 means all entries. */
    static List<String> command(Toolchain tools, String url, int limit) {
        List<String> argv = tools.ytDlpCommand();
        // Warnings stay on: the classifier reads them (a toolchain problem shows there before the error).
        argv.addAll(List.of("--flat-playlist", "--dump-json"));
        if (limit > 0) {
            argv.addAll(List.of("--playlist-end", Integer.toString(limit)));
        }
        argv.add("--");
        argv.add(url);
        return tools.paced(argv, false);
    }
}
