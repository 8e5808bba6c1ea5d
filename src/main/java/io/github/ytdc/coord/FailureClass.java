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
    HOST_BLOCKED
}
