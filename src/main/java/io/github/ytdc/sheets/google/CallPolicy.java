package io.github.ytdc.sheets.google;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a {@link GoogleSpreadsheetPort} waits for the Sheets API: how long to wait for a connection and
 * for an answer, how to retry, and after how long one call stops retrying. An agent is patient (a quota error or
 * an outage only slows it down); a person at a terminal wants an answer, or a clear failure, within seconds.
 *
 * @param connectTimeout longest wait for a connection
 * @param readTimeout    longest wait for an answer once connected
 * @param backoff        waits between attempts and how many retries at most
 * @param giveUpAfter    no retry starts once this much time would have passed since the call began; {@code null}
 *                       for no limit (only {@code backoff}'s retry count)
 */
record CallPolicy(Duration connectTimeout, Duration readTimeout, BackoffPolicy backoff, Duration giveUpAfter) {

    /** For agents: Google's backoff with ten retries, a 200 s read timeout (Google allows 180 s of processing). */
    public static final CallPolicy AGENT = new CallPolicy(Duration.ofSeconds(20), Duration.ofSeconds(200),
            BackoffPolicy.GOOGLE, null);

    /**
     * For commands a person waits for ({@code status}, {@code init}, {@code sources}, {@code requeue},
     * {@code doctor}): two quick retries, so a refused endpoint is reported in about two seconds and a silent one
     * after the 15 s read timeout (long enough for Google to answer a whole 100,000-row tab).
     */
    public static final CallPolicy INTERACTIVE = new CallPolicy(Duration.ofSeconds(5), Duration.ofSeconds(15),
            new BackoffPolicy(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(250), 2),
            Duration.ofSeconds(15));

    public CallPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(backoff, "backoff");
    }

    /** Whether a retry after {@code wait} may start, {@code elapsed} into the call. */
    public boolean mayRetry(Duration elapsed, Duration wait) {
        return giveUpAfter == null || elapsed.plus(wait).compareTo(giveUpAfter) < 0;
    }
}
