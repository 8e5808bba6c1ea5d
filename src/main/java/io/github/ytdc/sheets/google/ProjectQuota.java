package io.github.ytdc.sheets.google;

/**
 * The Sheets quota of one Google Cloud project, shared by every key (and every agent) in it: by default 300 reads and
 * 300 writes per minute. Projects whose quota Google raised set theirs here.
 *
 * @param readsPerMinute  read requests the project may make in any minute
 * @param writesPerMinute write requests the project may make in any minute
 */
record ProjectQuota(int readsPerMinute, int writesPerMinute) {
    /** Google's default project quota. */
    public static final ProjectQuota GOOGLE_DEFAULT = new ProjectQuota(300, 300);

    public ProjectQuota {
        if (readsPerMinute < 1 || writesPerMinute < 1) {
            throw new IllegalArgumentException("a project quota must allow at least 1 request a minute");
        }
    }
}
