package io.github.ytdc.media.ytdlp;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How every yt-dlp run is set up, as unattended peers run it: the JavaScript runtime named explicitly (ytdc passes
 * {@code --ignore-config}, so nothing else would name it), a writable cache folder, an optional PO-token provider and
 * plugin folder, and polite pacing. Player clients are left to yt-dlp, whose defaults follow YouTube.
 *
 * @param jsRuntime       {@code NAME:PATH} for {@code --js-runtimes}, or {@code null} to leave yt-dlp's default
 * @param cacheDir        {@code --cache-dir}, or {@code null} for yt-dlp's own (which may not be writable)
 * @param poTokenProvider base URL of a bgutil PO-token provider server, or {@code null}
 * @param pluginDir       a yt-dlp plugin folder ({@code --plugin-dirs}), e.g. with the PO-token provider plugin
 * @param pacing          pauses between requests and downloads
 * @param options         the options this yt-dlp knows (from {@code --help}); an option it lacks is left out rather
 *                        than failing every run. Empty means "not probed": everything is passed.
 */
record Invocation(String jsRuntime, Path cacheDir, URI poTokenProvider, Path pluginDir, Pacing pacing,
                         Set<String> options) {
    /** The extractor arguments of the bgutil provider plugin's HTTP mode (Tube Archivist passes the same). */
    static final String PO_TOKEN_ARGS = "youtubepot-bgutilhttp:base_url=";

    Invocation {
        Objects.requireNonNull(pacing, "pacing");
        options = Set.copyOf(options);
    }

    /** Nothing beyond yt-dlp's defaults: no runtime named, no cache folder, no pacing. */
    static Invocation plain() {
        return new Invocation(null, null, null, null, Pacing.none(), Set.of());
    }

    /** The options for every run, whatever the URL. */
    List<String> commonArgs() {
        List<String> args = new ArrayList<>();
        if (jsRuntime != null && knows("--js-runtimes")) {
            // only the chosen runtime: yt-dlp would otherwise also try deno from PATH first
            args.addAll(List.of("--no-js-runtimes", "--js-runtimes", jsRuntime));
        }
        if (cacheDir != null) {
            args.addAll(List.of("--cache-dir", cacheDir.toAbsolutePath().toString()));
        }
        if (pluginDir != null && knows("--plugin-dirs")) {
            args.addAll(List.of("--plugin-dirs", pluginDir.toAbsolutePath().toString()));
        }
        if (poTokenProvider != null) {
            args.addAll(List.of("--extractor-args", PO_TOKEN_ARGS + poTokenProvider));
        }
        return args;
    }

    /**
     * {@code argv} (which ends {@code -- URL}) with the pacing for that URL inserted before the {@code --}.
     *
     * @param download whether the run downloads (then it also pauses before the download)
     */
    List<String> paced(List<String> argv, boolean download) {
        int dashes = argv.lastIndexOf("--");
        if (dashes < 0 || dashes == argv.size() - 1) {
            return argv;
        }
        List<String> out = new ArrayList<>(argv.subList(0, dashes));
        out.addAll(pacing.args(argv.get(argv.size() - 1), download));
        out.addAll(argv.subList(dashes, argv.size()));
        return out;
    }

    private boolean knows(String option) {
        return options.isEmpty() || options.contains(option);
    }
}
