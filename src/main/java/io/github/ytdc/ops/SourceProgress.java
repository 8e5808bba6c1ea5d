package io.github.ytdc.ops;

import java.time.Duration;

/**
 * Progress of one source's videos.
 *
 * @param id             the source's ID (or the SourceID of videos whose source row is gone)
 * @param url            the source's URL, {@code ""} when it has no row in the Sources tab
 * @param status         the source row's own status ({@code pending} = not expanded yet, {@code in-progress} =
 *                       expanding, {@code done}, {@code error}), the cell as typed when unreadable, {@code ""} when
 *                       the source has no row
 * @param listedVideos   the source row's Videos cell (how many videos its expansion listed), or {@code null}
 * @param videos         its video rows by state
 * @param videosPerHour  recent completion rate while videos are left; {@code null} when too few recent completions
 *                       to tell, or when nothing is left (a finished source has no rate that could decay)
 * @param eta            time left at that rate, but never before the last retry backoff ends;
 *                       {@link Duration#ZERO} when nothing is left, {@code null} when unknown or when no agent is
 *                       alive to do what is left
 * @param backoff        its pending videos waiting out a retry backoff ({@code NotBefore} in the future)
 */
record SourceProgress(String id, String url, String status, Integer listedVideos, Progress videos,
                             Double videosPerHour, Duration eta, WaitingRetries backoff) {}
