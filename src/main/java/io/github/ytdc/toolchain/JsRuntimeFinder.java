package io.github.ytdc.toolchain;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for a JavaScript runtime yt-dlp supports, in this order: the one given ({@code --js-runtime}), the deno
 * ytdc installed, deno on {@code PATH}, node on {@code PATH}. Versions are read the way yt-dlp reads them
 * ({@code yt_dlp/utils/_jsruntime.py}: {@code deno --version} → {@code ^deno (\S+)}, minimum 2.3.0;
 * {@code node --version} → {@code ^v(\S+)}, minimum 22). Only deno is enabled in yt-dlp by default, so ytdc always
 * names the chosen runtime explicitly.
 */
final class JsRuntimeFinder {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern DENO = Pattern.compile("^deno (\\S+)");
    private static final Pattern NODE = Pattern.compile("^v(\\S+)");
    private static final int[] NODE_MIN = {22, 0, 0};

    private final Map<String, String> env;

    /** @param env the environment whose {@code PATH} is searched */
    JsRuntimeFinder(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * @param explicit a runtime the operator named ({@code deno} or {@code node} by file name), or {@code null}
     * @param managed  the deno ytdc installed, if any
     */
    RuntimeSearch find(Path explicit, Optional<Installed> managed) {
        List<JsRuntime> found = new ArrayList<>();
        if (explicit != null) {
            probe(explicit, "--js-runtime").ifPresent(found::add);
        }
        managed.flatMap(m -> probe(m.executable(), "ytdc tools")).ifPresent(found::add);
        onPath("deno").flatMap(p -> probe(p, "PATH")).ifPresent(found::add);
        onPath("node").flatMap(p -> probe(p, "PATH")).ifPresent(found::add);
        List<JsRuntime> distinct = new ArrayList<>();
        for (JsRuntime r : found) {
            if (distinct.stream().noneMatch(d -> d.path().equals(r.path()))) {
                distinct.add(r);
            }
        }
        return new RuntimeSearch(distinct.stream().filter(JsRuntime::supported).findFirst(), distinct);
    }

    /** Reads a runtime's version; empty if it does not run or is neither deno nor node. */
    Optional<JsRuntime> probe(Path exe, String via) {
        if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
            return Optional.empty();
        }
        Exec.Result r = Exec.run(List.of(exe.toString(), "--version"), null, Map.of(), PROBE_TIMEOUT);
        if (!r.ok()) {
            return Optional.empty();
        }
        String first = r.firstLine();
        Matcher deno = DENO.matcher(first);
        if (deno.find()) {
            return Optional.of(new JsRuntime("deno", exe.toAbsolutePath(), deno.group(1), via,
                    JsRuntime.atLeast(deno.group(1), DenoInstaller.MIN_VERSION)));
        }
        Matcher node = NODE.matcher(first);
        if (node.find()) {
            return Optional.of(new JsRuntime("node", exe.toAbsolutePath(), node.group(1), via,
                    JsRuntime.atLeast(node.group(1), NODE_MIN)));
        }
        return Optional.empty();
    }

    private Optional<Path> onPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
