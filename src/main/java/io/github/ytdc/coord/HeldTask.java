package io.github.ytdc.coord;

import java.time.Instant;

/**
 * A row this agent holds, for status displays and the Workers tab.
 *
 * @param kind      source or video
 * @param id        the row's ID
 * @param url       its URL ({@code ""} until the claim is verified)
 * @param title     its title where known
 * @param phase     {@code verifying} (claim written, not yet confirmed), {@code ready}, {@code running} or
 *                  {@code finishing} (result waiting to be written)
 * @param claimedAt when the claim was written
 * @param progress  the processor's last progress report, or {@code null}
 */
public record HeldTask(TaskKind kind, String id, String url, String title, String phase, Instant claimedAt,
                       TaskContext.Progress progress) {}
