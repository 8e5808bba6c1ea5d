package io.github.ytdc.sources;

/** What a source URL points at, for display and for choosing how to expand it. */
enum SourceKind {
    /** A YouTube channel: {@code @handle}, {@code /channel/UC...}, {@code /c/name}, {@code /user/name}. */
    CHANNEL,
    /** A YouTube playlist ({@code playlist?list=}). */
    PLAYLIST,
    /** A single YouTube video ({@code watch?v=}, {@code youtu.be/}, {@code shorts/}). */
    VIDEO,
    /** Any other http(s) URL: left to yt-dlp to understand. */
    OTHER
}
