package io.github.ytdc.toolchain;

import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools ytdc manages in its tools folder: what is installed, installing and updating them (one process per host
 * at a time, under a file lock), and finding the JavaScript runtime to give yt-dlp.
 */
final class ManagedTools {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedTools.class);
    private static final String LOCK = ".install.lock";
    private static final String LAST_CHECK = ".last-update-check";
    private static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);

    private final ToolsConfig config;
    private final Map<String, String> env;
    private final Clock clock;
    private final Fetcher fetcher;
    private final ToolFolder ytDlp;
    private final ToolFolder deno;

    /** Tools managed per {@code config}, downloading with the standard HTTP client. */
    ManagedTools(ToolsConfig config, Map<String, String> env, Clock clock) {
        this(config, env, clock, Fetcher.standard());
    }

    ManagedTools(ToolsConfig config, Map<String, String> env, Clock clock, Fetcher fetcher) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.fetcher = fetcher;
        this.ytDlp = new ToolFolder(config.toolsDir().resolve("yt-dlp"));
        this.deno = new ToolFolder(config.toolsDir().resolve("deno"));
    }

    /** Where the tools are kept and where they come from. */
    ToolsConfig config() {
        return config;
    }

    /** The yt-dlp ytdc installed, if any. */
    Optional<Installed> ytDlp() {
        return ytDlp.current();
    }

    /** The deno ytdc installed, if any. */
    Optional<Installed> deno() {
        return deno.current();
    }

    /**
     * The path that always names the current version of an installed tool (through the {@code current} link), for
     * settings that outlive one version, such as the runtime handed to every yt-dlp run.
     */
    Path stablePath(Installed installed) {
        ToolFolder f = installed.tool().equals("deno") ? deno : ytDlp;
        Path real = installed.executable();
        Path versions = f.dir().resolve(ToolFolder.VERSIONS);
        if (!real.startsWith(versions) || versions.relativize(real).getNameCount() < 2) {
            return real;
        }
        Path inVersion = versions.relativize(real);
        return f.dir().resolve(ToolFolder.CURRENT).resolve(inVersion.subpath(1, inVersion.getNameCount()));
    }

    /** The JavaScript runtime yt-dlp will be given: {@code explicit} if set, else ytdc's deno, else PATH's. */
    RuntimeSearch findRuntime(Path explicit) {
        RuntimeSearch s = new JsRuntimeFinder(env).find(explicit, deno());
        return s.chosen().filter(r -> r.foundVia().equals("ytdc tools"))
                .map(r -> new RuntimeSearch(deno().map(d -> Optional.of(new JsRuntime(r.name(), stablePath(d),
                        r.version(), r.foundVia(), true))).orElse(s.chosen()), s.found()))
                .orElse(s);
    }

    /**
     * Installs or updates yt-dlp, and deno unless a supported runtime is already found elsewhere (or
     * {@code alwaysDeno}). Waits for another process on this host that is installing. Failures are reported in the
     * results, never thrown: what was installed before stays current.
     */
    List<InstallResult> install(boolean alwaysDeno) {
        return install(alwaysDeno, null);
    }

    /**
     * {@code ytdc tools install}: installs or updates yt-dlp, and deno unless a supported runtime is found elsewhere
     * (counting {@code explicitRuntime}, the {@code --js-runtime} given) or {@code alwaysDeno}. Never throws: what
     * failed is in the report, and what was installed before stays current.
     */
    ToolchainSetup.InstallReport installAll(boolean alwaysDeno, Path explicitRuntime) {
        List<InstallResult> results = install(alwaysDeno, explicitRuntime);
        return new ToolchainSetup.InstallReport(results.stream()
                .map(r -> (r.failed() ? "FAILED  " : r.changed() ? "updated " : "ok      ") + r.note()).toList(),
                results.stream().anyMatch(InstallResult::failed));
    }

    /** What is installed, e.g. {@code yt-dlp 2026.08.19 from URL; deno none}. */
    String describeInstalled() {
        return "yt-dlp " + ytDlp().map(i -> i.version() + " from " + i.source()).orElse("none")
                + "; deno " + deno().map(i -> i.version() + " from " + i.source()).orElse("none");
    }

    /** {@link #install(boolean)}, counting {@code explicitRuntime} (the {@code --js-runtime} given) as found. */
    List<InstallResult> install(boolean alwaysDeno, Path explicitRuntime) {
        try (HostLock.Held held = HostLock.acquire(config.toolsDir().resolve(LOCK), LOCK_PATIENCE, clock,
                Sleeper.system())) {
            return installLocked(alwaysDeno, explicitRuntime);
        } catch (IOException | ToolInstallException e) {
            return List.of(InstallResult.failed("tools", Optional.empty(), "could not lock the tools folder "
                    + config.toolsDir() + ": " + e.getMessage()));
        }
    }

    /**
     * The periodic update: does nothing unless {@link ToolsConfig#updateInterval()} has passed since this host
     * last looked, and no other process on this host is installing right now.
     *
     * @return the results, or empty when it was not this process's turn
     */
    Optional<List<InstallResult>> updateIfDue() {
        if (config.updateInterval().isZero() || !due()) {
            return Optional.empty();
        }
        try {
            Optional<HostLock.Held> held = HostLock.tryAcquire(config.toolsDir().resolve(LOCK));
            if (held.isEmpty()) {
                return Optional.empty();
            }
            try (HostLock.Held h = held.get()) {
                return due() ? Optional.of(installLocked(false, null)) : Optional.empty();
            }
        } catch (IOException e) {
            LOG.warn("Could not lock {} to update tools: {}", config.toolsDir(), e.toString());
            return Optional.empty();
        }
    }

    /** When this host last looked for new releases, if ever. */
    Optional<Instant> lastCheck() {
        try {
            return Optional.of(Instant.parse(Files.readString(config.toolsDir().resolve(LAST_CHECK)).strip()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private boolean due() {
        return lastCheck().map(t -> !clock.instant().isBefore(t.plus(config.updateInterval()))).orElse(true);
    }

    private List<InstallResult> installLocked(boolean alwaysDeno, Path explicitRuntime) {
        List<InstallResult> results = new ArrayList<>();
        results.add(attempt("yt-dlp", ytDlp, () -> new YtDlpInstaller(ytDlp, config.ytDlpReleaseUrl(),
                config.ytDlpAssets(), fetcher, clock, config.keepReplaced()).update()));
        denoResult(alwaysDeno, explicitRuntime).ifPresent(results::add);
        try {
            Files.createDirectories(config.toolsDir());
            Files.writeString(config.toolsDir().resolve(LAST_CHECK), clock.instant().toString());
        } catch (IOException e) {
            LOG.warn("Could not record the update check in {}: {}", config.toolsDir(), e.toString());
        }
        results.forEach(r -> {
            if (r.failed()) {
                LOG.warn("{}", r.note());
            } else {
                LOG.info("{}", r.note());
            }
        });
        return results;
    }

    private Optional<InstallResult> denoResult(boolean alwaysDeno, Path explicitRuntime) {
        if (config.denoSource() == ToolsConfig.DenoSource.NONE) {
            return Optional.empty();
        }
        Optional<Installed> current = deno();
        if (current.isEmpty() && !alwaysDeno) {
            RuntimeSearch elsewhere = new JsRuntimeFinder(env).find(explicitRuntime, Optional.empty());
            if (elsewhere.chosen().isPresent()) {
                return Optional.of(new InstallResult("deno", Optional.empty(), Optional.empty(), false, false,
                        "deno not installed: yt-dlp will use " + elsewhere.summary()));
            }
        }
        DenoInstaller installer = new DenoInstaller(deno, fetcher, clock, config.keepReplaced(), env);
        ToolsConfig.DenoSource source = config.denoSource();
        if (source == ToolsConfig.DenoSource.AUTO && current.isPresent()) {
            // stay with where the installed one came from
            source = current.get().source().startsWith("npm ") ? ToolsConfig.DenoSource.NPM
                    : ToolsConfig.DenoSource.RELEASE;
        }
        List<String> failures = new ArrayList<>();
        if (source != ToolsConfig.DenoSource.NPM) {
            InstallResult r = attempt("deno", deno, () -> installer.fromRelease(config.denoReleaseUrl(), config.denoAsset()));
            if (!r.failed() || source == ToolsConfig.DenoSource.RELEASE) {
                return Optional.of(r);
            }
            failures.add(r.note());
        }
        Optional<Path> npm = onPath("npm");
        if (npm.isEmpty()) {
            failures.add("npm not found, so deno could not come from the npm registry either (apt-get install npm)");
            return Optional.of(InstallResult.failed("deno", current, String.join("; ", failures)));
        }
        InstallResult r = attempt("deno", deno, () -> installer.fromNpm(npm.get().toString(), config.npmPackage()));
        if (r.failed() && !failures.isEmpty()) {
            failures.add(r.note());
            return Optional.of(InstallResult.failed("deno", current, String.join("; ", failures)));
        }
        return Optional.of(r);
    }

    private static InstallResult attempt(String tool, ToolFolder folder, java.util.function.Supplier<InstallResult> install) {
        try {
            return install.get();
        } catch (ToolInstallException e) {
            return InstallResult.failed(tool, folder.current(), tool + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return InstallResult.failed(tool, folder.current(), tool + ": unexpected " + e);
        }
    }

    private Optional<Path> onPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }
}
