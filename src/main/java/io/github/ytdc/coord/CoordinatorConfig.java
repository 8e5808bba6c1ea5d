package io.github.ytdc.coord;

import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link Coordinator} needs, immutable and validated. Build with {@link #builder(SpreadsheetPort)}.
 */
public final class CoordinatorConfig {
    public static final int DEFAULT_CONCURRENCY = 1;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofHours(1);
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);
    /** Stall timeout must be at least this many heartbeats, so a few missed renewals never requeue a live task. */
    public static final int MIN_HEARTBEATS_PER_STALL = 4;
    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CLAIM_JITTER = Duration.ofMillis(500);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(2);
    public static final Duration DEFAULT_MIN_TICK_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_BREAKER_COOLDOWN = Duration.ofMinutes(2);
    public static final Duration DEFAULT_MAX_BREAKER_COOLDOWN = Duration.ofHours(1);
    public static final int DEFAULT_WINDOW_ROWS = 300;
    public static final int DEFAULT_APPEND_BATCH_ROWS = 2000;
    public static final double DEFAULT_RETRY_JITTER = 0.2;
    /** Finished rows stay in Video Tasks this long (people like to see recent work), then are archived. */
    public static final Duration DEFAULT_ARCHIVE_AFTER = Duration.ofDays(7);
    /** Archiving waits until this many rows can go at once: one move costs the same for 1 row or 5,000. */
    public static final int DEFAULT_ARCHIVE_MIN_ROWS = 500;
    /** Google's cap on the cells of one workbook, every tab's grid counted. */
    public static final long DEFAULT_CELL_CAP = 10_000_000L;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SpreadsheetPort port;
    private final TabNames tabs;
    private final String workerName;
    private final int concurrency;
    private final int claimAhead;
    private final RetryPolicy retryPolicy;
    private final Duration stallTimeout;
    private final Duration heartbeat;
    private final Duration settleDelay;
    private final Duration claimJitter;
    private final Duration sweepInterval;
    private final Duration minTickInterval;
    private final Duration breakerCooldown;
    private final Duration maxBreakerCooldown;
    private final int windowRows;
    private final int appendBatchRows;
    private final int maxVideos;
    private final Duration resyncInterval;
    private final Duration archiveAfter;
    private final int archiveMinRows;
    private final long cellCap;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final MediaPort mediaPort;
    private final Path journal;
    private final CoordinatorListener listener;
    private final String host;
    private final Supplier<String> tools;
    private final Supplier<Optional<String>> pauseReason;

    private CoordinatorConfig(Builder b) {
        this.port = Objects.requireNonNull(b.port, "port");
        this.tabs = Objects.requireNonNull(b.tabs, "tabs");
        this.workerName = b.workerName != null ? b.workerName.trim() : defaultWorkerName();
        if (workerName.isEmpty()) {
            throw new IllegalArgumentException("worker name must not be blank");
        }
        this.concurrency = positive("concurrency", b.concurrency);
        if (b.claimAhead < 0 || b.claimAhead > concurrency) {
            throw new IllegalArgumentException("claimAhead must be between 0 and concurrency (" + concurrency
                    + "), was " + b.claimAhead);
        }
        this.claimAhead = b.claimAhead;
        this.retryPolicy = new RetryPolicy(b.maxRetries, b.retryBackoff, b.maxRetryBackoff, b.retryJitter);
        this.heartbeat = positive("heartbeat", b.heartbeat);
        this.stallTimeout = positive("stallTimeout", b.stallTimeout);
        if (stallTimeout.compareTo(heartbeat.multipliedBy(MIN_HEARTBEATS_PER_STALL)) < 0) {
            throw new IllegalArgumentException("stallTimeout (" + Durations.format(stallTimeout) + ") must be at least "
                    + MIN_HEARTBEATS_PER_STALL + " x heartbeat (" + Durations.format(heartbeat) + "): otherwise a live agent that misses"
                    + " a few renewals would have its tasks requeued; raise stallTimeout or lower heartbeat");
        }
        this.settleDelay = nonNegative("settleDelay", b.settleDelay);
        if (settleDelay.compareTo(heartbeat) >= 0) {
            throw new IllegalArgumentException("settleDelay (" + Durations.format(settleDelay)
                    + ") must be shorter than heartbeat (" + Durations.format(heartbeat) + ")");
        }
        this.claimJitter = nonNegative("claimJitter", b.claimJitter);
        this.sweepInterval = positive("sweepInterval", b.sweepInterval);
        this.minTickInterval = nonNegative("minTickInterval", b.minTickInterval);
        this.breakerCooldown = positive("breakerCooldown", b.breakerCooldown);
        this.maxBreakerCooldown = positive("maxBreakerCooldown", b.maxBreakerCooldown);
        if (maxBreakerCooldown.compareTo(breakerCooldown) < 0) {
            throw new IllegalArgumentException("maxBreakerCooldown must be >= breakerCooldown");
        }
        this.windowRows = positive("windowRows", b.windowRows);
        this.appendBatchRows = positive("appendBatchRows", b.appendBatchRows);
        if (b.maxVideos < 0) {
            throw new IllegalArgumentException("maxVideos must be >= 0 (0 = no limit), was " + b.maxVideos);
        }
        this.maxVideos = b.maxVideos;
        this.resyncInterval = b.resyncInterval == null ? Duration.ZERO : nonNegative("resyncInterval", b.resyncInterval);
        this.archiveAfter = nonNegative("archiveAfter", b.archiveAfter);
        this.archiveMinRows = positive("archiveMinRows", b.archiveMinRows);
        if (b.cellCap <= 0) {
            throw new IllegalArgumentException("cellCap must be > 0, was " + b.cellCap);
        }
        this.cellCap = b.cellCap;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
        this.random = Objects.requireNonNull(b.random, "random");
        this.mediaPort = b.mediaPort;
        this.journal = b.journal;
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.host = b.host != null ? b.host : defaultHost();
        this.tools = Objects.requireNonNull(b.tools, "tools");
        this.pauseReason = Objects.requireNonNull(b.pauseReason, "pauseReason");
    }

    private static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + v);
        }
        return v;
    }

    private static Duration positive(String name, Duration d) {
        if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + Durations.format(d));
        }
        return d;
    }

    private static Duration nonNegative(String name, Duration d) {
        if (Objects.requireNonNull(d, name).isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + Durations.format(d));
        }
        return d;
    }

    /**
     * {@code host-pid}, plus {@code -N} for the second and later coordinators of one process: two agents on one
     * host (or two in one JVM) never share a name, which the claim check relies on.
     */
    public static String defaultWorkerName() {
        String name = defaultHost() + "-" + ProcessHandle.current().pid();
        int n = INSTANCES.incrementAndGet();
        return n == 1 ? name : name + "-" + n;
    }

    /**
     * The claims a long-running agent holds ahead of its workers: as many as it has workers. why: a claim round (write,
     * settle, read back) wins at most the slots free when it is decided, and the claims won in the last round still
     * hold theirs then; with one won ahead per worker, each round refills every slot freed since the last. Measured
     * with the 10-agent fleet of no-op tasks: half the concurrency ahead 463-496 tasks a minute, as many 550-596. A
     * library loop that may stop asking at any time keeps the default of none.
     */
    public static int agentClaimAhead(int concurrency) {
        return concurrency;
    }

    /** This machine's name. */
    private static String defaultHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Objects.requireNonNullElse(System.getenv("HOSTNAME"), "host");
        }
    }

    /** A builder with every default; only the port is required. */
    public static Builder builder(SpreadsheetPort port) {
        return new Builder().port(port);
    }

    public SpreadsheetPort port() { return port; }
    public TabNames tabs() { return tabs; }
    public String workerName() { return workerName; }
    public int concurrency() { return concurrency; }
    public int claimAhead() { return claimAhead; }
    public RetryPolicy retryPolicy() { return retryPolicy; }
    public int maxRetries() { return retryPolicy.maxRetries(); }
    public Duration stallTimeout() { return stallTimeout; }
    public Duration heartbeat() { return heartbeat; }
    public Duration settleDelay() { return settleDelay; }
    public Duration claimJitter() { return claimJitter; }
    public Duration sweepInterval() { return sweepInterval; }
    public Duration minTickInterval() { return minTickInterval; }
    public Duration breakerCooldown() { return breakerCooldown; }
    public Duration maxBreakerCooldown() { return maxBreakerCooldown; }
    public int windowRows() { return windowRows; }
    public int appendBatchRows() { return appendBatchRows; }
    /** Global limit on videos listed per source, 0 for none; a source's MaxVideos column overrides it. */
    public int maxVideos() { return maxVideos; }
    /** Re-expand done sources this long after ExpandedAt; {@link Duration#ZERO} disables (a Resync column overrides). */
    public Duration resyncInterval() { return resyncInterval; }
    /** Archive finished rows this long after they finished; {@link Duration#ZERO} disables archiving. */
    public Duration archiveAfter() { return archiveAfter; }
    /** Archive only when at least this many rows can go (unless the workbook nears {@link #cellCap()}). */
    public int archiveMinRows() { return archiveMinRows; }
    /** The workbook's cell cap (Google's 10,000,000; smaller in tests). */
    public long cellCap() { return cellCap; }
    public Clock clock() { return clock; }
    public Sleeper sleeper() { return sleeper; }
    public RandomGenerator random() { return random; }
    /** The expander for sources, or {@code null}: then this agent processes videos only. */
    public MediaPort mediaPort() { return mediaPort; }
    /** The journal file, or {@code null} for none. */
    public Path journal() { return journal; }
    public CoordinatorListener listener() { return listener; }
    /** The Workers tab's Host column. */
    public String host() { return host; }
    /** What the Workers row's Version cell shows after ytdc's version (the toolchain), asked at each row update. */
    Supplier<String> tools() { return tools; }
    /** Why claiming is paused outside the coordinator (a full disk, ...), asked at each row update. */
    Supplier<Optional<String>> pauseReason() { return pauseReason; }

    @Override
    public String toString() {
        // Durations as the options take them (2m), never ISO-8601 (PT2M), so the log reads like the command line.
        return "CoordinatorConfig{worker=" + workerName + ", spreadsheet=" + port.spreadsheetId() + ", tabs=" + tabs
                + ", concurrency=" + concurrency + ", maxRetries=" + retryPolicy.maxRetries() + ", retryBackoff="
                + Durations.format(retryPolicy.firstBackoff()) + ".." + Durations.format(retryPolicy.maxBackoff())
                + ", stallTimeout=" + Durations.format(stallTimeout) + ", heartbeat=" + Durations.format(heartbeat)
                + ", settleDelay=" + Durations.format(settleDelay) + ", claimJitter=" + Durations.format(claimJitter)
                + ", sweepInterval=" + Durations.format(sweepInterval) + ", maxVideos=" + maxVideos + ", resync="
                + (resyncInterval.isZero() ? "never" : Durations.format(resyncInterval)) + ", archiveAfter="
                + (archiveAfter.isZero() ? "never" : Durations.format(archiveAfter)) + ", journal=" + journal + "}";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private SpreadsheetPort port;
        private TabNames tabs = TabNames.DEFAULT;
        private String workerName;
        private int concurrency = DEFAULT_CONCURRENCY;
        private int claimAhead;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private double retryJitter = DEFAULT_RETRY_JITTER;
        private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration settleDelay = DEFAULT_SETTLE_DELAY;
        private Duration claimJitter = DEFAULT_CLAIM_JITTER;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private Duration minTickInterval = DEFAULT_MIN_TICK_INTERVAL;
        private Duration breakerCooldown = DEFAULT_BREAKER_COOLDOWN;
        private Duration maxBreakerCooldown = DEFAULT_MAX_BREAKER_COOLDOWN;
        private int windowRows = DEFAULT_WINDOW_ROWS;
        private int appendBatchRows = DEFAULT_APPEND_BATCH_ROWS;
        private int maxVideos;
        private Duration resyncInterval = Duration.ZERO;
        private Duration archiveAfter = DEFAULT_ARCHIVE_AFTER;
        private int archiveMinRows = DEFAULT_ARCHIVE_MIN_ROWS;
        private long cellCap = DEFAULT_CELL_CAP;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = new SecureRandom();
        private MediaPort mediaPort;
        private Path journal;
        private CoordinatorListener listener = CoordinatorListener.NONE;
        private String host;
        private Supplier<String> tools = () -> "";
        private Supplier<Optional<String>> pauseReason = Optional::empty;

        private Builder() {}

        public Builder port(SpreadsheetPort v) { this.port = v; return this; }
        public Builder tabs(TabNames v) { this.tabs = v; return this; }
        /**
         * This worker's name in ClaimedBy and the Workers tab, where the coordinator keeps a row under it; default
         * {@link #defaultWorkerName()}. Two live coordinators must never share a name.
         */
        public Builder workerName(String v) { this.workerName = v; return this; }
        /** Worker slots: how many tasks this coordinator holds at once (threads calling processNextTask). */
        public Builder concurrency(int v) { this.concurrency = v; return this; }
        /**
         * Claims won ahead of need (0 to concurrency; default 0): held ready, lease renewed, so that a worker that
         * frees starts its next task at once instead of waiting a claim round against Sheets (a write, a settle
         * delay and a read; a fleet's paced agent may wait 15 s per request). Costs nothing where claims are decided
         * at once (local mode). Claims held ahead show as in progress and are released on close.
         */
        public Builder claimAhead(int v) { this.claimAhead = v; return this; }
        public Builder maxRetries(int v) { this.maxRetries = v; return this; }
        /** Delay before the first retry; doubles per retry up to {@link #maxRetryBackoff}. */
        public Builder retryBackoff(Duration v) { this.retryBackoff = v; return this; }
        public Builder maxRetryBackoff(Duration v) { this.maxRetryBackoff = v; return this; }
        /** Fraction (0..1) by which retry delays are randomised. */
        public Builder retryJitter(double v) { this.retryJitter = v; return this; }
        /** A claim whose lease is older than this is stalled; must be >= 4 x heartbeat. */
        public Builder stallTimeout(Duration v) { this.stallTimeout = v; return this; }
        /** How often held leases are renewed (one batched write). */
        public Builder heartbeat(Duration v) { this.heartbeat = v; return this; }
        /** How long after writing a claim it is read back; must exceed the API's answer time. */
        public Builder settleDelay(Duration v) { this.settleDelay = v; return this; }
        /** Random delay (0..this) before claiming, so agents started together do not collide. */
        public Builder claimJitter(Duration v) { this.claimJitter = v; return this; }
        /** How often whole work tabs are read, to find stalls and hand edits above the finished prefix. */
        public Builder sweepInterval(Duration v) { this.sweepInterval = v; return this; }
        /** Least time between two ticks while work is flowing (batches completions into one write). */
        public Builder minTickInterval(Duration v) { this.minTickInterval = v; return this; }
        public Builder breakerCooldown(Duration v) { this.breakerCooldown = v; return this; }
        public Builder maxBreakerCooldown(Duration v) { this.maxBreakerCooldown = v; return this; }
        /** Rows read per tick past the finished prefix. */
        public Builder windowRows(int v) { this.windowRows = v; return this; }
        /** Rows per append when expanding a source. */
        public Builder appendBatchRows(int v) { this.appendBatchRows = v; return this; }
        public Builder maxVideos(int v) { this.maxVideos = v; return this; }
        public Builder resyncInterval(Duration v) { this.resyncInterval = v; return this; }
        public Builder archiveAfter(Duration v) { this.archiveAfter = v; return this; }
        public Builder archiveMinRows(int v) { this.archiveMinRows = v; return this; }
        public Builder cellCap(long v) { this.cellCap = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder sleeper(Sleeper v) { this.sleeper = v; return this; }
        public Builder random(RandomGenerator v) { this.random = v; return this; }
        public Builder mediaPort(MediaPort v) { this.mediaPort = v; return this; }
        public Builder journal(Path v) { this.journal = v; return this; }
        public Builder listener(CoordinatorListener v) { this.listener = v; return this; }
        /** The Workers tab's Host column; default this machine's name. */
        public Builder host(String v) { this.host = v; return this; }

        /**
         * What this worker's toolchain is, shown after ytdc's version in its Workers row (e.g. {@code yt-dlp
         * 2026.08.19 stable, deno 2.9.6}) so a fleet's drift is visible; asked on the engine thread at each row
         * update, so it must not block. Default: nothing beyond ytdc's version.
         */
        public Builder tools(Supplier<String> v) { this.tools = v; return this; }

        /**
         * Why the caller has stopped asking for work (a full disk, high load), shown in the Workers row as
         * {@code paused: <why>}; while it is present the row is refreshed once per heartbeat even though nothing is
         * claimed. Asked on the engine and chores threads, so it must not block. Default: never paused.
         */
        public Builder pauseReason(Supplier<Optional<String>> v) { this.pauseReason = v; return this; }

        public CoordinatorConfig build() {
            return new CoordinatorConfig(this);
        }
    }
}
