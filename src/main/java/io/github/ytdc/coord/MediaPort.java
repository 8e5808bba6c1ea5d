package io.github.ytdc.coord;

import java.util.function.Consumer;

/**
 * Turns a source URL (channel, playlist, feed) into the videos it lists. Implemented with
 * {@code yt-dlp --flat-playlist -j}; tests may plug in their own.
 */
@FunctionalInterface
public interface MediaPort {

    /**
     * Streams the source's videos to {@code sink}, one at a time in listing order, so memory stays flat for a
     * channel of any size. Stops early once {@code options.maxVideos()} entries were delivered or the context is
     * cancelled.
     *
     * @throws io.github.ytdc.coord.TaskFailure classified as fatal, transient or host-blocked
     */
    void expand(String sourceUrl, ExpandOptions options, Consumer<VideoEntry> sink, TaskContext context);
}
