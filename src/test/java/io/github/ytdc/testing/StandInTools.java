package io.github.ytdc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-in programs for toolchain tests: shell scripts that answer the probes ytdc makes ({@code --version},
 * {@code --help}, yt-dlp's verbose header) the way the real programs do, without the real programs. The header
 * lines follow {@code YoutubeDL.print_debug_header} in yt-dlp's {@code YoutubeDL.py}.
 */
public final class StandInTools {
    private StandInTools() {}

    /**
     * A current yt-dlp: prints {@code version}, lists {@code --js-runtimes} and {@code --plugin-dirs} in its help,
     * and its verbose header names the nightly channel, the bundled {@code yt_dlp_ejs} and the runtime it was given.
     */
    public static Path currentYtDlp(Path dir, String version, boolean withEjs) {
        return currentYtDlp(dir, version, withEjs, "echo 'ERROR: stand-in yt-dlp cannot download' >&2; exit 1");
    }

    /** {@link #currentYtDlp(Path, String, boolean)} that runs {@code otherwise} (shell) for any other command line. */
    public static Path currentYtDlp(Path dir, String version, boolean withEjs, String otherwise) {
        return script(dir.resolve("yt-dlp"), "#!/bin/sh\n"
                + "case \"$*\" in\n"
                + "  *--version*) echo '" + version + "' ;;\n"
                + "  *--help*) printf '  --js-runtimes RUNTIME[:PATH]\\n  --no-js-runtimes\\n  --plugin-dirs DIR\\n"
                + "  --cache-dir DIR\\n  --sleep-requests SECONDS\\n' ;;\n"
                + "  *-v*)\n"
                + "    echo '[debug] yt-dlp version nightly@" + version + " from yt-dlp/yt-dlp-nightly-builds "
                + "[0123456789] (linux_exe)' >&2\n"
                + "    echo '[debug] Optional libraries: Cryptodome-3.23.0, certifi-2025.11.12" + (withEjs
                ? ", yt_dlp_ejs-0.8.0" : "") + "' >&2\n"
                + "    rt=''; for a in \"$@\"; do case \"$a\" in deno:*) rt='deno-2.9.6';; node:*) rt='node-22.11.0';; "
                + "esac; done\n"
                + "    echo \"[debug] JS runtimes: ${rt:-none}\" >&2\n"
                + "    echo 'ERROR: You must provide at least one URL.' >&2; exit 2 ;;\n"
                + "  *) " + otherwise + " ;;\n"
                + "esac\n");
    }

    /** A deno that prints {@code deno VERSION (stable, release, x86_64-unknown-linux-gnu)}. */
    public static Path deno(Path dir, String version) {
        return script(dir.resolve("deno"), "#!/bin/sh\necho 'deno " + version
                + " (stable, release, x86_64-unknown-linux-gnu)'\necho 'v8 14.0'\n");
    }

    /** A node that prints {@code vVERSION}. */
    public static Path node(Path dir, String version) {
        return script(dir.resolve("node"), "#!/bin/sh\necho 'v" + version + "'\n");
    }

    private static Path script(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            if (!file.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + file + " executable");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
