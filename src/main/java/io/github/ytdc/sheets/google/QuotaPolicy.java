package io.github.ytdc.sheets.google;

/**
 * How fast one credential may call the Sheets API. Google allows 60 reads and 60 writes per minute per user
 * (a service-account key counts as one user, whichever host uses it).
 *
 * @param readsPerMinute  read requests allowed in any 60-second window
 * @param writesPerMinute write requests allowed in any 60-second window
 * @param burst           requests that may go out back to back after a quiet spell (at least 1); larger bursts
 *                        lower the sustained rate so that no 60-second window ever holds more than the quota
 */
record QuotaPolicy(int readsPerMinute, int writesPerMinute, int burst) {

    /** Google's default per-user quota, smoothed with no burst: one read and one write per second. */
    public static final QuotaPolicy GOOGLE_PER_USER = new QuotaPolicy(60, 60, 1);

    /** A million requests a minute, bursts included: no pacing worth the name (benchmarks without a quota). */
    static final QuotaPolicy UNPACED = new QuotaPolicy(1_000_000, 1_000_000, 1_000_000);

    public QuotaPolicy {
        if (readsPerMinute < 1 || writesPerMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1");
        }
        if (burst < 1 || burst > Math.min(readsPerMinute, writesPerMinute)) {
            throw new IllegalArgumentException("burst must be between 1 and the per-minute quota, was " + burst);
        }
    }
}
