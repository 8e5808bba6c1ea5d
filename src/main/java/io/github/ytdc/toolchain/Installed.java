package io.github.ytdc.toolchain;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * One installed version of a managed tool, as recorded in its version folder.
 *
 * @param tool        {@code yt-dlp} or {@code deno}
 * @param version     what the tool printed for its version, e.g. {@code 2026.08.19} or {@code 2.9.6}
 * @param executable  the program to run, inside its version folder
 * @param sha256      the checksum the download was verified against (lower-case hex; for npm, the binary's own)
 * @param source      where it came from: the download URL, or {@code npm deno@2.9.6}
 * @param installedAt when it was installed
 */
record Installed(String tool, String version, Path executable, String sha256, String source, Instant installedAt) {
    static final String MANIFEST = "ytdc-tool.properties";

    Installed {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(executable, "executable");
        sha256 = sha256 == null ? "" : sha256;
        source = source == null ? "" : source;
        Objects.requireNonNull(installedAt, "installedAt");
    }

    /** Writes the manifest into {@code versionDir}, with the executable relative to it. */
    void write(Path versionDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("tool", tool);
        p.setProperty("version", version);
        p.setProperty("executable", versionDir.relativize(executable).toString());
        p.setProperty("sha256", sha256);
        p.setProperty("source", source);
        p.setProperty("installedAt", installedAt.toString());
        try (Writer w = Files.newBufferedWriter(versionDir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            p.store(w, "written by ytdc; do not edit");
        }
    }

    /** The manifest of {@code versionDir}, if it has a readable one whose executable exists. */
    static Optional<Installed> read(Path versionDir) {
        Path file = versionDir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            Path exe = versionDir.resolve(p.getProperty("executable", "")).normalize();
            if (!exe.startsWith(versionDir) || !Files.isExecutable(exe) || p.getProperty("version") == null) {
                return Optional.empty();
            }
            return Optional.of(new Installed(p.getProperty("tool", ""), p.getProperty("version"), exe,
                    p.getProperty("sha256"), p.getProperty("source"),
                    Instant.parse(p.getProperty("installedAt", Instant.EPOCH.toString()))));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
