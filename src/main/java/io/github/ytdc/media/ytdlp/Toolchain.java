package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.TaskProcessor;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The external programs the adapter runs, found and checked once at start-up by {@link ToolDiscovery}, and how every
 * yt-dlp run is set up (JavaScript runtime, cache folder, PO tokens, pacing): {@link #builder(Path)} sets those.
 */
public final class Toolchain {
    private final Path ytDlp;
    private final String ytDlpVersion;
    private final Path ffmpeg;
    private final Invocation invocation;

    /**
     * A toolchain run with yt-dlp's defaults.
     *
     * @param ytDlp        the yt-dlp executable
     * @param ytDlpVersion the version it reported, e.g. {@code 2023.03.04}, or {@code null} when unknown
     * @param ffmpeg       the ffmpeg executable, or {@code null} when none was found (no audio extraction, no merging)
     */
    public Toolchain(Path ytDlp, String ytDlpVersion, Path ffmpeg) {
        this(ytDlp, ytDlpVersion, ffmpeg, Invocation.plain());
    }

    Toolchain(Path ytDlp, String ytDlpVersion, Path ffmpeg, Invocation invocation) {
        this.ytDlp = Objects.requireNonNull(ytDlp, "ytDlp");
        this.ytDlpVersion = ytDlpVersion == null ? "unknown" : ytDlpVersion;
        this.ffmpeg = ffmpeg;
        this.invocation = invocation == null ? Invocation.plain() : invocation;
    }

    /** A toolchain from known paths, without checking them (tests, or callers that did their own checks). */
    public static Toolchain of(Path ytDlp, Path ffmpeg) {
        return new Toolchain(ytDlp, null, ffmpeg);
    }

    /** A toolchain running {@code ytDlp}, set up as the builder is told; unset, everything is yt-dlp's default. */
    public static Builder builder(Path ytDlp) {
        return new Builder(ytDlp);
    }

    /** The yt-dlp executable. */
    public Path ytDlp() {
        return ytDlp;
    }

    /** The version yt-dlp reported, e.g. {@code 2023.03.04}, or {@code unknown}. */
    public String ytDlpVersion() {
        return ytDlpVersion;
    }

    /** The ffmpeg executable, or {@code null} when none was found (no audio extraction, no merging). */
    public Path ffmpeg() {
        return ffmpeg;
    }

    /**
     * The built-in processor that downloads a video task with these tools as {@code options} say: into a private work
     * folder inside the output folder, moved into place only once yt-dlp succeeded, so the output never holds a
     * partial file; it returns the final path (for the {@code Output} column). The options are checked against the
     * tools first: ffmpeg present when audio extraction is asked for, the extra arguments accepted by this yt-dlp,
     * the hook's program found.
     *
     * @throws io.github.ytdc.YtdcException saying what to fix
     */
    public TaskProcessor downloader(DownloadOptions options) {
        return YtDlpDownloader.create(this, options, new SecureRandom());
    }

    /**
     * What a canary extraction found.
     *
     * @param formats          how many formats yt-dlp listed
     * @param maxHeight        the tallest video format, 0 when none has a height
     * @param toolchainWarning the first warning that YouTube's challenge was not solved or formats were skipped
     * @param error            the classified error when the extraction failed, else {@code ""}
     */
    public record CanaryResult(int formats, int maxHeight, Optional<String> toolchainWarning, String error) {}

    /**
     * A canary ({@code ytdc doctor --canary URL}): extracts {@code url} for real, without downloading it, exactly as
     * a download runs yt-dlp, to tell whether this host gets full formats. YouTube answers a host that cannot solve
     * its challenge, or lacks PO tokens, with fewer formats and warnings rather than an error.
     */
    public CanaryResult canary(String url, Duration timeout) {
        Canary.Result r = Canary.run(this, url, timeout);
        return new CanaryResult(r.formats(), r.maxHeight(), r.toolchainWarning(), r.error());
    }

    /** How every run is set up. */
    Invocation invocation() {
        return invocation;
    }

    /** The same tools, run as {@code how} says. */
    Toolchain with(Invocation how) {
        return new Toolchain(ytDlp, ytDlpVersion, ffmpeg, how);
    }

    /**
     * Sets up a {@link Toolchain}: the tools, and how every yt-dlp run uses them, as unattended peers run it.
     * Nothing set means yt-dlp's defaults.
     */
    public static final class Builder {
        private final Path ytDlp;
        private String version;
        private Path ffmpeg;
        private String jsRuntime;
        private Path cacheDir;
        private URI poTokenProvider;
        private Path pluginDir;
        private Pacing pacing = Pacing.none();
        private Set<String> knownOptions = Set.of();

        private Builder(Path ytDlp) {
            this.ytDlp = Objects.requireNonNull(ytDlp, "ytDlp");
        }

        /** The version yt-dlp reported, e.g. {@code 2026.08.19}; {@code null} when unknown. */
        public Builder version(String ytDlpVersion) {
            this.version = ytDlpVersion;
            return this;
        }

        /** The ffmpeg executable; {@code null} for none (no audio extraction, no merging). */
        public Builder ffmpeg(Path ffmpegPath) {
            this.ffmpeg = ffmpegPath;
            return this;
        }

        /**
         * The JavaScript runtime for YouTube's challenge, {@code NAME:PATH} as yt-dlp's {@code --js-runtimes} takes
         * it (e.g. {@code deno:/opt/deno}); {@code null} leaves yt-dlp's default. ytdc passes
         * {@code --ignore-config}, so nothing else would name it.
         */
        public Builder jsRuntime(String nameAndPath) {
            this.jsRuntime = nameAndPath;
            return this;
        }

        /** yt-dlp's {@code --cache-dir}; {@code null} for yt-dlp's own (which may not be writable). */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** Base URL of a bgutil PO-token provider server; {@code null} for none. */
        public Builder poTokenProvider(URI baseUrl) {
            this.poTokenProvider = baseUrl;
            return this;
        }

        /** A yt-dlp plugin folder ({@code --plugin-dirs}), e.g. with the PO-token provider's; {@code null} for none. */
        public Builder pluginDir(Path dir) {
            this.pluginDir = dir;
            return this;
        }

        /** Pauses between requests and before downloads; {@link Pacing#none()} unless set. */
        public Builder pacing(Pacing p) {
            this.pacing = Objects.requireNonNull(p, "pacing");
            return this;
        }

        /**
         * The long options this yt-dlp lists in its {@code --help}: an option it lacks is left out rather than failing
         * every run. Empty (the default) means "not probed": everything is passed.
         */
        public Builder knownOptions(Set<String> options) {
            this.knownOptions = Set.copyOf(options);
            return this;
        }

        /** The toolchain. */
        public Toolchain build() {
            return new Toolchain(ytDlp, version, ffmpeg,
                    new Invocation(jsRuntime, cacheDir, poTokenProvider, pluginDir, pacing, knownOptions));
        }
    }

    /**
     * The start of every yt-dlp command line. {@code --ignore-config} because a user's or the system's yt-dlp
     * config would silently change what agents do. The executable is resolved through links at each run, so when
     * the managed toolchain makes a new version current, new runs use it while running ones keep theirs.
     */
    List<String> ytDlpCommand() {
        List<String> argv = new ArrayList<>(List.of(resolved(ytDlp).toString(), "--ignore-config"));
        argv.addAll(invocation.commonArgs());
        if (ffmpeg != null) {
            argv.add("--ffmpeg-location");
            argv.add(ffmpeg.toString());
        }
        return argv;
    }

    /** {@code argv}, ending {@code -- URL}, with the pacing for that URL; see {@link Invocation#paced}. */
    List<String> paced(List<String> argv, boolean download) {
        return invocation.paced(argv, download);
    }

    private static Path resolved(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p; // the run itself will report a missing program
        }
    }

    /**
     * Environment for yt-dlp: UTF-8 on its pipes and file names whatever the host's locale, and unbuffered
     * output so progress and entries arrive as they happen.
     */
    static Map<String, String> ytDlpEnvironment() {
        return Map.of("PYTHONIOENCODING", "utf-8", "PYTHONUTF8", "1", "PYTHONUNBUFFERED", "1");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Toolchain t && ytDlp.equals(t.ytDlp) && ytDlpVersion.equals(t.ytDlpVersion)
                && Objects.equals(ffmpeg, t.ffmpeg) && invocation.equals(t.invocation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ytDlp, ytDlpVersion, ffmpeg, invocation);
    }

    @Override
    public String toString() {
        return "Toolchain[ytDlp=" + ytDlp + ", ytDlpVersion=" + ytDlpVersion + ", ffmpeg=" + ffmpeg + ", invocation="
                + invocation + "]";
    }
}
