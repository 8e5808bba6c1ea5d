package io.github.ytdc.media.ytdlp;

import io.github.ytdc.util.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the built-in downloader runs yt-dlp. Immutable; build it with {@link #builder(Path)}, whose
 * {@link Builder#build()} rejects bad values with a message that says what to use instead.
 *
 * @param outputDir      where finished files go (created if missing)
 * @param outputTemplate yt-dlp output template, relative to the output folder
 * @param format         yt-dlp format selector ({@code -f}), or {@code null} for yt-dlp's default
 * @param audioFormat    extract audio to this format ({@code -x --audio-format}), or {@code null} to keep video
 * @param cookiesFile    Netscape cookies file ({@code --cookies}), or {@code null}
 * @param rateLimit      maximum download rate such as {@code 50K} or {@code 4.2M} ({@code --limit-rate}), or {@code null}
 * @param extraArgs      further yt-dlp arguments, passed as given
 * @param timeout        longest a single download may take; yt-dlp and its children are then killed
 * @param archiveFile    yt-dlp download archive ({@code --download-archive}), or {@code null} for none
 * @param execHook       command run after each download, as an argument list with placeholders
 *                       {@code {file} {id} {url} {title} {source}}; empty for none
 * @param hookTimeout    longest the hook may take
 */
public record DownloadOptions(Path outputDir, String outputTemplate, String format, String audioFormat, Path cookiesFile,
                              String rateLimit, List<String> extraArgs, Duration timeout, Path archiveFile,
                              List<String> execHook, Duration hookTimeout) {
    public static final String DEFAULT_TEMPLATE = "%(title).200B [%(id)s].%(ext)s";
    public static final String ARCHIVE_NAME = ".ytdc-archive.txt";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);
    public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(30);
    /** The audio formats yt-dlp's {@code --audio-format} accepts. */
    public static final Set<String> AUDIO_FORMATS = Set.of("best", "aac", "alac", "flac", "m4a", "mp3", "opus", "vorbis", "wav");
    private static final Pattern RATE = Pattern.compile("\\d+(\\.\\d+)?[KMGkmg]?");
    /** Options that would break the temp-folder-then-move contract or the final-path report. */
    private static final Set<String> RESERVED = Set.of("-o", "--output", "-P", "--paths", "--print", "-O",
            "--print-to-file", "--download-archive", "--no-download-archive", "-a", "--batch-file");

    public DownloadOptions {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(outputTemplate, "outputTemplate");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(hookTimeout, "hookTimeout");
        extraArgs = List.copyOf(extraArgs);
        execHook = List.copyOf(execHook);
    }

    /** Starts options that download into {@code outputDir} with every default. */
    public static Builder builder(Path outputDir) {
        return new Builder(outputDir);
    }

    /** Whether audio is extracted (which needs ffmpeg). */
    public boolean extractsAudio() {
        return audioFormat != null;
    }

    /** Collects and validates download options. */
    public static final class Builder {
        private final Path outputDir;
        private String outputTemplate = DEFAULT_TEMPLATE;
        private String format;
        private String audioFormat;
        private Path cookiesFile;
        private String rateLimit;
        private final List<String> extraArgs = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Path archiveFile;
        private boolean archive = true;
        private final List<String> execHook = new ArrayList<>();
        private Duration hookTimeout = DEFAULT_HOOK_TIMEOUT;

        private Builder(Path outputDir) {
            this.outputDir = outputDir;
        }

        /** yt-dlp output template relative to the output folder; default {@value DownloadOptions#DEFAULT_TEMPLATE}. */
        public Builder outputTemplate(String template) {
            this.outputTemplate = template;
            return this;
        }

        /** yt-dlp format selector, e.g. {@code bv*[height<=720]+ba/b}; {@code null} for yt-dlp's default. */
        public Builder format(String format) {
            this.format = blankToNull(format);
            return this;
        }

        /** Extract audio into {@code mp3}, {@code m4a}, {@code opus}, ...; {@code null} to keep the video. */
        public Builder audioFormat(String audioFormat) {
            this.audioFormat = blankToNull(audioFormat) == null ? null : audioFormat.strip().toLowerCase(Locale.ROOT);
            return this;
        }

        public Builder cookiesFile(Path cookiesFile) {
            this.cookiesFile = cookiesFile;
            return this;
        }

        /** e.g. {@code 50K}, {@code 4.2M}; {@code null} for no limit. */
        public Builder rateLimit(String rateLimit) {
            this.rateLimit = blankToNull(rateLimit);
            return this;
        }

        /** Adds one yt-dlp argument (repeatable, kept in order). */
        public Builder extraArg(String arg) {
            extraArgs.add(Objects.requireNonNull(arg, "arg"));
            return this;
        }

        public Builder extraArgs(List<String> args) {
            args.forEach(this::extraArg);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The download archive; default {@code <outputDir>/.ytdc-archive.txt}. */
        public Builder archiveFile(Path archiveFile) {
            this.archiveFile = archiveFile;
            this.archive = true;
            return this;
        }

        /** Downloads again what was downloaded before. */
        public Builder noArchive() {
            this.archive = false;
            this.archiveFile = null;
            return this;
        }

        /** The post-download command as an argument list, e.g. {@code ["aws", "s3", "cp", "{file}", "s3://b/{id}"]}. */
        public Builder execHook(List<String> argv) {
            execHook.clear();
            execHook.addAll(argv);
            return this;
        }

        public Builder hookTimeout(Duration hookTimeout) {
            this.hookTimeout = hookTimeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad value and what to use instead */
        public DownloadOptions build() {
            if (outputDir == null) {
                throw new IllegalArgumentException("an output folder is required");
            }
            if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
                throw new IllegalArgumentException("output folder " + outputDir + " exists but is not a folder");
            }
            validateTemplate(outputTemplate);
            if (audioFormat != null && !AUDIO_FORMATS.contains(audioFormat)) {
                throw new IllegalArgumentException("unknown audio format '" + audioFormat + "'; use one of "
                        + String.join(", ", AUDIO_FORMATS.stream().sorted().toList()));
            }
            if (cookiesFile != null && !Files.isReadable(cookiesFile)) {
                throw new IllegalArgumentException("cookies file " + cookiesFile + " does not exist or is not readable");
            }
            if (rateLimit != null && !RATE.matcher(rateLimit).matches()) {
                throw new IllegalArgumentException("rate limit '" + rateLimit + "' is not a rate; use bytes per second "
                        + "like 500K, 4.2M or 1G");
            }
            for (String arg : extraArgs) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (RESERVED.contains(name)) {
                    throw new IllegalArgumentException("yt-dlp argument " + name + " cannot be passed through: ytdc sets it "
                            + "itself (use the output folder, output template and archive options instead)");
                }
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("download timeout must be positive, was " + Durations.format(timeout));
            }
            if (hookTimeout.isNegative() || hookTimeout.isZero()) {
                throw new IllegalArgumentException("hook timeout must be positive, was " + Durations.format(hookTimeout));
            }
            ExecHook.validate(execHook);
            Path archivePath = !archive ? null : archiveFile != null ? archiveFile : outputDir.resolve(ARCHIVE_NAME);
            return new DownloadOptions(outputDir, outputTemplate, format, audioFormat, cookiesFile, rateLimit, extraArgs,
                    timeout, archivePath, execHook, hookTimeout);
        }

        private static void validateTemplate(String template) {
            if (template == null || template.isBlank()) {
                throw new IllegalArgumentException("output template is empty; the default is " + DEFAULT_TEMPLATE);
            }
            // Downloads land in a temporary folder first: an absolute or escaping template would bypass it.
            if (template.startsWith("/") || template.startsWith("~") || template.matches("^[A-Za-z]:[\\\\/].*")) {
                throw new IllegalArgumentException("output template '" + template + "' must be relative to the output folder");
            }
            for (String part : template.split("[/\\\\]")) {
                if (part.equals("..")) {
                    throw new IllegalArgumentException("output template '" + template + "' must not leave the output folder (..)");
                }
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
