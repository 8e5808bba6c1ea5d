package io.github.ytdc.cli;

import io.github.ytdc.agent.Agent;
import io.github.ytdc.toolchain.ToolchainSetup;
import io.github.ytdc.bench.Bench;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.coord.ExpandOptions;
import io.github.ytdc.coord.MediaPort;
import io.github.ytdc.media.ytdlp.DownloadOptions;
import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.media.ytdlp.ToolReport;
import io.github.ytdc.media.ytdlp.Toolchain;
import io.github.ytdc.media.ytdlp.YtDlpMediaPort;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.connect.Spreadsheets;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Durations;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ytdc agent}: runs one agent of the fleet until SIGTERM (or, with {@code --exit-when-idle}, until the queue
 * is empty). Parses and validates options, wires the library parts together and hands over to {@link Agent}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run an agent that works through the spreadsheet's queue.",
            "",
            "The agent claims sources and videos from the spreadsheet, expands sources with yt-dlp, downloads videos "
                    + "(or with --simulate only pretends to), retries failures and keeps the Workers tab up to date.",
            "SIGTERM stops claiming, lets running downloads finish within --grace, releases the rest and exits 0."
        })
final class AgentCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    @Mixin
    SheetOptions sheet;

    @Mixin
    VerbosityOptions verbosity;

    // ---- coordination
    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "${env:YTDC_CONCURRENCY:-1}",
            description = "Tasks worked on at once (default: ${DEFAULT-VALUE}). Env: YTDC_CONCURRENCY.")
    int concurrency;

    @Option(names = "--worker-name", paramLabel = "NAME", defaultValue = "${env:YTDC_WORKER_NAME}",
            description = "This agent's name in ClaimedBy and the Workers tab; unique per agent (default: host-pid). "
                    + "Env: YTDC_WORKER_NAME.")
    String workerName;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "${env:YTDC_MAX_RETRIES:-3}",
            description = "Retries of a transient failure before dead-lettering (default: ${DEFAULT-VALUE}). "
                    + "Env: YTDC_MAX_RETRIES.")
    int maxRetries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", defaultValue = "${env:YTDC_RETRY_BACKOFF:-1m}",
            description = "Wait before the first retry, doubling per retry (default: ${DEFAULT-VALUE}). "
                    + "Env: YTDC_RETRY_BACKOFF.")
    String retryBackoff;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "${env:YTDC_STALL_TIMEOUT:-10m}",
            description = "A claim whose lease is older than this is taken over; at least 4 x --heartbeat "
                    + "(default: ${DEFAULT-VALUE}). Env: YTDC_STALL_TIMEOUT.")
    String stallTimeout;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "${env:YTDC_HEARTBEAT:-1m}",
            description = "How often held leases are renewed (default: ${DEFAULT-VALUE}). Env: YTDC_HEARTBEAT.")
    String heartbeat;

    @Option(names = "--settle-delay", paramLabel = "DURATION", defaultValue = "${env:YTDC_SETTLE_DELAY:-2s}",
            description = "Wait between writing a claim and reading it back; must exceed the Sheets API's answer time "
                    + "and be shorter than --heartbeat (default: ${DEFAULT-VALUE}). Env: YTDC_SETTLE_DELAY.")
    String settleDelay;

    @Option(names = "--max-videos", paramLabel = "N", defaultValue = "${env:YTDC_MAX_VIDEOS:-0}",
            description = "Videos listed per source at most; 0 for all; a MaxVideos column overrides it "
                    + "(default: ${DEFAULT-VALUE}). Env: YTDC_MAX_VIDEOS.")
    int maxVideos;

    @Option(names = "--resync", paramLabel = "DURATION", defaultValue = "${env:YTDC_RESYNC}",
            description = "Expand done sources again this long after their last expansion, for new uploads "
                    + "(default: never). Env: YTDC_RESYNC.")
    String resync;

    @Option(names = "--archive-after", paramLabel = "DURATION", defaultValue = "${env:YTDC_ARCHIVE_AFTER:-7d}",
            description = "Move finished rows from Video Tasks to the compact Archive tab this long after they "
                    + "finished; 0 never (default: ${DEFAULT-VALUE}). Near Google's cell cap rows go sooner. "
                    + "Env: YTDC_ARCHIVE_AFTER.")
    String archiveAfter;

    /** {@link #archiveAfter} parsed with the other settings, so a bad value is a usage error. */
    private Duration archiveAfterParsed = CoordinatorConfig.DEFAULT_ARCHIVE_AFTER;

    @Option(names = "--include-shorts", negatable = true, defaultValue = "${env:YTDC_INCLUDE_SHORTS:-false}",
            fallbackValue = "true", description = "Also list a channel's shorts. Env: YTDC_INCLUDE_SHORTS.")
    boolean includeShorts;

    @Option(names = "--include-live", negatable = true, defaultValue = "${env:YTDC_INCLUDE_LIVE:-false}",
            fallbackValue = "true", description = "Also list a channel's live streams. Env: YTDC_INCLUDE_LIVE.")
    boolean includeLive;

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = "${env:YTDC_JOURNAL}",
            description = "Append one JSON line per task event to FILE. Env: YTDC_JOURNAL.")
    Path journal;

    // ---- run mode
    @Option(names = "--simulate", paramLabel = "[MIN..]MAX", arity = "0..1", fallbackValue = "2s",
            description = "Download nothing: process each video by waiting a random time up to MAX (default 2s), or "
                    + "between MIN and MAX (e.g. 1s..1s for exactly one second). Sources are still expanded with "
                    + "yt-dlp when it is installed.")
    String simulate;

    @Option(names = "--exit-when-idle",
            description = "Exit 0 once no row is pending (including rows waiting out a retry backoff) or in progress "
                    + "and this agent holds nothing.")
    boolean exitWhenIdle;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:YTDC_GRACE:-2m}",
            description = "After SIGTERM, let running tasks finish this long before releasing them "
                    + "(default: ${DEFAULT-VALUE}). Env: YTDC_GRACE.")
    String grace;

    @Option(names = "--idle-poll", paramLabel = "DURATION", defaultValue = "${env:YTDC_IDLE_POLL:-15s}",
            description = "Longest wait between looks for work while there is none (default: ${DEFAULT-VALUE}). "
                    + "Env: YTDC_IDLE_POLL.")
    String idlePoll;

    // ---- downloader
    @Option(names = "--output", paramLabel = "DIR", defaultValue = "${env:YTDC_OUTPUT:-downloads}",
            description = "Where finished files go (default: ${DEFAULT-VALUE}). Env: YTDC_OUTPUT.")
    Path output;

    @Option(names = "--output-template", paramLabel = "T", defaultValue = "${env:YTDC_OUTPUT_TEMPLATE}",
            // '%' doubled: picocli formats descriptions with String.format
            description = "yt-dlp output template relative to --output "
                    + "(default: %%(title).200B [%%(id)s].%%(ext)s). Env: YTDC_OUTPUT_TEMPLATE.")
    String outputTemplate;

    @Option(names = "--format", paramLabel = "F", defaultValue = "${env:YTDC_FORMAT}",
            description = "yt-dlp format selector, e.g. 'bv*[height<=720]+ba/b'. Env: YTDC_FORMAT.")
    String format;

    @Option(names = "--audio-only", paramLabel = "FORMAT", arity = "0..1", fallbackValue = "mp3",
            defaultValue = "${env:YTDC_AUDIO_ONLY}",
            description = "Keep only the audio, converted to FORMAT (mp3 when not given; m4a, opus, flac, wav, ...); "
                    + "needs ffmpeg. Env: YTDC_AUDIO_ONLY.")
    String audioOnly;

    @Option(names = "--cookies", paramLabel = "FILE", defaultValue = "${env:YTDC_COOKIES}",
            description = "Netscape-format cookies file for yt-dlp. Env: YTDC_COOKIES.")
    Path cookies;

    @Option(names = "--rate-limit", paramLabel = "RATE", defaultValue = "${env:YTDC_RATE_LIMIT}",
            description = "Download at most this many bytes per second, e.g. 500K or 4M. Env: YTDC_RATE_LIMIT.")
    String rateLimit;

    @Option(names = "--yt-dlp-arg", paramLabel = "ARG", description = "A further yt-dlp argument (repeatable).")
    List<String> ytDlpArgs = new ArrayList<>();

    @Option(names = "--download-timeout", paramLabel = "DURATION", defaultValue = "${env:YTDC_DOWNLOAD_TIMEOUT:-6h}",
            description = "Longest one download may take (default: ${DEFAULT-VALUE}). Env: YTDC_DOWNLOAD_TIMEOUT.")
    String downloadTimeout;

    @Option(names = "--archive", paramLabel = "FILE", defaultValue = "${env:YTDC_ARCHIVE}",
            description = "yt-dlp download archive, so restarts never download twice (default: "
                    + DownloadOptions.ARCHIVE_NAME + " in --output). Env: YTDC_ARCHIVE.")
    Path archive;

    @Option(names = "--exec", paramLabel = "ARG",
            description = "After each download run this command, one --exec per argument, no shell; placeholders "
                    + "{file} {id} {url} {title} {source}. Example: --exec aws --exec s3 --exec cp --exec {file} "
                    + "--exec s3://bucket/{id}")
    List<String> exec = new ArrayList<>();

    @Mixin
    ToolPathOptions toolPaths;

    @Mixin
    ToolsOptions toolsOptions;

    @Option(names = "--install-tools", negatable = true, defaultValue = "${env:YTDC_INSTALL_TOOLS:-true}",
            fallbackValue = "true", description = "At start, install a current yt-dlp and deno into --tools-dir when "
                    + "missing (not when --yt-dlp or YTDC_YT_DLP names one), and keep them current every "
                    + "--tools-update (default: ${DEFAULT-VALUE}). Env: YTDC_INSTALL_TOOLS.")
    boolean installTools;

    @Option(names = "--sleep-requests", paramLabel = "SECONDS", defaultValue = "${env:YTDC_SLEEP_REQUESTS:-0.75}",
            description = "Pause between the requests of one yt-dlp run on --pace-hosts (default: ${DEFAULT-VALUE}). "
                    + "Env: YTDC_SLEEP_REQUESTS.")
    String sleepRequests;

    @Option(names = "--sleep-interval", paramLabel = "MIN[..MAX]", defaultValue = "${env:YTDC_SLEEP_INTERVAL:-5..10}",
            description = "Random pause in seconds before each download on --pace-hosts (default: ${DEFAULT-VALUE}). "
                    + "Env: YTDC_SLEEP_INTERVAL.")
    String sleepInterval;

    @Option(names = "--pace-hosts", paramLabel = "HOSTS",
            defaultValue = "${env:YTDC_PACE_HOSTS:-youtube.com,youtu.be,youtube-nocookie.com}",
            description = "Hosts (with their subdomains) paced by --sleep-requests and --sleep-interval; '*' for all, "
                    + "'none' for none (default: ${DEFAULT-VALUE}). Env: YTDC_PACE_HOSTS.")
    String paceHosts;

    /** The toolchain's description for the Workers tab, kept current by its periodic update; set when downloading. */
    private Supplier<String> toolLabel;

    // ---- operations
    @Option(names = "--sources-file", paramLabel = "FILE", defaultValue = "${env:YTDC_SOURCES_FILE}",
            description = "Import this sources file at start and again whenever it changes. Env: YTDC_SOURCES_FILE.")
    Path sourcesFile;

    @Option(names = {"--http-port", "--http"}, paramLabel = "ADDR", defaultValue = "${env:YTDC_HTTP}",
            description = "Serve /health and /metrics on a port (loopback) or host:port. Env: YTDC_HTTP.")
    String http;

    @Option(names = "--min-free-disk", paramLabel = "SIZE", defaultValue = "${env:YTDC_MIN_FREE_DISK}",
            description = "Stop claiming while --output has less free space than SIZE, e.g. 5G. Env: YTDC_MIN_FREE_DISK.")
    String minFreeDisk;

    @Option(names = "--max-load", paramLabel = "X", defaultValue = "${env:YTDC_MAX_LOAD}",
            description = "Stop claiming while the one-minute load average is above X. Env: YTDC_MAX_LOAD.")
    Double maxLoad;

    @Option(names = "--max-memory", paramLabel = "SIZE", defaultValue = "${env:YTDC_MAX_MEMORY}",
            description = "Stop claiming while the host's memory in use is above SIZE, e.g. 12G. Env: YTDC_MAX_MEMORY.")
    String maxMemory;

    @Option(names = "--quota-user", paramLabel = "NAME", defaultValue = "${env:YTDC_QUOTA_USER}",
            description = "Send Google's quotaUser parameter with every request, so that per-user quotas count this "
                    + "agent on its own (the emulator keys its quotas by it; ytdc bench --processes sets it). "
                    + "Env: YTDC_QUOTA_USER.")
    String quotaUser;

    @Option(names = "--project-quota", paramLabel = "READS:WRITES", defaultValue = "${env:YTDC_PROJECT_QUOTA}",
            description = "The Sheets quota per minute of the Google Cloud project(s) the fleet's keys belong to, "
                    + "shared by every live agent in the Workers tab (default Google's 300:300). Set it when Google "
                    + "raised the quota, or to the sum when groups of hosts use keys of different projects. "
                    + "Env: YTDC_PROJECT_QUOTA.")
    String projectQuota;

    @Override
    public Integer call() {
        verbosity.apply();
        Settings s = validate();
        ConnectionSettings connectionSettings = sheet.settings();
        SpreadsheetPort port = openPort(connectionSettings);
        try {
            // Tools only once the spreadsheet is known to exist: a typo in --local must not install anything first.
            Work w = work(s);
            Agent.Builder builder = Agent.builder(port, w.processor)
                    .configure(c -> configure(c, s, w))
                    .grace(s.grace)
                    .exitWhenIdle(exitWhenIdle)
                    .idlePoll(min(Duration.ofSeconds(1), s.idlePoll), s.idlePoll);
            s.guards.accept(builder);
            Agent agent = builder
                    .sourcesFile(sourcesFile, Duration.ofSeconds(10))
                    .http(s.http)
                    .tools(toolLabel == null ? () -> "" : toolLabel)
                    .build();
            logConfiguration(agent, connectionSettings, s, w);
            // The agent stops by itself within grace + release timeout; the margin covers the JVM, not the sheet.
            Duration patience = s.grace.plus(Agent.DEFAULT_RELEASE_TIMEOUT).plus(STOP_MARGIN);
            Thread hook = new Thread(() -> onSignal(agent, patience), "ytdc-sigterm");
            Runtime.getRuntime().addShutdownHook(hook);
            agent.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends the process with exit code 0
            }
            return 0;
        } finally {
            port.close();
        }
    }

    /**
     * SIGTERM or SIGINT: stop gracefully, then end with 0 rather than the JVM's 143, at the latest {@code patience}
     * after the signal whatever the agent is still waiting for (systemd's TimeoutStopSec must not have to kill it).
     */
    private static void onSignal(Agent agent, Duration patience) {
        if (agent.isFinished()) {
            return; // a normal exit: keep its exit code
        }
        agent.stop();
        try {
            if (!agent.awaitFinished(patience)) {
                LOG.warn("the agent did not stop within {} of the signal: exiting now; its claims are left to their "
                        + "leases", Durations.format(patience));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The option values, checked before anything is opened. */
    private record Settings(Duration retryBackoff, Duration stallTimeout, Duration heartbeat, Duration settleDelay,
                            Duration resync, Duration grace, Duration idlePoll, Consumer<Agent.Builder> guards,
                            InetSocketAddress http, Bench.TaskTime simulated, DownloadOptions download,
                            ToolChoice tools) {}

    /** How the managed toolchain is to be chosen, from the options; used once the spreadsheet is open. */
    private record ToolChoice(ToolchainSetup setup, ToolchainSetup.Extras extras) {}

    /** What does the work: the simulator or yt-dlp, and the media port that expands sources (null: none). */
    private record Work(TaskProcessor processor, MediaPort mediaPort, String mode) {}

    private Bench.TaskTime simulatedTime() {
        try {
            return Bench.TaskTime.parse(simulate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--simulate " + simulate + ": " + e.getMessage());
        }
    }

    private SpreadsheetPort openPort(ConnectionSettings settings) {
        if (settings.backend() == ConnectionSettings.Backend.LOCAL) {
            if (quotaUser != null && !quotaUser.isBlank()) {
                throw new IllegalArgumentException("--quota-user needs --endpoint or --credentials: the local "
                        + "spreadsheet has no quotas");
            }
            if (projectQuota != null && !projectQuota.isBlank()) {
                throw new IllegalArgumentException("--project-quota needs --endpoint or --credentials: the local "
                        + "spreadsheet has no quotas");
            }
            return Operations.openExisting(settings); // only init creates one: a typo in --local must not
        }
        boolean ownQuotaUser = quotaUser != null && !quotaUser.isBlank();
        boolean ownProjectQuota = projectQuota != null && !projectQuota.isBlank();
        if (!ownQuotaUser && !ownProjectQuota) {
            return Spreadsheets.open(settings);
        }
        GoogleSpreadsheetPort.Builder b = GoogleSpreadsheetPort.builder(settings);
        if (ownQuotaUser) {
            b.quotaUser(quotaUser.trim());
        }
        if (ownProjectQuota) {
            int[] rw = parseProjectQuota(projectQuota.trim());
            b.projectQuota(rw[0], rw[1]);
        }
        return b.build();
    }

    /** {@code READS:WRITES}, both whole numbers of at least 1 (per minute). */
    static int[] parseProjectQuota(String value) {
        String[] parts = value.split(":", -1);
        try {
            if (parts.length == 2) {
                int reads = Integer.parseInt(parts[0].trim());
                int writes = Integer.parseInt(parts[1].trim());
                if (reads >= 1 && writes >= 1) {
                    return new int[] {reads, writes};
                }
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected form
        }
        throw new IllegalArgumentException("--project-quota " + value + ": expected READS:WRITES per minute, "
                + "both at least 1, e.g. 300:300 (Google's default) or 600:600 for two projects");
    }

    private Settings validate() {
        Duration hb = OptionValues.duration("--heartbeat", heartbeat);
        Duration stall = OptionValues.duration("--stall-timeout", stallTimeout);
        if (stall.compareTo(hb.multipliedBy(CoordinatorConfig.MIN_HEARTBEATS_PER_STALL)) < 0) {
            throw new IllegalArgumentException("--stall-timeout " + stallTimeout + " must be at least "
                    + CoordinatorConfig.MIN_HEARTBEATS_PER_STALL + " x --heartbeat " + heartbeat + " ("
                    + Durations.format(hb.multipliedBy(CoordinatorConfig.MIN_HEARTBEATS_PER_STALL))
                    + "), or a live agent that misses a few renewals would lose its tasks");
        }
        Duration settle = OptionValues.duration("--settle-delay", settleDelay);
        if (settle.compareTo(hb) >= 0) {
            throw new IllegalArgumentException("--settle-delay " + settleDelay + " must be shorter than --heartbeat "
                    + heartbeat);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, was " + concurrency);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("--max-retries must not be negative, was " + maxRetries);
        }
        if (maxVideos < 0) {
            throw new IllegalArgumentException("--max-videos must not be negative (0 = all), was " + maxVideos);
        }
        Duration backoff = OptionValues.duration("--retry-backoff", retryBackoff);
        Duration resyncEvery = resync == null || resync.isBlank() ? Duration.ZERO : OptionValues.duration("--resync", resync);
        // "0" alone (no unit) means never, as the help says.
        archiveAfterParsed = archiveAfter == null || archiveAfter.isBlank() ? CoordinatorConfig.DEFAULT_ARCHIVE_AFTER
                : archiveAfter.strip().equals("0") ? Duration.ZERO : OptionValues.duration("--archive-after", archiveAfter);
        Duration graceTime = OptionValues.duration("--grace", grace);
        Duration poll = OptionValues.duration("--idle-poll", idlePoll);
        InetSocketAddress httpAddress = http == null || http.isBlank() ? null : address(http);
        Consumer<Agent.Builder> guards = guards();
        Bench.TaskTime range = simulate == null ? null : simulatedTime();
        DownloadOptions download = simulate == null ? downloadOptions() : null;
        ToolChoice tools = simulate == null ? toolChoice() : null;
        return new Settings(backoff, stall, hb, settle, resyncEvery, graceTime, poll, guards, httpAddress, range,
                download, tools);
    }

    /** The tool options (channel, deno source, update interval, pacing) read; nothing is inspected or installed. */
    private ToolChoice toolChoice() {
        Map<String, String> env = System.getenv();
        java.time.Clock clock = java.time.Clock.systemUTC();
        ToolchainSetup setup = toolsOptions.setup(env, clock);
        return new ToolChoice(setup, toolsOptions.extras(ToolsOptions.pacing(sleepRequests, sleepInterval, paceHosts)));
    }

    /** The processor: inspects (and, unless --no-install-tools, installs) yt-dlp and its helpers. */
    private Work work(Settings s) {
        ToolDiscovery tools = ToolDiscovery.system();
        TaskProcessor processor;
        Toolchain toolchain;
        String mode;
        if (s.simulated != null) {
            Bench.TaskTime range = s.simulated;
            processor = Bench.simulatedProcessor(range);
            ToolReport y = tools.inspectYtDlp(toolPaths.ytDlp());
            if (y.usable()) {
                toolchain = Toolchain.of(y.path(), null);
            } else {
                toolchain = null;
                LOG.warn("--simulate without a usable yt-dlp: this agent processes videos only and leaves sources "
                        + "to others ({})", String.join("; ", y.problems()));
            }
            mode = "simulate (" + range.describe() + " per video)";
        } else {
            DownloadOptions options = s.download;
            toolchain = managedToolchain(s.tools, options.extractsAudio());
            processor = toolchain.downloader(options);
            mode = "download to " + output.toAbsolutePath().normalize()
                    + (options.extractsAudio() ? " (audio only, " + options.audioFormat() + ")" : "");
        }
        MediaPort media = toolchain == null ? null : withChannelTabs(new YtDlpMediaPort(toolchain));
        return new Work(processor, media, mode);
    }

    /**
     * yt-dlp and the JavaScript runtime as the managed toolchain chooses them (installing what is missing unless
     * --no-install-tools), run with pacing, PO-token provider and plugin folder; starts the periodic update when
     * the agent runs tools ytdc installed.
     */
    private Toolchain managedToolchain(ToolChoice tools, boolean needFfmpeg) {
        ToolchainSetup.Prepared prepared = tools.setup.prepare(toolPaths.ytDlp(), toolPaths.ffmpeg(), needFfmpeg,
                installTools, tools.extras);
        ToolchainSetup setup = tools.setup;
        toolLabel = installTools
                ? setup.keepCurrent(prepared, toolPaths.ytDlp(), toolsOptions.jsRuntime(), Duration.ofMinutes(15))
                : prepared::label;
        return prepared.toolchain();
    }

    private DownloadOptions downloadOptions() {
        DownloadOptions.Builder b = DownloadOptions.builder(output)
                .format(format)
                .audioFormat(audioOnly == null || audioOnly.isBlank() ? null : audioOnly.strip().toLowerCase())
                .cookiesFile(cookies)
                .rateLimit(rateLimit)
                .extraArgs(ytDlpArgs)
                .timeout(OptionValues.duration("--download-timeout", downloadTimeout))
                .execHook(exec);
        if (outputTemplate != null && !outputTemplate.isBlank()) {
            b.outputTemplate(outputTemplate);
        }
        if (archive != null) {
            b.archiveFile(archive);
        }
        return b.build();
    }

    /** The channel-tab choices go to every expansion; the limit per source stays the coordinator's. */
    private MediaPort withChannelTabs(MediaPort delegate) {
        boolean shorts = includeShorts;
        boolean live = includeLive;
        return (url, options, sink, context) -> delegate.expand(url,
                new ExpandOptions(options.maxVideos(), shorts, live), sink, context);
    }

    /** The claim guards the options ask for, checked now and added to the agent's builder later. */
    private Consumer<Agent.Builder> guards() {
        boolean outputFolder = simulate == null;
        Long minFree = minFreeDisk == null || minFreeDisk.isBlank() ? null
                : OptionValues.size("--min-free-disk", minFreeDisk);
        if (maxLoad != null && maxLoad <= 0) {
            throw new IllegalArgumentException("--max-load must be positive, was " + maxLoad);
        }
        Double load = maxLoad;
        Long maxUsed = maxMemory == null || maxMemory.isBlank() ? null : OptionValues.size("--max-memory", maxMemory);
        Path out = output;
        return b -> {
            if (outputFolder) {
                b.pauseWhileOutputUnusable(out);
            }
            if (minFree != null) {
                b.minFreeDisk(out, minFree);
            }
            if (load != null) {
                b.maxLoad(load);
            }
            if (maxUsed != null) {
                b.maxMemory(maxUsed);
            }
        };
    }

    private void configure(CoordinatorConfig.Builder c, Settings s, Work w) {
        c.tabs(sheet.tabNames())
                .concurrency(concurrency)
                .claimAhead(CoordinatorConfig.agentClaimAhead(concurrency))
                .maxRetries(maxRetries)
                .retryBackoff(s.retryBackoff)
                .stallTimeout(s.stallTimeout)
                .heartbeat(s.heartbeat)
                .settleDelay(s.settleDelay)
                .maxVideos(maxVideos)
                .resyncInterval(s.resync)
                .archiveAfter(archiveAfterParsed)
                .mediaPort(w.mediaPort)
                .journal(journal);
        if (workerName != null && !workerName.isBlank()) {
            c.workerName(workerName.strip());
        }
        if (s.retryBackoff.compareTo(CoordinatorConfig.DEFAULT_MAX_RETRY_BACKOFF) > 0) {
            c.maxRetryBackoff(s.retryBackoff);
        }
    }

    /** One line of effective configuration, without secrets (the key file's path, never its content). */
    private void logConfiguration(Agent agent, ConnectionSettings connectionSettings, Settings s, Work w) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("worker", agent.workerName());
        c.put("spreadsheet", Spreadsheets.describe(connectionSettings));
        c.put("mode", w.mode);
        c.put("concurrency", concurrency);
        c.put("max-retries", maxRetries);
        c.put("retry-backoff", Durations.format(s.retryBackoff));
        c.put("heartbeat", Durations.format(s.heartbeat));
        c.put("stall-timeout", Durations.format(s.stallTimeout));
        c.put("settle-delay", Durations.format(s.settleDelay));
        c.put("grace", Durations.format(s.grace));
        c.put("max-videos", maxVideos);
        c.put("resync", s.resync.isZero() ? "never" : Durations.format(s.resync));
        c.put("expands-sources", w.mediaPort != null);
        c.put("include-shorts", includeShorts);
        c.put("include-live", includeLive);
        c.put("exit-when-idle", exitWhenIdle);
        c.put("journal", journal);
        c.put("sources-file", sourcesFile);
        c.put("http", s.http);
        c.put("min-free-disk", minFreeDisk);
        c.put("max-load", maxLoad);
        c.put("max-memory", maxMemory);
        if (toolLabel != null) {
            c.put("tools", toolLabel.get());
            c.put("pacing", ToolsOptions.pacing(sleepRequests, sleepInterval, paceHosts));
        }
        LOG.info("configuration: {}", c.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
    }

    private static InetSocketAddress address(String text) {
        try {
            return Agent.parseHttpAddress(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--http-port: " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
