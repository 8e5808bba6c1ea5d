package io.github.ytdc.media.ytdlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskFailure;
import io.github.ytdc.coord.TaskProcessor;
import io.github.ytdc.util.Durations;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in processor ({@link Toolchain#downloader}): downloads a video task with yt-dlp into a private temporary
 * folder inside the output folder, and moves the result into place only once yt-dlp succeeded, so the output never
 * holds a partial file. Returns the final path (for the {@code Output} column).
 */
final class YtDlpDownloader implements TaskProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(YtDlpDownloader.class);
    /** Per-task work folders live here, inside the output folder so the final move is a same-disk rename. */
    static final String TEMP_DIR = ".ytdc-tmp";
    static final String FILE_PREFIX = "[ytdc-file] ";
    static final String QUALITY_PREFIX = "[ytdc-quality] ";
    /** At or below this height, a download after toolchain warnings counts as degraded. */
    static final int DEGRADED_HEIGHT = 360;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ARCHIVE_SEARCH_DEPTH = 4;

    private final Toolchain tools;
    private final DownloadOptions options;
    private final RandomGenerator random;

    YtDlpDownloader(Toolchain tools, DownloadOptions options, RandomGenerator random) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A downloader whose configuration was checked against the real tools: ffmpeg present when audio extraction is
     * asked for, the extra arguments accepted by this yt-dlp, and the hook's program found.
     *
     * @throws YtdcException saying what to fix
     */
    static YtDlpDownloader create(Toolchain tools, DownloadOptions options, RandomGenerator random) {
        if (options.extractsAudio() && tools.ffmpeg() == null) {
            throw new YtdcException("audio extraction (--audio-format " + options.audioFormat() + ") needs ffmpeg; install it "
                    + "('apt-get install ffmpeg') or pass --ffmpeg PATH");
        }
        if (!options.extraArgs().isEmpty()) {
            checkExtraArgs(tools, options.extraArgs());
        }
        if (!options.execHook().isEmpty()) {
            checkHookProgram(options.execHook().get(0));
        }
        return new YtDlpDownloader(tools, options, random);
    }

    DownloadOptions options() {
        return options;
    }

    @Override
    public String process(Task task, TaskContext context) throws IOException {
        Path temp = options.outputDir().toAbsolutePath().resolve(TEMP_DIR);
        Path work;
        try {
            work = createWorkFolder(temp, workName(task.id()));
        } catch (IOException e) {
            throw outputFault("cannot create a work folder in", e);
        }
        try {
            Path file = download(task, work, context);
            if (file == null) {
                return null;
            }
            runHook(task, file, context);
            return file.toString();
        } finally {
            deleteTree(work);
            removeIfEmpty(temp);
        }
    }

    /*
     * TEMP_DIR is removed by whichever task leaves it empty, and that is safe with concurrent tasks (here or in another
     * agent process sharing the output folder): removing a folder succeeds only while it is empty, atomically, so it
     * never takes a running task's work folder with it. The one race is a task creating TEMP_DIR just before another
     * removes it, and then failing to create its work folder inside: that task creates both again.
     */
    private static Path createWorkFolder(Path temp, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(temp);
            try {
                return Files.createDirectory(temp.resolve(name));
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static void removeIfEmpty(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (DirectoryNotEmptyException e) {
            // another task is still working in it; the last one out removes it
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", temp, e.toString());
        }
    }

    /** The output folder is the host's problem, never the video's: nothing is charged while it is unusable. */
    private TaskFailure outputFault(String what, IOException e) {
        return TaskFailure.hostFault("output folder: " + what + " " + options.outputDir().toAbsolutePath() + " ("
                + e + "); fix: " + FailureClassifier.DISK_FIX);
    }

    /** Runs yt-dlp; returns the final path in the output folder, or {@code null} when the archive skipped it unseen. */
    private Path download(Task task, Path work, TaskContext context) throws IOException {
        List<String> printed = new ArrayList<>();
        List<String> quality = new ArrayList<>();
        ChildProcess.Result r;
        Path cookies = copyCookies(work);
        try {
            r = ChildProcess.run(command(tools, options, work, task.url()), Toolchain.ytDlpEnvironment(),
                    work, options.timeout(), context, line -> {
                        if (line.startsWith(FILE_PREFIX)) {
                            printed.add(line.substring(FILE_PREFIX.length()));
                        } else if (line.startsWith(QUALITY_PREFIX)) {
                            quality.add(line.substring(QUALITY_PREFIX.length()).strip());
                        } else {
                            ProgressLine.parse(line).ifPresentOrElse(context::progress, () -> LOG.debug("yt-dlp: {}", line));
                        }
                    });
        } catch (IOException e) {
            throw TaskFailure.hostFault("yt-dlp cannot start: " + e.getMessage() + " (fix: reinstall it with "
                    + "'ytdc tools install', then 'ytdc doctor')");
        } finally {
            if (cookies != null) {
                Files.deleteIfExists(cookies);
            }
        }
        if (r.cancelled()) {
            throw TaskFailure.transientFailure("download cancelled (claim lost or agent stopping); yt-dlp was stopped");
        }
        if (r.timedOut()) {
            throw TaskFailure.transientFailure("download timed out after "
                    + Durations.format(options.timeout()) + "; yt-dlp and its children were stopped");
        }
        if (r.exitCode() != 0) {
            throw FailureClassifier.failure(r.stderrTail(), r.exitCode(), options.cookiesFile() != null);
        }
        Optional<String> degraded = degradation(r.stderrTail(), quality);
        if (degraded.isPresent()) {
            forgetInArchive(task.id());
            throw TaskFailure.hostFault(degraded.get());
        }
        if (printed.isEmpty()) {
            // yt-dlp prints no path when the archive says the video was downloaded before.
            Path existing = findExisting(task.id());
            LOG.debug("{} is already in the download archive{}", task.id(), existing == null ? "" : ": " + existing);
            return existing;
        }
        try {
            return moveIntoPlace(work, work.resolve(decodePath(printed.get(printed.size() - 1))));
        } catch (IOException e) {
            throw outputFault("cannot move the download into", e);
        }
    }

    /**
     * A "success" far below the usual quality because the toolchain could not solve YouTube's challenge: yt-dlp
     * warned (no runtime, challenge solving failed, missing PO tokens) and fell back to the 360p format 18 or lower.
     * That is a host problem: the file is dropped and the task waits for a working toolchain.
     */
    static Optional<String> degradation(List<String> stderr, List<String> qualityLines) {
        Optional<String> warning = FailureClassifier.toolchainWarning(stderr);
        if (warning.isEmpty() || qualityLines.isEmpty()) {
            return Optional.empty();
        }
        String[] q = qualityLines.get(qualityLines.size() - 1).split("\\s+");
        String height = q.length > 0 ? q[0] : "NA";
        String format = q.length > 1 ? q[1] : "";
        boolean low = format.equals("18") || format.startsWith("18+") || format.startsWith("18-")
                || (height.matches("\\d+") && Integer.parseInt(height) <= DEGRADED_HEIGHT);
        if (!low) {
            return Optional.empty();
        }
        return Optional.of("degraded download dropped: only format " + format + " (" + height + "p) came back after '"
                + warning.get() + "' (fix: " + FailureClassifier.fixFor(warning.get()) + ")");
    }

    /**
     * Removes the archive's line for a dropped download, so the task downloads again once the toolchain works.
     * Another yt-dlp appending at the same moment may lose its line; that video is then only downloaded again.
     */
    private void forgetInArchive(String id) {
        Path archive = options.archiveFile();
        if (archive == null || !Files.exists(archive)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(archive);
            List<String> kept = lines.stream().filter(l -> !l.strip().endsWith(" " + id)).toList();
            if (kept.size() != lines.size()) {
                Path tmp = archive.resolveSibling(archive.getFileName() + ".ytdc-" + workName(id));
                Files.write(tmp, kept);
                Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {} from the download archive {}: {}", id, archive, e.toString());
        }
    }

    /** Moves everything yt-dlp wrote (the media and any sidecar files) from the work folder into the output folder. */
    private Path moveIntoPlace(Path work, Path mainFile) throws IOException {
        Path main = mainFile.normalize();
        if (!main.startsWith(work) || !Files.isRegularFile(main)) {
            throw TaskFailure.transientFailure("yt-dlp reported " + main + ", which is not a file in its work folder " + work);
        }
        Path output = options.outputDir().toAbsolutePath();
        Path finalMain = null;
        List<Path> files;
        try (Stream<Path> s = Files.walk(work)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = output.resolve(work.relativize(f));
            Files.createDirectories(target.getParent());
            // A rename within one file system: the file appears whole or not at all.
            Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
            if (f.equals(main)) {
                finalMain = target;
            }
        }
        LOG.debug("Downloaded {}", finalMain); // the "done" line and the Output column say it
        return finalMain;
    }

    private void runHook(Task task, Path file, TaskContext context) throws IOException {
        if (options.execHook().isEmpty()) {
            return;
        }
        List<String> argv = ExecHook.render(options.execHook(), Map.of("file", file.toString(), "id", task.id(),
                "url", task.url(), "title", task.title(), "source", task.sourceId()));
        ChildProcess.Result r = ChildProcess.run(argv, Map.of(), options.outputDir().toAbsolutePath(), options.hookTimeout(),
                context, line -> LOG.debug("hook: {}", line)); // a failure's message carries its last line
        if (r.cancelled()) {
            throw TaskFailure.transientFailure("exec hook cancelled (claim lost or agent stopping)");
        }
        if (r.timedOut()) {
            throw TaskFailure.transientFailure("exec hook " + argv.get(0) + " timed out after "
                    + Durations.format(options.hookTimeout()));
        }
        if (r.exitCode() != 0) {
            String last = r.stderrTail().isEmpty() ? "" : ": " + r.stderrTail().get(r.stderrTail().size() - 1);
            throw new TaskFailure(FailureClass.TRANSIENT, "exec hook " + argv.get(0) + " exited with code " + r.exitCode() + last);
        }
    }

    /** The yt-dlp command line that downloads {@code url} into {@code work}. */
    static List<String> command(Toolchain tools, DownloadOptions o, Path work, String url) {
        List<String> argv = tools.ytDlpCommand();
        argv.addAll(List.of("--newline", "--no-colors", "--progress", "--progress-template", ProgressLine.TEMPLATE,
                // JSON-quoted so that any file name survives the trip through stdout
                "--print", "after_move:" + FILE_PREFIX + "%(filepath)j",
                "--print", "after_move:" + QUALITY_PREFIX + "%(height)s %(format_id)s",
                "--no-simulate", "--no-playlist",
                "--paths", work.toString(), "--output", o.outputTemplate()));
        if (o.archiveFile() != null) {
            argv.addAll(List.of("--download-archive", o.archiveFile().toAbsolutePath().toString()));
        }
        if (o.format() != null) {
            argv.addAll(List.of("--format", o.format()));
        }
        if (o.audioFormat() != null) {
            argv.addAll(List.of("--extract-audio", "--audio-format", o.audioFormat()));
        }
        if (o.cookiesFile() != null) {
            // this run's own copy (see copyCookies)
            argv.addAll(List.of("--cookies", cookiesCopy(work).toString()));
        }
        if (o.rateLimit() != null) {
            argv.addAll(List.of("--limit-rate", o.rateLimit()));
        }
        argv.addAll(o.extraArgs());
        argv.add("--");
        argv.add(url);
        return tools.paced(argv, true);
    }

    /** Where a run's copy of the cookies file goes: beside its work folder, so it is never moved into the output. */
    static Path cookiesCopy(Path work) {
        return work.resolveSibling(work.getFileName() + ".cookies.txt");
    }

    /**
     * yt-dlp rewrites its cookies file when it exits, so runs sharing one file (this agent's, or other agents') would
     * overwrite each other's sessions: each run gets a private copy (owner-only), deleted when it ends.
     */
    private Path copyCookies(Path work) throws IOException {
        if (options.cookiesFile() == null) {
            return null;
        }
        Path copy = cookiesCopy(work);
        try {
            Files.copy(options.cookiesFile(), copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw TaskFailure.hostFault("cannot copy the cookies file " + options.cookiesFile() + " for this download ("
                    + e + "); fix: check that it is readable and the output folder writable");
        }
        return copy;
    }

    private String workName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 64) {
            safe = safe.substring(0, 64);
        }
        return safe + "-" + Long.toUnsignedString(random.nextLong(), 36);
    }

    /** A file named with the default template's {@code [id]} marker, for videos the archive skipped. */
    private Path findExisting(String id) throws IOException {
        Path output = options.outputDir().toAbsolutePath();
        String marker = "[" + id + "]";
        Path[] found = {null};
        Files.walkFileTree(output, Set.of(), ARCHIVE_SEARCH_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(TEMP_DIR)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().contains(marker)) {
                    found[0] = file;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }

    private static String decodePath(String json) {
        try {
            return JSON.readValue(json, String.class);
        } catch (JsonProcessingException e) {
            throw TaskFailure.transientFailure("could not read the file path yt-dlp printed: " + json);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the work folder {}: {}", dir, e.toString());
        }
    }

    private static void checkExtraArgs(Toolchain tools, List<String> extraArgs) {
        List<String> argv = tools.ytDlpCommand();
        argv.addAll(extraArgs);
        // No URL: yt-dlp parses every option, then stops with "You must provide at least one URL", offline.
        try {
            ChildProcess.Result r = ChildProcess.run(argv, Toolchain.ytDlpEnvironment(), null, Duration.ofSeconds(30),
                    TaskContext.detached(), line -> {});
            boolean parsed = r.exitCode() == 0 || r.stderrTail().stream().anyMatch(l -> l.contains("provide at least one URL"));
            if (!parsed) {
                String last = r.stderrTail().isEmpty() ? "exit code " + r.exitCode() : r.stderrTail().get(r.stderrTail().size() - 1);
                throw new YtdcException("yt-dlp rejects the extra arguments " + extraArgs + ": " + last);
            }
        } catch (IOException e) {
            throw new YtdcException("could not run yt-dlp to check the extra arguments: " + e.getMessage(), e);
        }
    }

    private static void checkHookProgram(String program) {
        Path p = Path.of(program);
        boolean found = p.getNameCount() > 1 || p.isAbsolute() ? Files.isExecutable(p)
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(d -> !d.isBlank()).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        if (!found) {
            throw new YtdcException("exec hook program '" + program + "' was not found or is not executable");
        }
    }
}
