package io.github.ytdc.coord;

/** How a task failed, which decides what happens to its row (SPEC section 4). */
public enum FailureClass {
    /** The video or source can never succeed (private, removed, unsupported URL): dead-letter at once. */
    FATAL,
    /** May succeed later (network, 5xx, timeout, interrupted download): retry with backoff, then dead-letter. */
    TRANSIENT,
    /**
     * Not the task's fault: this host is blocked (bot check, HTTP 429 from the site). The claim is released
     * without counting a retry and the agent stops claiming for a while.
     */
    HOST_BLOCKED,
    /**
     * Not the task's fault: this host or its toolchain cannot do the work (no JavaScript runtime, a stale yt-dlp,
     * an unwritable or full output folder, a tool that cannot start). Handled like {@link #HOST_BLOCKED}.
     */
    HOST_FAULT;

    /** True for the classes that release the task without counting a retry and pause this agent's claiming. */
    public boolean notTheTasksFault() {
        return this == HOST_BLOCKED || this == HOST_FAULT;
    }
}
