package io.github.ytdc.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a sources file's content changes, so an agent can import it again (the Python tool's hash
 * guard). Polled, not event-driven: editors replace files in ways file-system events report unreliably, and a
 * hash of a small file every few seconds costs nothing. Not thread-safe; one agent loop owns it, through
 * {@link SourceImporter#importIfChanged}.
 *
 * <pre>{@code
 * watch.changed().ifPresent(change -> { importIntoSheet(change.sources()); watch.imported(change); });
 * }</pre>
 */
final class SourceFileWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SourceFileWatch.class);

    /**
     * New content of the watched file.
     *
     * @param sha256  the content hash, to pass back to {@link #imported(Change)}
     * @param sources the parsed content
     */
    record Change(String sha256, ParsedSources sources) {}

    private final Path file;
    private final SourceFileParser parser;
    private String importedHash;
    private String lastProblem;

    SourceFileWatch(Path file, SourceFileParser parser) {
        this.file = Objects.requireNonNull(file, "file");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * The file's content if it differs from what was last {@linkplain #imported imported}. A missing or unusable
     * file is not a change: it is logged once (until it changes again) and the last import stands.
     */
    Optional<Change> changed() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            warnOnce("sources file " + file + " does not exist (yet); nothing to import");
            return Optional.empty();
        } catch (IOException e) {
            warnOnce("sources file " + file + " cannot be read: " + e);
            return Optional.empty();
        }
        String hash = sha256(bytes);
        if (hash.equals(importedHash)) {
            return Optional.empty();
        }
        try {
            ParsedSources parsed = parser.parse(file.getFileName().toString(), bytes);
            lastProblem = null;
            return Optional.of(new Change(hash, parsed));
        } catch (SourceFileException e) {
            warnOnce(e.getMessage());
            return Optional.empty();
        }
    }

    /** Records that {@code change} is in the sheet, so the same content is not offered again. */
    void imported(Change change) {
        importedHash = change.sha256();
    }

    private void warnOnce(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn("{}", problem);
            lastProblem = problem;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
