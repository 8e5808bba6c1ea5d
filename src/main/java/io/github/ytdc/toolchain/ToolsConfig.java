package io.github.ytdc.toolchain;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where ytdc keeps its tools and where it gets them. Every download URL is configurable, so a mirror (or a test
 * server on loopback) can stand in for GitHub.
 *
 * @param toolsDir        the tools folder: {@code yt-dlp/}, {@code deno/}, yt-dlp's cache and plugin folders
 * @param channel         which yt-dlp builds to follow: {@code stable} or {@code nightly} (any case is read)
 * @param ytDlpReleaseUrl the folder holding the yt-dlp release's assets and {@code SHA2-256SUMS}
 * @param ytDlpAsset      which asset to install: {@code yt-dlp_linux} (standalone), {@code yt-dlp} (zipapp, needs
 *                        python3 >= 3.10), ...; {@code null} to choose: this machine's standalone build when the
 *                        release lists it, else the zipapp
 * @param denoSource      where deno comes from
 * @param denoReleaseUrl  the folder holding deno's release zips and their {@code .sha256sum} files
 * @param denoAsset       deno's release zip for this machine
 * @param npmPackage      the npm package spec deno is installed from, e.g. {@code deno@^2}
 * @param updateInterval  how often agents look for a newer release; {@link Duration#ZERO} never
 * @param keepReplaced    how long a replaced version is kept for processes still running it
 */
public record ToolsConfig(Path toolsDir, String channel, URI ytDlpReleaseUrl, String ytDlpAsset, DenoSource denoSource,
                          URI denoReleaseUrl, String denoAsset, String npmPackage, Duration updateInterval,
                          Duration keepReplaced) {
    static final URI DENO_RELEASES = URI.create("https://github.com/denoland/deno/releases/latest/download/");
    static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofHours(24);
    /** Longer than a download may take by default (6 h), so no running yt-dlp loses its files. */
    static final Duration DEFAULT_KEEP_REPLACED = Duration.ofDays(1);

    /** Where deno comes from. */
    public enum DenoSource {
        /** deno's release folder, else the npm registry. */
        AUTO,
        /** deno's release folder only. */
        RELEASE,
        /** The npm registry's {@code deno} package only ({@code npm} must be installed). */
        NPM,
        /** Never install deno (use a runtime found on PATH or given with --js-runtime). */
        NONE;

        public static DenoSource parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown deno source '" + text + "'; use auto, release, npm or none");
            }
        }
    }

    public ToolsConfig {
        Objects.requireNonNull(toolsDir, "toolsDir");
        Objects.requireNonNull(channel, "channel");
        Channel parsed = Channel.parse(channel);
        channel = parsed.label();
        ytDlpReleaseUrl = folder(ytDlpReleaseUrl == null ? parsed.defaultReleaseUrl() : ytDlpReleaseUrl);
        ytDlpAsset = ytDlpAsset == null || ytDlpAsset.isBlank() ? null : ytDlpAsset.strip();
        Objects.requireNonNull(denoSource, "denoSource");
        denoReleaseUrl = folder(denoReleaseUrl == null ? DENO_RELEASES : denoReleaseUrl);
        denoAsset = denoAsset == null || denoAsset.isBlank()
                ? DenoInstaller.releaseAsset(System.getProperty("os.arch", "")) : denoAsset.strip();
        npmPackage = npmPackage == null || npmPackage.isBlank() ? "deno@^2" : npmPackage.strip();
        Objects.requireNonNull(updateInterval, "updateInterval");
        Objects.requireNonNull(keepReplaced, "keepReplaced");
        if (updateInterval.isNegative() || keepReplaced.isNegative()) {
            throw new IllegalArgumentException("intervals must not be negative");
        }
    }

    /** Every default, with the tools in {@code toolsDir}. */
    public static ToolsConfig defaults(Path toolsDir) {
        return new ToolsConfig(toolsDir, Channel.NIGHTLY.label(), null, null, DenoSource.AUTO, null, null, null,
                DEFAULT_UPDATE_INTERVAL, DEFAULT_KEEP_REPLACED);
    }

    /**
     * The default tools folder: {@code $XDG_DATA_HOME/ytdc/tools}, else {@code ~/.local/share/ytdc/tools}.
     */
    public static Path defaultToolsDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ytdc", "tools");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "ytdc", "tools");
    }

    /** The assets to look for in the release, in order of preference. */
    List<String> ytDlpAssets() {
        if (ytDlpAsset != null) {
            return List.of(ytDlpAsset);
        }
        String own = defaultYtDlpAsset();
        return own.equals("yt-dlp") ? List.of(own) : List.of(own, "yt-dlp");
    }

    /** yt-dlp's standalone build for this machine (no Python needed), else the zipapp. */
    static String defaultYtDlpAsset() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (os.contains("linux")) {
            return arch.equals("aarch64") || arch.equals("arm64") ? "yt-dlp_linux_aarch64" : "yt-dlp_linux";
        }
        return os.contains("mac") ? "yt-dlp_macos" : "yt-dlp";
    }

    /**
     * The same, following channel {@code c} ({@code stable} or {@code nightly}, any case) from its default release
     * folder.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public ToolsConfig withChannel(String c) {
        return new ToolsConfig(toolsDir, c, null, ytDlpAsset, denoSource, denoReleaseUrl, denoAsset, npmPackage,
                updateInterval, keepReplaced);
    }

    public ToolsConfig withYtDlpRelease(URI releaseUrl, String asset) {
        return new ToolsConfig(toolsDir, channel, releaseUrl, asset, denoSource, denoReleaseUrl, denoAsset, npmPackage,
                updateInterval, keepReplaced);
    }

    public ToolsConfig withDeno(DenoSource source, URI releaseUrl, String asset, String npmSpec) {
        return new ToolsConfig(toolsDir, channel, ytDlpReleaseUrl, ytDlpAsset, source, releaseUrl, asset, npmSpec,
                updateInterval, keepReplaced);
    }

    public ToolsConfig withUpdateInterval(Duration interval) {
        return new ToolsConfig(toolsDir, channel, ytDlpReleaseUrl, ytDlpAsset, denoSource, denoReleaseUrl, denoAsset,
                npmPackage, interval, keepReplaced);
    }

    /** yt-dlp's cache ({@code --cache-dir}): player code, challenge-solver scripts. */
    Path ytDlpCacheDir() {
        return toolsDir.resolve("cache").resolve("yt-dlp");
    }

    private static URI folder(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
