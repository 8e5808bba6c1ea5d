package io.github.ytdc.agent;

import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.Coordinator;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.CoordinatorListener;
import io.github.ytdc.coord.HeldTask;
import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.sources.SourceImporter;
import io.github.ytdc.util.Durations;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The agent runtime ({@code ytdc agent}): N worker threads each looping {@link Coordinator#processNextTask}, plus a
 * supervisor (the thread calling {@link #run()}) that checks the claim guards, imports the sources file when it
 * changes, serves health and metrics, and runs the graceful stop: stop claiming, let running tasks finish within the
 * grace period, release the rest. The coordinator keeps the Workers row; the agent adds what only it knows there:
 * its toolchain and why its guards pause claiming.
 *
 * <pre>{@code
 * Agent agent = Agent.builder(port, processor).configure(c -> c.concurrency(4)).grace(Duration.ofMinutes(2)).build();
 * Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
 * agent.run();
 * }</pre>
 */
public final class Agent {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** MDC key naming the agent in every log line (see the bundled logback.xml). */
    public static final String MDC_WORKER = "worker";
    /** MDC key naming the task a log line is about. */
    public static final String MDC_TASK = "task";
    /** After the grace period, how long releasing what is held and marking the Workers row may take by default. */
    public static final Duration DEFAULT_RELEASE_TIMEOUT = Duration.ofSeconds(10);
    /** Past the release timeout, how long the release may still take to return before the agent stops without it. */
    static final Duration RELEASE_SLACK = Duration.ofSeconds(2);

    private final Builder cfg;
    private final ClaimGuard guard;
    private final Coordinator coordinator;
    private final SpreadsheetPort port;
    private final AgentMetrics metrics;
    /** Reads a minute a whole idle fleet may spend polling for work. */
    private static final int IDLE_READS_PER_MINUTE = 90;
    private final SheetReachability reachability;
    private final Clock clock;
    private final String workerName;
    private final TaskProcessor processor;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object pauseLock = new Object();

    private volatile String pausedBecause;
    private volatile String phase = "starting";
    private volatile RuntimeException fatal;
    private volatile HealthServer http;
    private final List<Thread> workers = new ArrayList<>();
    /** Imports the sources file when it changed; {@code null} without one. */
    private SourceImporter sources;
    // The supervisor's own Sheets requests run here, so a Sheets outage never keeps it from noticing a stop request.
    private final java.util.concurrent.ExecutorService chores = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "ytdc-sheet-chores");
                t.setDaemon(true);
                return t;
            });
    private java.util.concurrent.Future<?> chore = java.util.concurrent.CompletableFuture.completedFuture(null);
    private Instant nextSourcesCheck = Instant.MIN;
    private long quotaErrorsSeen;

    private Agent(Builder b) {
        this.cfg = b;
        this.guard = ClaimGuard.all(b.guards);
        this.metrics = new AgentMetrics(b.metrics);
        this.port = new MeteredSpreadsheetPort(b.port, metrics);
        CoordinatorConfig.Builder cb = CoordinatorConfig.builder(port);
        b.coordinator.accept(cb);
        CoordinatorConfig probe = cb.build(); // validates, and fixes the worker name the listeners need
        this.workerName = probe.workerName();
        this.clock = probe.clock();
        this.reachability = new SheetReachability(clock);
        List<CoordinatorListener> listeners = new ArrayList<>(List.of(new MetricsListener(metrics), reachability));
        if (probe.listener() != CoordinatorListener.NONE) {
            listeners.add(probe.listener()); // set through configure(...): kept, not replaced by the agent's own
        }
        // The coordinator keeps the Workers row; the agent adds its toolchain and its guards' pauses to it.
        cb.workerName(workerName).listener(CoordinatorListener.all(listeners))
                .pauseReason(() -> Optional.ofNullable(pausedBecause));
        if (b.host != null) {
            cb.host(b.host);
        }
        if (b.tools != null) {
            cb.tools(b.tools);
        }
        this.coordinator = new Coordinator(cb.build());
        this.processor = new LoggedProcessor(b.processor, metrics);
        if (b.sourcesFile != null) {
            this.sources = new SourceImporter(port, coordinator.config().tabs());
        }
    }

    /** An agent processing videos with {@code processor} on the spreadsheet behind {@code port}. */
    public static Builder builder(SpreadsheetPort port, TaskProcessor processor) {
        return new Builder(port, processor);
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    public String workerName() {
        return workerName;
    }

    /** Where health and metrics are served, once {@link #run()} started serving them. */
    public Optional<InetSocketAddress> httpAddress() {
        HealthServer h = http;
        return h == null ? Optional.empty() : Optional.of(h.address());
    }

    /**
     * Reads a listen address for {@link Builder#http} as people write it: {@code 9090} or {@code :9090} (loopback),
     * {@code 0.0.0.0:9090}, {@code [::1]:9090}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static InetSocketAddress parseHttpAddress(String text) {
        return HealthServer.parseAddress(text);
    }

    /**
     * Asks {@link #run()} to stop gracefully (SIGTERM); returns at once. From now on no Sheets request outlasts the
     * stop (grace period plus release timeout), including one under way while the agent is still starting.
     */
    public void stop() {
        if (stopRequested.getCount() > 0) {
            port.finishWithin(cfg.grace.plus(cfg.releaseTimeout));
        }
        stopRequested.countDown();
    }

    /** Waits until {@link #run()} has returned; true if it did within {@code timeout}. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once {@link #run()} has returned. */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /**
     * Runs until {@link #stop()}, or with {@code exitWhenIdle} until no row is pending (even backing off) or in
     * progress and this agent holds nothing; then stops gracefully.
     *
     * @throws YtdcException when the spreadsheet cannot be used at all (after stopping)
     */
    public void run() {
        MDC.put(MDC_WORKER, workerName);
        try {
            start();
            supervise();
        } finally {
            try {
                shutdown();
            } finally {
                finished.countDown();
            }
        }
        if (fatal != null) {
            throw new YtdcException("agent stopped: " + fatal.getMessage(), fatal);
        }
    }

    private void start() {
        if (cfg.http != null) {
            http = HealthServer.start(cfg.http, this::health, metrics.registry());
        }
        importSourcesIfChanged(clock.instant());
        checkGuards(); // preflight: an unusable output folder pauses claiming before the first claim
        coordinator.start(); // the Workers row shows such a pause though nothing is claimed yet
        phase = "running";
        for (int i = 1; i <= coordinator.config().concurrency(); i++) {
            Thread t = new Thread(new WorkerLoop(new SplittableRandom(cfg.seed + i)), "ytdc-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        LOG.info("agent {} started with {} worker(s)", workerName, workers.size());
    }

    private void supervise() {
        try {
            while (!stopRequested.await(cfg.supervisorInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                Instant now = clock.instant();
                checkGuards();
                metrics.tasksInProgress(coordinator.runningCount());
                metrics.circuitOpen(coordinator.claimsPausedBecause().isPresent());
                countQuotaErrors();
                if (fatal != null) {
                    return;
                }
                if (chore.isDone() && sources != null) {
                    chore = chores.submit(() -> importSourcesIfChanged(now));
                }
                if (cfg.exitWhenIdle && coordinator.isIdle()) {
                    LOG.info("nothing pending or in progress and nothing held: exiting (--exit-when-idle)");
                    return;
                }
            }
            LOG.info("stop requested");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkGuards() {
        Optional<String> reason;
        try {
            reason = guard.pauseReason();
        } catch (RuntimeException e) {
            LOG.warn("claim guard failed: {}", e.toString());
            reason = Optional.empty();
        }
        String now = reason.orElse(null);
        if (!Objects.equals(now, pausedBecause)) {
            if (now != null) {
                LOG.warn("pausing claims: {}", now);
            } else {
                LOG.info("resuming claims: {} cleared", pausedBecause);
            }
            pausedBecause = now; // the coordinator shows it in the Workers row (pauseReason)
            synchronized (pauseLock) {
                pauseLock.notifyAll();
            }
        }
    }

    private void countQuotaErrors() {
        if (cfg.port instanceof GoogleSpreadsheetPort g) {
            long total = g.counters().quotaErrors();
            for (; quotaErrorsSeen < total; quotaErrorsSeen++) {
                metrics.sheetsQuotaExceeded();
            }
        }
    }

    private void importSourcesIfChanged(Instant now) {
        MDC.put(MDC_WORKER, workerName);
        if (sources == null || now.isBefore(nextSourcesCheck)) {
            return;
        }
        nextSourcesCheck = now.plus(cfg.sourcesPoll);
        try {
            sources.importIfChanged(cfg.sourcesFile).ifPresent(summary -> {
                if (summary.hasRejections()) {
                    LOG.warn("imported {}: {}", cfg.sourcesFile, summary.render());
                } else {
                    LOG.info("imported {}: {}", cfg.sourcesFile, summary.render());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not import {} (will retry): {}", cfg.sourcesFile, e.getMessage());
        }
    }

    private void shutdown() {
        phase = "stopping";
        chores.shutdownNow();
        coordinator.stopClaiming();
        wakeWorkers();
        // Every Sheets request from here on (results of finishing tasks, releases, the Workers row) ends by the end
        // of the stop, whatever the sheet is doing; what is not written by then is left to the leases. (Set here
        // too for stops that did not go through stop(): --exit-when-idle.)
        port.finishWithin(cfg.grace.plus(cfg.releaseTimeout));
        Instant deadline = clock.instant().plus(cfg.grace);
        LOG.info("stopping: letting {} running task(s) finish within {}", coordinator.runningCount(),
                Durations.format(cfg.grace));
        try {
            while (coordinator.runningCount() > 0 && clock.instant().isBefore(deadline)) {
                synchronized (pauseLock) {
                    pauseLock.wait(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (coordinator.runningCount() > 0) {
            LOG.warn("grace period over: releasing {} running task(s)", coordinator.runningCount());
        }
        phase = "stopped";
        // Releasing bounds its own requests (Coordinator.close(timeLeft)) and says in one line what it leaves to the
        // leases. The thread is a safety net for anything else that could block (a file lock, a trickling answer).
        long releaseDeadline = System.nanoTime() + cfg.releaseTimeout.plus(RELEASE_SLACK).toNanos();
        boolean released = within(releaseDeadline, "ytdc-release", () -> {
            coordinator.close(cfg.releaseTimeout); // releases what is held and marks the Workers row stopped
            joinWorkers(releaseDeadline);
        });
        if (!released) {
            List<HeldTask> left = coordinator.held();
            LOG.warn("releasing did not end within {} of the grace period's end: stopping anyway; {}",
                    Durations.format(cfg.releaseTimeout.plus(RELEASE_SLACK)), left.isEmpty()
                            ? "this agent's Workers row may still show it running until it is seen as dead"
                            : "left to their leases (taken over once older than the stall timeout, "
                                    + Durations.format(coordinator.config().stallTimeout()) + "): "
                                    + left.stream().map(t -> t.kind().label() + " " + t.id())
                                            .collect(Collectors.joining(", ")));
        }
        HealthServer h = http;
        if (h != null) {
            h.close();
        }
        LOG.info("agent {} stopped: {} task(s) done (sources expanded included), {} failed attempt(s)", workerName, coordinator.doneCount(),
                coordinator.failedCount());
    }

    private void joinWorkers(long deadlineNanos) {
        for (Thread t : workers) {
            try {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("{} did not stop in time", t.getName());
            }
        }
    }

    /**
     * Runs {@code work} on a daemon thread and waits for it until {@code deadlineNanos} ({@link System#nanoTime()});
     * true if it finished. Otherwise the thread is interrupted and abandoned: it may be blocked in a request that
     * only a read timeout ends, and the process exits without it.
     */
    private static boolean within(long deadlineNanos, String name, Runnable work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        Thread t = new Thread(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            work.run();
        }, name);
        t.setDaemon(true);
        t.start();
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt();
            return false;
        }
        return true;
    }

    private void wakeWorkers() {
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0 || !phase.equals("running") || fatal != null;
    }

    /**
     * The health the HTTP port reports: unhealthy while stopping, while the breaker is open or while the sheet does
     * not answer.
     */
    Health health() {
        if (stopRequested.getCount() == 0 || phase.equals("stopping") || phase.equals("stopped")) {
            // A stopping agent claims nothing more: a balancer or supervisor should count it out.
            return Health.unhealthy("stopping: claiming nothing new; " + coordinator.runningCount()
                    + " running task(s) may finish within the grace period of " + Durations.format(cfg.grace));
        }
        Health breaker = coordinator.claimsPausedBecause().map(Health::unhealthy).orElse(Health.ok());
        String guard = pausedBecause;
        Health guarded = guard == null ? Health.ok() : Health.unhealthy("claims paused: " + guard);
        return HealthCheck.all(() -> breaker, () -> guarded, reachability::health).check();
    }

    private Duration idleCeiling() {
        // 300 reads a minute per project by default; idle agents may take about 90 of them together.
        // The fleet as the Workers tab shows it: idle polling slows as it grows.
        Duration share = Duration.ofMillis(coordinator.fleetSize() * 60_000L / IDLE_READS_PER_MINUTE);
        return share.compareTo(cfg.idlePollMax) > 0 ? share : cfg.idlePollMax;
    }

    /** One worker slot: claim, process, repeat; back off while there is nothing to claim or claiming is paused. */
    private final class WorkerLoop implements Runnable {
        private final IdleBackoff backoff;

        WorkerLoop(SplittableRandom random) {
            this.backoff = new IdleBackoff(cfg.idlePollMin, Agent.this::idleCeiling, random);
        }

        @Override
        public void run() {
            MDC.put(MDC_WORKER, workerName);
            while (!stopping()) {
                Duration wait;
                if (pausedBecause != null) {
                    wait = cfg.supervisorInterval;
                } else {
                    try {
                        if (coordinator.processNextTask(processor)) {
                            backoff.reset();
                            continue;
                        }
                        Thread.interrupted(); // a cancelled task's interrupt is not a reason to stop this slot
                        if (!coordinator.isClaiming()) {
                            return;
                        }
                        wait = backoff.next();
                    } catch (RuntimeException e) {
                        if (e instanceof YtdcException && !(e instanceof io.github.ytdc.sheets.SheetsException se
                                && se.retryable())) {
                            LOG.error("the spreadsheet cannot be used: {}", e.getMessage());
                            fatal = e;
                            stop();
                            return;
                        }
                        LOG.warn("worker loop: {}", e.toString());
                        wait = backoff.next();
                    }
                }
                try {
                    synchronized (pauseLock) {
                        if (!stopping()) {
                            pauseLock.wait(Math.max(1, wait.toMillis()));
                        }
                    }
                } catch (InterruptedException e) {
                    if (stopping()) {
                        return;
                    }
                }
            }
        }
    }

    /** Puts the task into the log context and counts downloaded bytes. */
    private static final class LoggedProcessor implements TaskProcessor {
        private final TaskProcessor delegate;
        private final AgentMetrics metrics;

        LoggedProcessor(TaskProcessor delegate, AgentMetrics metrics) {
            this.delegate = delegate;
            this.metrics = metrics;
        }

        @Override
        public String process(Task task, TaskContext context) throws Exception {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_TASK, task.kind().label() + " " + task.id())) {
                String output = delegate.process(task, context);
                if (output != null && !output.isBlank()) {
                    try {
                        Path file = Path.of(output);
                        if (Files.isRegularFile(file)) {
                            metrics.downloaded(Files.size(file));
                        }
                    } catch (RuntimeException | java.io.IOException e) {
                        LOG.debug("cannot size output {}: {}", output, e.toString());
                    }
                }
                return output;
            }
        }
    }

    /** Everything about an agent beyond the coordinator's own settings; {@link #build()} creates it. */
    public static final class Builder {
        private final SpreadsheetPort port;
        private final TaskProcessor processor;
        private Consumer<CoordinatorConfig.Builder> coordinator = c -> {};
        private Duration grace = Duration.ofMinutes(2);
        private Duration releaseTimeout = DEFAULT_RELEASE_TIMEOUT;
        private boolean exitWhenIdle;
        private Duration idlePollMin = Duration.ofSeconds(1);
        private Duration idlePollMax = Duration.ofSeconds(15);
        private Duration supervisorInterval = Duration.ofMillis(500);
        private final List<ClaimGuard> guards = new ArrayList<>();
        private Path sourcesFile;
        private Duration sourcesPoll = Duration.ofSeconds(10);
        private InetSocketAddress http;
        private Metrics metrics = new Metrics();
        private String host;
        private java.util.function.Supplier<String> tools;
        private long seed = System.nanoTime();

        private Builder(SpreadsheetPort port, TaskProcessor processor) {
            this.port = Objects.requireNonNull(port, "port");
            this.processor = Objects.requireNonNull(processor, "processor");
        }

        /** Coordinator settings (concurrency, worker name, retries, leases, journal, media port, ...). */
        public Builder configure(Consumer<CoordinatorConfig.Builder> c) {
            this.coordinator = Objects.requireNonNull(c, "configure");
            return this;
        }

        /** How long running tasks may go on after a stop request before they are released; default 2m. */
        public Builder grace(Duration v) {
            this.grace = nonNegative("grace", v);
            return this;
        }

        /**
         * After the grace period, how long releasing what is still held and marking the Workers row {@code stopped}
         * may take; past it the agent stops anyway and leaves its claims to their leases. Default 10s.
         */
        public Builder releaseTimeout(Duration v) {
            this.releaseTimeout = positive("release timeout", v);
            return this;
        }

        /** Exit once no row is pending or in progress and nothing is held. */
        public Builder exitWhenIdle(boolean v) {
            this.exitWhenIdle = v;
            return this;
        }

        /** Waits between looks for work while none is found, growing from {@code min} to {@code max}; default 1s..15s. */
        public Builder idlePoll(Duration min, Duration max) {
            this.idlePollMin = positive("idle poll", min);
            this.idlePollMax = positive("idle poll", max);
            return this;
        }

        /** How often guards, the sources file and idleness are checked; default 500ms. */
        public Builder supervisorInterval(Duration v) {
            this.supervisorInterval = positive("supervisor interval", v);
            return this;
        }

        /**
         * Pause claiming while {@code dir} cannot take a download: it cannot be created, a probe file cannot be written
         * into it, or its disk is nearly full (under 64 MiB free). Re-checked every 10 seconds, so claiming resumes by
         * itself once the folder is fixed.
         */
        public Builder pauseWhileOutputUnusable(Path dir) {
            return guard(ClaimGuard.outputFolder(Objects.requireNonNull(dir, "dir"), Clock.systemUTC()));
        }

        /** Pause claiming while the disk holding {@code dir} has fewer than {@code bytes} free. */
        public Builder minFreeDisk(Path dir, long bytes) {
            return guard(ClaimGuard.minFreeDisk(Objects.requireNonNull(dir, "dir"), bytes));
        }

        /** Pause claiming while the system's one-minute load average is above {@code max} (positive). */
        public Builder maxLoad(double max) {
            if (!(max > 0)) {
                throw new IllegalArgumentException("max load must be positive, was " + max);
            }
            return guard(ClaimGuard.maxLoad(max));
        }

        /** Pause claiming while the host's memory in use (as {@code free} shows it) is above {@code bytes}. */
        public Builder maxMemory(long bytes) {
            return guard(ClaimGuard.maxMemory(bytes));
        }

        /**
         * Pause claiming while {@code reason} gives a reason (checked every supervisor interval, so it must be
         * cheap); held tasks keep being renewed, and claiming resumes once it gives none. Guards are checked in the
         * order they were added; the first reason is shown in the Workers tab and on {@code /health}.
         */
        public Builder pauseClaimsWhen(java.util.function.Supplier<Optional<String>> reason) {
            Objects.requireNonNull(reason, "reason");
            return guard(reason::get);
        }

        private Builder guard(ClaimGuard g) {
            guards.add(g);
            return this;
        }

        /** A sources file imported at start and again whenever its content changes, checked every {@code poll}. */
        public Builder sourcesFile(Path file, Duration poll) {
            this.sourcesFile = file;
            this.sourcesPoll = positive("sources poll", poll);
            return this;
        }

        /** Serve {@code /health} and {@code /metrics} here; {@code null} (the default) for no HTTP port. */
        public Builder http(InetSocketAddress v) {
            this.http = v;
            return this;
        }

        /** The registry the agent's metrics go to; a fresh one by default (tests pass their own). */
        Builder metrics(Metrics v) {
            this.metrics = Objects.requireNonNull(v, "metrics");
            return this;
        }

        /**
         * What this agent's toolchain is, for the Workers tab's Version cell (e.g. {@code yt-dlp 2026.08.19 stable,
         * deno 2.9.6}); asked at each row update. Default: nothing beyond ytdc's version.
         */
        public Builder tools(java.util.function.Supplier<String> v) {
            this.tools = Objects.requireNonNull(v, "tools");
            return this;
        }

        /** The Workers tab's Host column; default this machine's name. */
        public Builder host(String v) {
            this.host = Objects.requireNonNull(v, "host");
            return this;
        }

        /** Seeds the workers' idle-poll jitter. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** @throws IllegalArgumentException when a coordinator setting is invalid */
        public Agent build() {
            return new Agent(this);
        }

        private static Duration positive(String name, Duration d) {
            if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + Durations.format(d));
            }
            return d;
        }

        private static Duration nonNegative(String name, Duration d) {
            if (Objects.requireNonNull(d, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + Durations.format(d));
            }
            return d;
        }
    }
}
