package io.github.ytdc.toolchain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A JavaScript runtime found on this host, and whether yt-dlp can use it to solve YouTube's challenge.
 *
 * @param name      {@code deno} or {@code node}
 * @param path      the executable
 * @param version   the version it printed, e.g. {@code 2.9.6} or {@code 20.20.2}
 * @param foundVia  where it was found: {@code --js-runtime}, {@code ytdc tools}, {@code PATH}
 * @param supported whether yt-dlp supports this version (deno >= 2.3.0, node >= 22)
 */
record JsRuntime(String name, Path path, String version, String foundVia, boolean supported) {
    public JsRuntime {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(foundVia, "foundVia");
    }

    /** The value of yt-dlp's {@code --js-runtimes} option: {@code NAME:PATH}. */
    String ytDlpOption() {
        return name + ":" + path;
    }

    /** E.g. {@code deno 2.9.6}. */
    public String label() {
        return name + " " + version;
    }

    /** E.g. {@code node 20.20.2 at /usr/bin/node (PATH): unsupported, yt-dlp needs node >= 22}. */
    public String describe() {
        return label() + " at " + path + " (" + foundVia + ")" + (supported ? "" : ": unsupported, yt-dlp needs "
                + name + " >= " + (name.equals("deno") ? "2.3.0" : "22"));
    }

    /** Whether a dotted version is at least {@code min} (missing parts count as 0; a suffix like -rc1 is ignored). */
    static boolean atLeast(String version, int[] min) {
        String[] parts = version.replaceFirst("^v", "").split("[.+-]");
        for (int i = 0; i < min.length; i++) {
            int v;
            try {
                v = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (v != min[i]) {
                return v > min[i];
            }
        }
        return true;
    }
}
