package io.github.ytdc.toolchain;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the latest yt-dlp release of a channel from its release folder: reads {@code SHA2-256SUMS}, and when the
 * listed checksum of the asset differs from the installed one, downloads the asset beside the current version,
 * verifies it against the list, checks that it runs and prints a version, and only then makes it current. A wrong
 * checksum or a binary that does not run is refused and the installed version stays. Callers hold the host lock.
 */
final class YtDlpInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(YtDlpInstaller.class);
    static final String SUMS = "SHA2-256SUMS";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(90);

    private final ToolFolder folder;
    private final URI releaseUrl;
    private final List<String> assets;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration keepReplaced;

    /** @param assets the release assets to install, in order of preference: the first one the release lists is taken */
    YtDlpInstaller(ToolFolder folder, URI releaseUrl, List<String> assets, Fetcher fetcher, Clock clock,
                   Duration keepReplaced) {
        this.folder = folder;
        this.releaseUrl = releaseUrl;
        this.assets = List.copyOf(assets);
        this.fetcher = fetcher;
        this.clock = clock;
        this.keepReplaced = keepReplaced;
    }

    /**
     * Brings yt-dlp up to the release folder's latest.
     *
     * @throws ToolInstallException saying what went wrong; the current version (if any) is untouched
     */
    InstallResult update() {
        Optional<Installed> before = folder.current();
        URI sumsUri = releaseUrl.resolve(SUMS);
        Checksums sums;
        try {
            sums = Checksums.parse(fetcher.text(sumsUri));
        } catch (IOException e) {
            throw new ToolInstallException("could not read " + sumsUri + ": " + e.getMessage() + kept(before), e);
        }
        String asset = assets.stream().filter(a -> sums.forAsset(a).isPresent()).findFirst().orElseThrow(() ->
                new ToolInstallException(sumsUri + " does not list " + String.join(" or ", assets)
                        + "; pick an asset it lists with --yt-dlp-asset" + kept(before)));
        String expected = sums.forAsset(asset).orElseThrow();
        URI assetUri = releaseUrl.resolve(asset);
        if (before.isPresent() && before.get().sha256().equals(expected)) {
            return InstallResult.upToDate(before.get());
        }
        Path staging = null;
        try {
            staging = folder.stage();
            Path file = staging.resolve(asset);
            Fetcher.Download download = fetcher.file(assetUri, file);
            String actual = download.sha256();
            if (!actual.equals(expected)) {
                throw new ToolInstallException("refused " + assetUri + ": its SHA-256 is " + actual + " but " + SUMS
                        + " lists " + expected + " (a corrupt download or a tampered mirror)" + kept(before));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            String version = probeVersion(file, before);
            Instant now = clock.instant();
            Installed installed = folder.commit(staging, new Installed("yt-dlp", version, file, expected,
                    download.from().toString(), now), now);
            staging = null;
            folder.prune(now, keepReplaced);
            LOG.info("Installed yt-dlp {} at {}", installed.version(), installed.executable());
            return InstallResult.installed(before, installed);
        } catch (IOException e) {
            throw new ToolInstallException("could not install yt-dlp from " + assetUri + ": " + e.getMessage()
                    + kept(before), e);
        } finally {
            if (staging != null) {
                folder.discard(staging);
            }
        }
    }

    /** Runs the new binary once: a release that cannot start (no python3 for the zipapp, a bad file) is refused. */
    private static String probeVersion(Path file, Optional<Installed> before) {
        Exec.Result r = Exec.run(List.of(file.toString(), "--version"), null, Map.of(), PROBE_TIMEOUT);
        String first = r.firstLine();
        if (!r.ok() || YtDlpRelease.date(first).isEmpty()) {
            throw new ToolInstallException("the downloaded yt-dlp does not run (" + (r.ok() ? "printed '" + first
                    + "' for --version" : "exit " + r.exitCode() + ": " + first) + ")"
                    + (file.getFileName().toString().equals("yt-dlp") ? "; the zipapp needs python3 >= 3.10, or "
                    + "choose the standalone binary with --yt-dlp-asset yt-dlp_linux" : "") + kept(before));
        }
        return first;
    }

    private static String kept(Optional<Installed> before) {
        return before.map(b -> "; kept yt-dlp " + b.version()).orElse("");
    }
}
