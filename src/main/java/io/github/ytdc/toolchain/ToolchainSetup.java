package io.github.ytdc.toolchain;

import io.github.ytdc.YtdcException;
import io.github.ytdc.media.ytdlp.Pacing;
import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.media.ytdlp.ToolReport;
import io.github.ytdc.media.ytdlp.Toolchain;
import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which yt-dlp and JavaScript runtime an agent (or {@code ytdc doctor}) uses, installing them first when
 * asked: a yt-dlp given with {@code --yt-dlp} or {@code YTDC_YT_DLP} wins, then the one ytdc installed, then
 * {@code PATH}'s (Debian's package, as a last resort). Then sets up the {@link Toolchain} every run gets.
 */
public final class ToolchainSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ToolchainSetup.class);
    /** How a tool ytdc installed is reported as found ({@link ToolReport#foundVia()} starts with it). */
    static final String VIA_MANAGED = "ytdc tools";

    private final ManagedTools managed;
    private final ToolDiscovery discovery;
    private final Map<String, String> env;

    /**
     * @param managed   the tools ytdc installs and keeps current
     * @param discovery finds an operator's own yt-dlp and ffmpeg
     * @param env       the environment, for {@code YTDC_YT_DLP}
     */
    ToolchainSetup(ManagedTools managed, ToolDiscovery discovery, Map<String, String> env) {
        this.managed = Objects.requireNonNull(managed, "managed");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.env = Map.copyOf(env);
    }

    /**
     * The toolchain as {@code config} manages it: tools ytdc installs into its tools folder (downloading with the
     * standard HTTP client), and an operator's own yt-dlp and ffmpeg found through {@code env} and the {@code PATH}.
     */
    public static ToolchainSetup of(ToolsConfig config, Map<String, String> env, Clock clock) {
        return new ToolchainSetup(new ManagedTools(config, env, clock), new ToolDiscovery(env, clock), env);
    }

    /**
     * What {@link #installAll} did, for the operator.
     *
     * @param lines  one line per tool: {@code ok}, {@code updated} or {@code FAILED}, and what happened
     * @param failed whether any install failed (what was installed before stays current)
     */
    public record InstallReport(List<String> lines, boolean failed) {
        public InstallReport {
            lines = List.copyOf(lines);
        }
    }

    /** Where the managed tools are kept and where they come from. */
    public ToolsConfig config() {
        return managed.config();
    }

    /**
     * {@code ytdc tools install}: installs or updates yt-dlp, and deno unless a supported runtime is found elsewhere
     * (counting {@code explicitRuntime}, the {@code --js-runtime} given, or {@code null}) or {@code alwaysDeno}; one
     * host at a time, under a file lock. Never throws: what failed is in the report, and what was installed before
     * stays current.
     */
    public InstallReport installAll(boolean alwaysDeno, Path explicitRuntime) {
        return managed.installAll(alwaysDeno, explicitRuntime);
    }

    /** What is installed, in one line, e.g. {@code yt-dlp 2026.08.19 from URL; deno none}. */
    public String describeInstalled() {
        return managed.describeInstalled();
    }

    /**
     * How yt-dlp runs besides the runtime: PO-token provider, plugin folder, pacing.
     *
     * @param jsRuntime       the {@code --js-runtime} given, or {@code null} to look for one
     * @param poTokenProvider base URL of a PO-token provider, or {@code null}
     * @param pluginDir       yt-dlp plugin folder, or {@code null}
     * @param pacing          pauses between requests and downloads
     */
    public record Extras(Path jsRuntime, URI poTokenProvider, Path pluginDir, Pacing pacing) {
        public Extras {
            Objects.requireNonNull(pacing, "pacing");
        }
    }

    /**
     * The yt-dlp chosen and what it says about itself, and the JavaScript runtime chosen. What it says in detail
     * stays inside this package: {@link #diagnose} turns it into findings.
     */
    public static final class Choice {
        private final ToolReport report;
        private final Optional<YtDlpInfo> info;
        private final RuntimeSearch runtime;

        /**
         * @param report  found, version, age and problems, as {@link ToolDiscovery} reports them
         * @param info    what its help and header say, when it runs
         * @param runtime the JavaScript runtimes found and the one chosen
         */
        Choice(ToolReport report, Optional<YtDlpInfo> info, RuntimeSearch runtime) {
            this.report = Objects.requireNonNull(report, "report");
            this.info = Objects.requireNonNull(info, "info");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /** The yt-dlp found: where, how, its version, age and problems, as {@link ToolDiscovery} reports it. */
        public ToolReport report() {
            return report;
        }

        /** One line on the JavaScript runtime: the one yt-dlp is given, or why none found is usable. */
        public String runtimeSummary() {
            return runtime.summary();
        }

        /** What yt-dlp's help and header say, when it runs. */
        Optional<YtDlpInfo> info() {
            return info;
        }

        /** The JavaScript runtimes found and the one chosen. */
        RuntimeSearch runtime() {
            return runtime;
        }

        /**
         * What keeps this yt-dlp, though it runs, from YouTube, if anything: the one rule that both the agent's
         * start-up log and {@code ytdc doctor} apply, each in its own words.
         */
        Optional<YouTubeGap> youTubeGap() {
            if (!YtDlpRelease.solvesJsChallenges(report.version())) {
                return Optional.of(YouTubeGap.PREDATES_JS_CHALLENGES);
            }
            if (info.isPresent() && !info.get().hasEjs()) {
                return Optional.of(YouTubeGap.LACKS_EJS);
            }
            return Optional.empty();
        }
    }

    /** Why a yt-dlp that runs still cannot download from YouTube. */
    enum YouTubeGap {
        /** Older than {@link YtDlpRelease#FIRST_WITH_JS_CHALLENGES}: it cannot solve YouTube's JavaScript challenge. */
        PREDATES_JS_CHALLENGES,
        /** Without the challenge-solver scripts (the yt-dlp-ejs package), so the challenge goes unsolved. */
        LACKS_EJS
    }

    /**
     * One finding of {@link #diagnose}.
     *
     * @param name    what was checked: {@code yt-dlp}, {@code channel}, {@code js-runtime} or {@code canary}
     * @param level   pass, warn, fail or skip
     * @param message what was found and, unless it passed, how to fix it
     */
    public record Finding(String name, Level level, String message) {
        /** How a check ended. */
        public enum Level { PASS, WARN, FAIL, SKIP }

        public Finding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
        }

        static Finding pass(String name, String message) {
            return new Finding(name, Level.PASS, message);
        }

        static Finding warn(String name, String message) {
            return new Finding(name, Level.WARN, message);
        }

        static Finding fail(String name, String message) {
            return new Finding(name, Level.FAIL, message);
        }

        static Finding skip(String name, String message) {
            return new Finding(name, Level.SKIP, message);
        }
    }

    /**
     * A toolchain ready to run, and how it was chosen.
     *
     * @param toolchain what every yt-dlp run uses
     * @param choice    which yt-dlp and runtime were chosen, and what they said about themselves
     */
    public record Prepared(Toolchain toolchain, Choice choice) {
        /** Whether it runs tools ytdc installed, which its periodic update then keeps current. */
        public boolean managed() {
            return choice.report().foundVia().startsWith(VIA_MANAGED)
                    || choice.runtime().chosen().map(r -> r.foundVia().equals(VIA_MANAGED)).orElse(false);
        }

        /** The Workers tab's view of this toolchain: {@code yt-dlp 2026.08.19 nightly, deno 2.9.6}. */
        public String label() {
            return ToolchainSetup.label(choice);
        }
    }

    /** Whether the operator named a yt-dlp ({@code --yt-dlp}, {@code YTDC_YT_DLP}); then ytdc installs none. */
    public boolean explicitYtDlp(Path explicit) {
        String fromEnv = env.get(ToolDiscovery.YT_DLP_ENV);
        return explicit != null || (fromEnv != null && !fromEnv.isBlank());
    }

    /**
     * {@code ytdc doctor}'s toolchain checks, on the yt-dlp and runtime an agent would choose, installing nothing:
     * yt-dlp (new enough for YouTube, with its challenge-solver scripts, not too old), its channel, the JavaScript
     * runtime, and with a {@code canaryUrl} a real extraction run as agents run yt-dlp. Never throws for what it
     * checks; every finding but a pass names the fix.
     *
     * @param explicitYtDlp   the {@code --yt-dlp} given, or {@code null}
     * @param explicitRuntime the {@code --js-runtime} given, or {@code null}
     * @param canaryUrl       a video to extract for real, or {@code null} or blank for none
     * @param extras          how agents run yt-dlp (PO-token provider, plugins, pacing), for the canary
     * @param clock           now, to judge the release's age and the last update check
     * @return the findings, in a fixed order: {@code yt-dlp}, {@code channel}, {@code js-runtime}, {@code canary}
     */
    public List<Finding> diagnose(Path explicitYtDlp, Path explicitRuntime, String canaryUrl, Extras extras,
                                  Clock clock) {
        return new ToolchainChecks(this, managed, clock, extras).run(explicitYtDlp, explicitRuntime, canaryUrl);
    }

    /** Finds yt-dlp and a runtime without installing anything. */
    public Choice choose(Path explicitYtDlp, Path explicitRuntime) {
        ToolReport report;
        Optional<Installed> mine = explicitYtDlp(explicitYtDlp) ? Optional.empty() : managed.ytDlp();
        if (mine.isPresent()) {
            ToolReport r = discovery.inspectYtDlp(managed.stablePath(mine.get()));
            report = new ToolReport(r.tool(), r.path(), VIA_MANAGED + " (" + managed.config().channel() + ")",
                    r.version(), r.age(), r.problems());
        } else {
            report = discovery.inspectYtDlp(explicitYtDlp);
        }
        RuntimeSearch runtime = managed.findRuntime(explicitRuntime);
        Optional<YtDlpInfo> info = report.usable()
                ? YtDlpProbe.probe(report.path(), runtime.chosen().orElse(null)) : Optional.empty();
        return new Choice(report, info, runtime);
    }

    /**
     * The toolchain an agent runs with. With {@code install}, and no yt-dlp named by the operator, first installs
     * what is missing (a current yt-dlp; deno when no supported runtime is found), waiting for another process on
     * this host that is installing. What cannot be had is logged loudly with the fix: YouTube downloads will then
     * fail as host faults, never charging or dead-lettering a video.
     *
     * @throws YtdcException when no yt-dlp runs at all, or audio extraction needs a missing ffmpeg
     */
    public Prepared prepare(Path explicitYtDlp, Path explicitFfmpeg, boolean needFfmpeg, boolean install,
                            Extras extras) {
        var ffmpeg = discovery.inspectFfmpeg(explicitFfmpeg);
        if (needFfmpeg && !ffmpeg.usable()) {
            throw new YtdcException("audio extraction needs ffmpeg, which is not usable: "
                    + String.join("; ", ffmpeg.problems()));
        }
        if (install && !explicitYtDlp(explicitYtDlp) && (managed.ytDlp().isEmpty()
                || managed.findRuntime(extras.jsRuntime()).chosen().isEmpty())) {
            LOG.info("Installing yt-dlp ({} channel) and a JavaScript runtime into {}",
                    managed.config().channel(), managed.config().toolsDir());
            managed.install(false, extras.jsRuntime());
        }
        Choice c = choose(explicitYtDlp, extras.jsRuntime());
        if (!c.report().usable()) {
            throw new YtdcException("yt-dlp is not usable: " + String.join("; ", c.report().problems())
                    + "; or run 'ytdc tools install'");
        }
        LOG.info("Using yt-dlp {} at {} (found via {})", c.report().version(), c.report().path(), c.report().foundVia());
        c.report().problems().forEach(p -> LOG.warn("{}", p));
        warnAboutYouTube(c);
        if (ffmpeg.usable()) {
            LOG.info("Using ffmpeg {} at {} (found via {})", ffmpeg.version(), ffmpeg.path(), ffmpeg.foundVia());
        } else {
            ffmpeg.problems().forEach(p -> LOG.warn("{}", p));
        }
        Path cache = managed.config().ytDlpCacheDir();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            LOG.warn("Cannot create yt-dlp's cache folder {} ({}); yt-dlp uses its own", cache, e.toString());
            cache = null;
        }
        Toolchain toolchain = Toolchain.builder(c.report().path())
                .version(c.report().version())
                .ffmpeg(ffmpeg.usable() ? ffmpeg.path() : null)
                .jsRuntime(c.runtime().chosen().map(JsRuntime::ytDlpOption).orElse(null))
                .cacheDir(cache)
                .poTokenProvider(extras.poTokenProvider())
                .pluginDir(extras.pluginDir())
                .pacing(extras.pacing())
                .knownOptions(c.info().map(YtDlpInfo::options).orElse(java.util.Set.of()))
                .build();
        return new Prepared(toolchain, c);
    }

    /**
     * Keeps the tools an agent runs current: when {@code prepared} runs tools ytdc installed and the update interval
     * is not zero, looks for new releases every {@code poll} on a daemon thread (acting once per interval per host),
     * so the next download uses a new yt-dlp while running ones keep theirs.
     *
     * @param explicitYtDlp   the {@code --yt-dlp} given, or {@code null}, as passed to {@link #prepare}
     * @param explicitRuntime the {@code --js-runtime} given, or {@code null}
     * @return the Workers tab's view of the toolchain new downloads use, refreshed after each update
     */
    public Supplier<String> keepCurrent(Prepared prepared, Path explicitYtDlp, Path explicitRuntime, Duration poll) {
        ToolUpdater updater = new ToolUpdater(managed, this, explicitYtDlp, explicitRuntime, prepared.choice());
        Duration interval = managed.config().updateInterval();
        if (prepared.managed() && !interval.isZero()) {
            updater.start(poll);
            LOG.info("Tools in {} are checked for updates every {}", managed.config().toolsDir(),
                    Durations.format(interval));
        }
        return updater::label;
    }

    /** The Workers tab's view of this toolchain: {@code yt-dlp 2026.08.19 nightly, deno 2.9.6}. */
    static String label(Choice c) {
        String yt = "yt-dlp " + (c.report().version() == null ? "?" : c.report().version())
                + c.info().map(YtDlpInfo::channel).filter(s -> !s.isEmpty()).map(s -> " " + s).orElse("");
        return yt + ", " + c.runtime().chosen().map(JsRuntime::label).orElse("no JS runtime");
    }

    private static void warnAboutYouTube(Choice c) {
        String version = c.report().version();
        YouTubeGap gap = c.youTubeGap().orElse(null);
        if (gap == YouTubeGap.PREDATES_JS_CHALLENGES) {
            LOG.warn("yt-dlp {} predates {} and cannot solve YouTube's JavaScript challenge: YouTube videos will fail "
                    + "(released as host faults, never dead-lettered). Fix: run 'ytdc tools install', or stop passing "
                    + "--yt-dlp/YTDC_YT_DLP so agents install a current release", version,
                    YtDlpRelease.FIRST_WITH_JS_CHALLENGES);
        } else if (gap == YouTubeGap.LACKS_EJS) {
            LOG.warn("yt-dlp {} at {} lacks the challenge-solver scripts (yt-dlp-ejs): YouTube formats will be missing. "
                    + "Fix: 'ytdc tools install' (release builds bundle them) or pip install -U \"yt-dlp[default]\"",
                    version, c.report().path());
        }
        if (c.runtime().chosen().isEmpty()) {
            LOG.warn("{}: YouTube needs one since yt-dlp 2025.11.12 and its videos will fail as host faults. Fix: {}",
                    c.runtime().summary(), RuntimeSearch.HOW_TO_GET_DENO);
        } else {
            LOG.info("JavaScript runtime for YouTube's challenge: {}", c.runtime().summary());
        }
    }
}
