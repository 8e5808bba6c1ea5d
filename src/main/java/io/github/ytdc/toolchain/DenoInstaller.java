package io.github.ytdc.toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs deno, the JavaScript runtime yt-dlp enables by default, from one of two places: deno's release folder
 * ({@code deno-ARCH-unknown-linux-gnu.zip}, verified against the {@code .sha256sum} file published beside it), or
 * the npm registry's {@code deno} package, whose integrity npm checks and whose package ships the same binary.
 * Callers hold the host lock.
 */
final class DenoInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(DenoInstaller.class);
    /** yt-dlp's minimum ({@code DenoJsRuntime.MIN_SUPPORTED_VERSION} in {@code yt_dlp/utils/_jsruntime.py}). */
    static final int[] MIN_VERSION = {2, 3, 0};
    private static final Pattern VERSION = Pattern.compile("^deno (\\S+)");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);

    private final ToolFolder folder;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration keepReplaced;
    private final Map<String, String> env;

    DenoInstaller(ToolFolder folder, Fetcher fetcher, Clock clock, Duration keepReplaced, Map<String, String> env) {
        this.folder = folder;
        this.fetcher = fetcher;
        this.clock = clock;
        this.keepReplaced = keepReplaced;
        this.env = Map.copyOf(env);
    }

    /** The release asset for this machine's architecture. */
    static String releaseAsset(String osArch) {
        String arch = osArch.equals("aarch64") || osArch.equals("arm64") ? "aarch64" : "x86_64";
        return "deno-" + arch + "-unknown-linux-gnu.zip";
    }

    /**
     * From deno's release folder.
     *
     * @throws ToolInstallException saying why; the current version is kept
     */
    InstallResult fromRelease(URI releaseUrl, String asset) {
        Optional<Installed> before = folder.current();
        URI sumsUri = releaseUrl.resolve(asset + ".sha256sum");
        URI assetUri = releaseUrl.resolve(asset);
        String expected;
        try {
            expected = Checksums.parse(fetcher.text(sumsUri)).forAsset(asset).orElseThrow(() ->
                    new ToolInstallException(sumsUri + " holds no checksum for " + asset));
        } catch (IOException e) {
            throw new ToolInstallException("could not read " + sumsUri + ": " + e.getMessage() + kept(before), e);
        }
        if (before.isPresent() && before.get().sha256().equals(expected)) {
            return InstallResult.upToDate(before.get());
        }
        Path staging = null;
        try {
            staging = folder.stage();
            Path zip = staging.resolve(asset);
            Fetcher.Download download = fetcher.file(assetUri, zip);
            String actual = download.sha256();
            if (!actual.equals(expected)) {
                throw new ToolInstallException("refused " + assetUri + ": its SHA-256 is " + actual + " but "
                        + sumsUri + " says " + expected + kept(before));
            }
            Path exe = unzipDeno(zip, staging.resolve("deno"));
            Files.delete(zip);
            Installed installed = commit(staging, exe, expected, download.from().toString(), before);
            staging = null;
            return InstallResult.installed(before, installed);
        } catch (IOException e) {
            throw new ToolInstallException("could not install deno from " + assetUri + ": " + e.getMessage()
                    + kept(before), e);
        } finally {
            if (staging != null) {
                folder.discard(staging);
            }
        }
    }

    /**
     * With {@code npm install} of {@code packageSpec} (e.g. {@code deno@^2}) into a version folder of its own.
     *
     * @throws ToolInstallException when npm is missing or fails; the current version is kept
     */
    InstallResult fromNpm(String npm, String packageSpec) {
        Optional<Installed> before = folder.current();
        if (before.isPresent() && before.get().source().startsWith("npm ")) {
            Exec.Result latest = Exec.run(List.of(npm, "view", packageSpec, "version"), null, env, NPM_TIMEOUT);
            List<String> versions = latest.ok() ? Stream.of(latest.stdout().split("\\R")).map(String::strip)
                    .filter(l -> !l.isEmpty()).map(l -> l.replaceAll("^.*'([^']+)'$", "$1")).toList() : List.of();
            if (!versions.isEmpty() && versions.get(versions.size() - 1).equals(before.get().version())) {
                return InstallResult.upToDate(before.get());
            }
        }
        Path staging = null;
        try {
            staging = folder.stage();
            Exec.Result r = Exec.run(List.of(npm, "install", "--prefix", staging.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--loglevel=error", packageSpec), staging, env, NPM_TIMEOUT);
            if (!r.ok()) {
                throw new ToolInstallException("npm install " + packageSpec + " failed (exit " + r.exitCode() + "): "
                        + lastLine(r.stderr()) + kept(before));
            }
            Path exe = findNpmBinary(staging).orElseThrow(() -> new ToolInstallException("npm installed "
                    + packageSpec + " but no deno binary came with it (an unsupported platform?)" + kept(before)));
            Installed installed = commit(staging, exe, Fetcher.sha256Of(exe), "npm " + packageSpec, before);
            staging = null;
            return InstallResult.installed(before, installed);
        } catch (IOException e) {
            throw new ToolInstallException("could not install deno with npm: " + e.getMessage() + kept(before), e);
        } finally {
            if (staging != null) {
                folder.discard(staging);
            }
        }
    }

    private Installed commit(Path staging, Path exe, String sha, String source, Optional<Installed> before)
            throws IOException {
        String version = probeVersion(exe, before);
        Instant now = clock.instant();
        Installed installed = folder.commit(staging, new Installed("deno", version, exe, sha, source, now), now);
        folder.prune(now, keepReplaced);
        LOG.info("Installed deno {} at {}", installed.version(), installed.executable());
        return installed;
    }

    /** The {@code deno} package's postinstall links the platform binary into the package; else the platform package. */
    private static Optional<Path> findNpmBinary(Path prefix) throws IOException {
        Path direct = prefix.resolve("node_modules/deno/deno");
        if (Files.isRegularFile(direct) && Files.isExecutable(direct)) {
            return Optional.of(direct);
        }
        Path scoped = prefix.resolve("node_modules/@deno");
        if (!Files.isDirectory(scoped)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(scoped)) {
            return s.map(p -> p.resolve("deno")).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
        }
    }

    private static Path unzipDeno(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.isDirectory() && e.getName().equals("deno")) {
                    Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    return target;
                }
            }
        }
        throw new ToolInstallException(zip.getFileName() + " holds no 'deno' file");
    }

    private String probeVersion(Path exe, Optional<Installed> before) {
        Exec.Result r = Exec.run(List.of(exe.toString(), "--version"), null, env, PROBE_TIMEOUT);
        Matcher m = VERSION.matcher(r.firstLine());
        if (!r.ok() || !m.find()) {
            throw new ToolInstallException("the downloaded deno does not run (exit " + r.exitCode() + ": "
                    + r.firstLine() + ")" + kept(before));
        }
        String version = m.group(1);
        if (!JsRuntime.atLeast(version, MIN_VERSION)) {
            throw new ToolInstallException("deno " + version + " is older than yt-dlp's minimum 2.3.0" + kept(before));
        }
        return version;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private static String kept(Optional<Installed> before) {
        return before.map(b -> "; kept deno " + b.version()).orElse("");
    }
}
