package io.github.ytdc.sheets.google;

import com.google.api.client.http.javanet.ConnectionFactory;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long one request of a {@link GoogleSpreadsheetPort} may take: its {@link CallPolicy}'s connect and read
 * timeouts, shortened to the time left before a deadline once {@link #finishWithin} set one (an agent stopping on
 * SIGTERM must be gone before systemd kills it). The port's Sheets requests and its key's token requests both ask
 * here, so neither outlasts the other's limits. A request already waiting for its answer when the deadline is set
 * got its timeouts before: at the deadline its connection is closed under it.
 */
final class CallLimits {
    private final CallPolicy policy;
    private final LongSupplier nanoTime;
    // Written by the stopping thread, read by every request thread.
    private volatile boolean bounded;
    private volatile long deadlineNanos;
    // Connections of requests that may be under way; closing one ends a read blocked on it.
    private final Set<HttpURLConnection> connections = Collections.newSetFromMap(new WeakHashMap<>());
    private ScheduledExecutorService cutOffs;

    CallLimits(CallPolicy policy, LongSupplier nanoTime) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    CallPolicy policy() {
        return policy;
    }

    /** From now on every request ends within {@code timeLeft}; replaces an earlier deadline. */
    void finishWithin(Duration timeLeft) {
        long nanos = Math.max(0, timeLeft.toNanos());
        deadlineNanos = nanoTime.getAsLong() + nanos;
        bounded = true;
        cutOffs().schedule(this::cutOff, nanos, TimeUnit.NANOSECONDS);
    }

    // A thread of its own: the common pool may be busy with blocking work (as small as one thread on two cores).
    private synchronized ScheduledExecutorService cutOffs() {
        if (cutOffs == null) {
            cutOffs = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ytdc-sheets-deadline");
                t.setDaemon(true);
                return t;
            });
        }
        return cutOffs;
    }

    /** Opens the connections of this port's requests, so that {@link #cutOff} can reach them. */
    ConnectionFactory connections() {
        return url -> {
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            synchronized (connections) {
                connections.add(c);
            }
            return c;
        };
    }

    /** At the deadline (unless a later one replaced it): closes every connection, failing reads blocked on them. */
    private void cutOff() {
        if (!expired()) {
            return;
        }
        List<HttpURLConnection> open;
        synchronized (connections) {
            open = new ArrayList<>(connections);
            connections.clear();
        }
        open.forEach(HttpURLConnection::disconnect);
    }

    /** Whether a deadline was set. */
    boolean bounded() {
        return bounded;
    }

    /** The time left before the deadline (zero once it passed); {@code null} without a deadline. */
    Duration left() {
        if (!bounded) {
            return null;
        }
        long left = deadlineNanos - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** True once a deadline was set and has passed. */
    boolean expired() {
        Duration left = left();
        return left != null && left.isZero();
    }

    /** Whether a retry after {@code wait}, {@code elapsed} into a call, may start: the policy and the deadline allow it. */
    boolean mayRetry(Duration elapsed, Duration wait) {
        Duration left = left();
        return policy.mayRetry(elapsed, wait) && (left == null || wait.compareTo(left) < 0);
    }

    /** The connect timeout for a request sent now, in milliseconds (at least 1: 0 would mean no timeout). */
    int connectMillis() {
        return cap(policy.connectTimeout());
    }

    /** The read timeout for a request sent now, in milliseconds (at least 1: 0 would mean no timeout). */
    int readMillis() {
        return cap(policy.readTimeout());
    }

    private int cap(Duration timeout) {
        Duration left = left();
        Duration d = left != null && left.compareTo(timeout) < 0 ? left : timeout;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
