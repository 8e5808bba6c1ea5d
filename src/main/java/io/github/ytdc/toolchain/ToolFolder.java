package io.github.ytdc.toolchain;

import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of one managed tool: {@code versions/NAME/} per installed version, a {@code current} link to the one in
 * use, and staging folders for installs under way. Making a version current is one rename of a new link over the old,
 * so a reader sees either version, never a half-written file; a running process keeps its own version's files,
 * which are removed only long after they stopped being current.
 */
final class ToolFolder {
    private static final Logger LOG = LoggerFactory.getLogger(ToolFolder.class);
    static final String CURRENT = "current";
    static final String VERSIONS = "versions";
    private static final String REPLACED_AT = ".replaced-at";
    private static final String STAGING = ".staging-";

    private final Path dir;

    ToolFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /** The version in use, if one is installed and intact. */
    Optional<Installed> current() {
        Path link = dir.resolve(CURRENT);
        if (!Files.isDirectory(link)) {
            return Optional.empty();
        }
        try {
            return Installed.read(link.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A fresh, empty staging folder for a download (on the same disk, so committing it is a rename). */
    Path stage() throws IOException {
        Files.createDirectories(dir);
        return Files.createDirectory(dir.resolve(STAGING + UUID.randomUUID()));
    }

    /**
     * Turns a staged install into a version folder and makes it current. {@code installed.executable()} must lie
     * inside {@code staging}; the returned record points into the version folder.
     */
    Installed commit(Path staging, Installed installed, Instant now) throws IOException {
        Path versions = Files.createDirectories(dir.resolve(VERSIONS));
        String base = installed.version().replaceAll("[^A-Za-z0-9._+-]", "_");
        Path target = versions.resolve(base);
        for (int i = 2; Files.exists(target); i++) {
            target = versions.resolve(base + "-" + i);
        }
        Path exe = target.resolve(staging.relativize(installed.executable()));
        Installed moved = new Installed(installed.tool(), installed.version(), exe, installed.sha256(),
                installed.source(), installed.installedAt());
        installed.write(staging); // the executable's path is relative, so it holds after the rename
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        Optional<Path> previous = currentDir();
        swapCurrent(dir.relativize(target));
        previous.ifPresent(p -> markReplaced(p, now));
        return moved;
    }

    /** Removes a staging folder whose install was abandoned. */
    void discard(Path staging) {
        deleteTree(staging);
    }

    /**
     * Deletes versions that stopped being current more than {@code keep} ago (longer than a download may run), and
     * staging folders left by crashed installs. The current version and the one before it are always kept.
     */
    void prune(Instant now, Duration keep) {
        Optional<Path> current = currentDir();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(STAGING)).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not list {}: {}", dir, e.toString());
        }
        Path versions = dir.resolve(VERSIONS);
        if (!Files.isDirectory(versions)) {
            return;
        }
        try (Stream<Path> s = Files.list(versions)) {
            List<Path> replaced = s.filter(p -> current.map(c -> !c.equals(p)).orElse(true))
                    .filter(p -> replacedAt(p).isPresent())
                    .sorted(Comparator.comparing((Path p) -> replacedAt(p).orElseThrow()).reversed())
                    .toList();
            for (Path p : replaced.subList(Math.min(1, replaced.size()), replaced.size())) {
                if (replacedAt(p).orElseThrow().isBefore(now.minus(keep))) {
                    LOG.info("Removing {}, replaced {}", p, Durations.ago(Duration.between(replacedAt(p).orElseThrow(), now)));
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not list {}: {}", versions, e.toString());
        }
    }

    private Optional<Path> currentDir() {
        try {
            Path link = dir.resolve(CURRENT);
            return Files.isDirectory(link) ? Optional.of(link.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A new link under a temporary name, renamed over {@code current}: atomic on POSIX file systems. */
    private void swapCurrent(Path relativeTarget) throws IOException {
        Path tmp = dir.resolve(CURRENT + ".new-" + UUID.randomUUID());
        Files.createSymbolicLink(tmp, relativeTarget);
        try {
            Files.move(tmp, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void markReplaced(Path versionDir, Instant now) {
        try {
            Files.writeString(versionDir.resolve(REPLACED_AT), now.toString());
        } catch (IOException e) {
            LOG.debug("Could not mark {} replaced: {}", versionDir, e.toString());
        }
    }

    private static Optional<Instant> replacedAt(Path versionDir) {
        try {
            return Optional.of(Instant.parse(Files.readString(versionDir.resolve(REPLACED_AT)).strip()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", root, e.toString());
        }
    }
}
