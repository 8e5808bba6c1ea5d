package io.github.ytdc.toolchain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's periodic toolchain update: every {@code poll} it asks {@link ManagedTools#updateIfDue()}, which acts
 * only once per update interval per host and only in the process that wins the host's lock. A new yt-dlp is picked
 * up by the next download (each run resolves the {@code current} link); downloads already running keep theirs.
 * Keeps the one-line description of the toolchain the Workers tab shows.
 */
final class ToolUpdater implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolUpdater.class);

    private final ManagedTools managed;
    private final ToolchainSetup setup;
    private final Path explicitYtDlp;
    private final Path explicitRuntime;
    private volatile String label;
    private ScheduledExecutorService timer;

    /**
     * @param initial the toolchain as prepared at start, for the first label
     */
    ToolUpdater(ManagedTools managed, ToolchainSetup setup, Path explicitYtDlp, Path explicitRuntime,
                       ToolchainSetup.Choice initial) {
        this.managed = Objects.requireNonNull(managed, "managed");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.explicitYtDlp = explicitYtDlp;
        this.explicitRuntime = explicitRuntime;
        this.label = ToolchainSetup.label(initial);
    }

    /** E.g. {@code yt-dlp 2026.08.19 nightly, deno 2.9.6}: what new downloads run with. */
    String label() {
        return label;
    }

    /** Checks every {@code poll} on a daemon thread of its own, the first time after one {@code poll}. */
    synchronized ToolUpdater start(Duration poll) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ytdc-tool-updater");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1000, poll.toMillis());
            timer.scheduleWithFixedDelay(this::checkNow, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One check: updates when due, and refreshes the label after a change. */
    void checkNow() {
        try {
            Optional<List<InstallResult>> results = managed.updateIfDue();
            if (results.isPresent() && results.get().stream().anyMatch(InstallResult::changed)) {
                label = ToolchainSetup.label(setup.choose(explicitYtDlp, explicitRuntime));
                LOG.info("Toolchain updated; new downloads use {}", label);
            }
        } catch (RuntimeException e) {
            LOG.warn("Toolchain update check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
