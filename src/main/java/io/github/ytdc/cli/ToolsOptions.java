package io.github.ytdc.cli;

import io.github.ytdc.media.ytdlp.Pacing;
import io.github.ytdc.toolchain.ToolchainSetup;
import io.github.ytdc.toolchain.ToolsConfig;
import io.github.ytdc.util.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The managed toolchain's options, shared by {@code agent}, {@code doctor} and {@code tools}: where ytdc keeps its
 * tools, which yt-dlp channel it follows and where it downloads releases from, and how yt-dlp is run (JavaScript
 * runtime, PO-token provider, plugin folder). Each also reads a {@code YTDC_...} variable.
 */
final class ToolsOptions {
    @Option(names = "--tools-dir", paramLabel = "DIR", defaultValue = "${env:YTDC_TOOLS_DIR}",
            description = "Where ytdc installs yt-dlp and deno (default: $XDG_DATA_HOME/ytdc/tools or "
                    + "~/.local/share/ytdc/tools). Env: YTDC_TOOLS_DIR.")
    Path toolsDir;

    @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "${env:YTDC_CHANNEL:-nightly}",
            description = "yt-dlp builds to follow: nightly (yt-dlp's recommendation) or stable "
                    + "(default: ${DEFAULT-VALUE}). Env: YTDC_CHANNEL.")
    String channel;

    @Option(names = "--yt-dlp-release-url", paramLabel = "URL", defaultValue = "${env:YTDC_YT_DLP_RELEASE_URL}",
            description = "Folder with the yt-dlp release's assets and SHA2-256SUMS, e.g. a mirror (default: the "
                    + "channel's latest GitHub release). Env: YTDC_YT_DLP_RELEASE_URL.")
    URI ytDlpReleaseUrl;

    @Option(names = "--yt-dlp-asset", paramLabel = "NAME", defaultValue = "${env:YTDC_YT_DLP_ASSET}",
            description = "Release asset to install: yt-dlp_linux (standalone, default on Linux x86-64), "
                    + "yt-dlp_linux_aarch64, or yt-dlp (zipapp, needs python3 >= 3.10). Env: YTDC_YT_DLP_ASSET.")
    String ytDlpAsset;

    @Option(names = "--deno-source", paramLabel = "SOURCE", defaultValue = "${env:YTDC_DENO_SOURCE:-auto}",
            description = "Where deno comes from: auto (its release, else npm), release, npm, none "
                    + "(default: ${DEFAULT-VALUE}). Env: YTDC_DENO_SOURCE.")
    String denoSource;

    @Option(names = "--deno-release-url", paramLabel = "URL", defaultValue = "${env:YTDC_DENO_RELEASE_URL}",
            description = "Folder with deno's release zips and .sha256sum files (default: deno's latest GitHub "
                    + "release). Env: YTDC_DENO_RELEASE_URL.")
    URI denoReleaseUrl;

    @Option(names = "--tools-update", paramLabel = "DURATION", defaultValue = "${env:YTDC_TOOLS_UPDATE:-24h}",
            description = "How often agents look for new releases of the tools ytdc installed; 'off' never "
                    + "(default: ${DEFAULT-VALUE}). Env: YTDC_TOOLS_UPDATE.")
    String update;

    @Option(names = "--js-runtime", paramLabel = "PATH", defaultValue = "${env:YTDC_JS_RUNTIME}",
            description = "The deno (>= 2.3) or node (>= 22) yt-dlp uses for YouTube's challenge (default: the deno "
                    + "ytdc installed, else deno or node on PATH). Env: YTDC_JS_RUNTIME.")
    Path jsRuntime;

    @Option(names = "--po-token-provider", paramLabel = "URL", defaultValue = "${env:YTDC_PO_TOKEN_PROVIDER}",
            description = "Base URL of a bgutil PO-token provider server, e.g. http://127.0.0.1:4416; needs its "
                    + "yt-dlp plugin in --yt-dlp-plugins. Env: YTDC_PO_TOKEN_PROVIDER.")
    URI poTokenProvider;

    @Option(names = "--yt-dlp-plugins", paramLabel = "DIR", defaultValue = "${env:YTDC_YT_DLP_PLUGINS}",
            description = "A yt-dlp plugin folder (--plugin-dirs), e.g. with the PO-token provider plugin. "
                    + "Env: YTDC_YT_DLP_PLUGINS.")
    Path pluginDir;

    /** The tools folder and download settings these options select. */
    public ToolsConfig config(Map<String, String> env) {
        Duration interval = update == null || update.isBlank() || update.strip().equalsIgnoreCase("off")
                ? Duration.ZERO : duration("--tools-update", update);
        // An empty YTDC_TOOLS_DIR= (as env files write an unset value) means the default, not the current folder.
        boolean given = toolsDir != null && !toolsDir.toString().isBlank();
        ToolsConfig config = ToolsConfig.defaults(given ? toolsDir : ToolsConfig.defaultToolsDir(env));
        try {
            config = config.withChannel(channel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--channel: " + e.getMessage());
        }
        ToolsConfig.DenoSource deno;
        try {
            deno = ToolsConfig.DenoSource.parse(denoSource);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--deno-source: " + e.getMessage());
        }
        return config.withYtDlpRelease(ytDlpReleaseUrl, ytDlpAsset)
                .withDeno(deno, denoReleaseUrl, null, null)
                .withUpdateInterval(interval);
    }

    /** Chooses (and installs) tools as the agent does, from the tools folder and download settings given. */
    public ToolchainSetup setup(Map<String, String> env, Clock clock) {
        return ToolchainSetup.of(config(env), env, clock);
    }

    /** The runtime, PO-token provider and plugin folder given, with {@code pacing}. */
    public ToolchainSetup.Extras extras(Pacing pacing) {
        return new ToolchainSetup.Extras(jsRuntime, poTokenProvider, pluginDir, pacing);
    }

    public Path jsRuntime() {
        return jsRuntime;
    }

    /**
     * Pacing from the agent's options: seconds between requests, {@code MIN[..MAX]} seconds before each download, and
     * the hosts it applies to ({@code none}, {@code *}, or a comma-separated list).
     */
    static Pacing pacing(String sleepRequests, String sleepInterval, String hosts) {
        double requests = seconds("--sleep-requests", sleepRequests);
        String[] range = sleepInterval.strip().split("\\.\\.", 2);
        double min = seconds("--sleep-interval", range[0]);
        double max = range.length > 1 ? seconds("--sleep-interval", range[1]) : min;
        String h = hosts == null ? "" : hosts.strip();
        try {
            return new Pacing(requests, min, max, h.equalsIgnoreCase("none") ? java.util.List.of()
                    : Arrays.stream(h.split(",")).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sleep-interval " + sleepInterval + ": " + e.getMessage());
        }
    }

    private static double seconds(String option, String text) {
        try {
            double d = Double.parseDouble(text.strip().replaceFirst("s$", ""));
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(option + ": not a number of seconds: '" + text + "'");
        }
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage() + " (or 'off')");
        }
    }
}
