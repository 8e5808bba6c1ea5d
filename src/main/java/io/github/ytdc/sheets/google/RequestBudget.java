package io.github.ytdc.sheets.google;

import io.github.ytdc.util.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read and write limiters of one Sheets caller. Google counts reads and writes separately, per user, so
 * every port using the same key in this JVM must share one budget: {@link #shared} hands out one per caller.
 */
final class RequestBudget {
    private static final Map<String, RequestBudget> SHARED = new ConcurrentHashMap<>();

    private final RequestLimiter reads;
    private final RequestLimiter writes;
    private final QuotaPolicy policy;

    public RequestBudget(QuotaPolicy policy, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.reads = new RequestLimiter(policy.readsPerMinute(), policy.burst(), clock, sleeper);
        this.writes = new RequestLimiter(policy.writesPerMinute(), policy.burst(), clock, sleeper);
    }

    /**
     * The budget of {@code caller} (a service account's e-mail, or an endpoint for unauthenticated use), created
     * with {@code policy} on first use. A later call with another policy gets the existing budget: the quota
     * belongs to the caller, not to whichever port asked first.
     */
    public static RequestBudget shared(String caller, QuotaPolicy policy) {
        return SHARED.computeIfAbsent(caller, k -> new RequestBudget(policy, Clock.systemUTC(), Sleeper.system()));
    }

    /**
     * Paces this caller to its share of the project's quota, which every caller of a Google Cloud project shares:
     * {@code project} divided among {@code agents} (at least one), with a tenth kept in reserve for interactive
     * commands and retries, and never above the caller's own per-user quota.
     */
    public void shareProject(ProjectQuota project, int agents) {
        int n = Math.max(1, agents);
        reads.setPerMinute(Math.max(1, Math.min(policy.readsPerMinute(), project.readsPerMinute() * 9 / (10 * n))));
        writes.setPerMinute(Math.max(1, Math.min(policy.writesPerMinute(),
                project.writesPerMinute() * 9 / (10 * n))));
    }

    /** The current spacing of sustained reads and writes (for status and tests). */
    public Duration readInterval() {
        return reads.interval();
    }

    public Duration writeInterval() {
        return writes.interval();
    }

    /** Waits for a slot of the given kind. */
    public void acquire(boolean write) throws InterruptedException {
        (write ? writes : reads).acquire();
    }

    /**
     * Waits for a slot of the given kind unless that takes {@code maxWait} or longer ({@code null} for no limit):
     * then takes none and returns false at once.
     */
    public boolean acquire(boolean write, Duration maxWait) throws InterruptedException {
        return (write ? writes : reads).acquire(maxWait);
    }

    /** How long a write made now would wait for its slot, without taking it. */
    public Duration writeDelay() {
        return writes.delay();
    }

    /** How long a read made now would wait for its slot, without taking it. */
    public Duration readDelay() {
        return reads.delay();
    }

    public QuotaPolicy policy() {
        return policy;
    }
}
