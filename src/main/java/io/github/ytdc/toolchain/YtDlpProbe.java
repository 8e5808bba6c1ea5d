package io.github.ytdc.toolchain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a yt-dlp executable what it is, offline: {@code --help} for the options it knows, and the verbose header
 * ({@code -v} without a URL, which prints the header and stops with "You must provide at least one URL") for its
 * version label, variant, bundled libraries and JavaScript runtimes. The header's lines are those of
 * {@code YoutubeDL.print_debug_header} in yt-dlp's {@code YoutubeDL.py}: {@code yt-dlp version CHANNEL@TAG ... (VARIANT)},
 * {@code Optional libraries: ..., yt_dlp_ejs-0.8.0, ...} and {@code JS runtimes: deno-2.9.6}.
 */
final class YtDlpProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]+)");
    private static final Pattern VERSION_LINE = Pattern.compile("\\[debug] yt-dlp version (\\S+?)@(\\S+)(.*)$");
    private static final Pattern VARIANT = Pattern.compile("\\(([^()]+)\\)\\s*$");
    private static final Pattern LIBRARIES = Pattern.compile("\\[debug] Optional libraries: (.*)$");
    private static final Pattern RUNTIMES = Pattern.compile("\\[debug] JS runtimes: (.*)$");

    private YtDlpProbe() {}

    /**
     * @param runtime the runtime ytdc will name, so the header says what yt-dlp makes of it; {@code null} for none
     * @return empty when the program does not run or print a version
     */
    static Optional<YtDlpInfo> probe(Path ytDlp, JsRuntime runtime) {
        Exec.Result version = Exec.run(List.of(ytDlp.toString(), "--version"), null, ENV, TIMEOUT);
        if (!version.ok() || version.firstLine().isEmpty()) {
            return Optional.empty();
        }
        Exec.Result help = Exec.run(List.of(ytDlp.toString(), "--ignore-config", "--help"), null, ENV, TIMEOUT);
        Set<String> options = new HashSet<>();
        Matcher m = OPTION.matcher(help.stdout());
        while (m.find()) {
            options.add(m.group(1));
        }
        List<String> argv = new ArrayList<>(List.of(ytDlp.toString(), "--ignore-config", "-v"));
        if (runtime != null && options.contains("--js-runtimes")) {
            argv.addAll(List.of("--no-js-runtimes", "--js-runtimes", runtime.ytDlpOption()));
        }
        Exec.Result header = Exec.run(argv, null, ENV, TIMEOUT);
        return Optional.of(parse(version.firstLine(), header.stderr() + "\n" + header.stdout(), options));
    }

    /** Reads the header text; visible for tests. */
    static YtDlpInfo parse(String version, String header, Set<String> options) {
        String channel = "";
        String variant = "";
        boolean ejs = false;
        Optional<String> runtimes = Optional.empty();
        for (String line : header.split("\\R")) {
            Matcher v = VERSION_LINE.matcher(line.strip());
            if (v.find()) {
                String origin = v.group(1);
                channel = origin.contains("nightly") ? "nightly" : origin.contains("master") ? "master"
                        : origin.equals("yt-dlp/yt-dlp") ? "stable" : origin;
                Matcher var = VARIANT.matcher(v.group(3));
                variant = var.find() ? var.group(1) : "";
            }
            Matcher lib = LIBRARIES.matcher(line.strip());
            if (lib.find()) {
                ejs = lib.group(1).matches("(?:.*[\\s,])?yt_dlp_ejs(?:-[^,\\s]*)?(?:,.*)?");
            }
            Matcher rt = RUNTIMES.matcher(line.strip());
            if (rt.find()) {
                runtimes = Optional.of(rt.group(1).strip());
            }
        }
        return new YtDlpInfo(version.strip(), channel, variant, ejs, runtimes, options);
    }

    private static final Map<String, String> ENV = Map.of("PYTHONIOENCODING", "utf-8", "PYTHONUTF8", "1");
}
