package io.github.ytdc.media.ytdlp;

import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.util.Durations;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds yt-dlp and ffmpeg: an explicit path ({@code --yt-dlp}, {@code --ffmpeg}) first, else the environment
 * ({@code YTDC_YT_DLP}, {@code YTDC_FFMPEG}), else {@code PATH}. Reads their versions and warns when yt-dlp is
 * old, because YouTube breaks old releases.
 */
public final class ToolDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(ToolDiscovery.class);
    public static final String YT_DLP_ENV = "YTDC_YT_DLP";
    public static final String FFMPEG_ENV = "YTDC_FFMPEG";
    /** yt-dlp releases older than this are likely broken on YouTube. */
    public static final Duration STALE_AFTER = Duration.ofDays(90);
    static final String UPDATE_HINT = "run 'ytdc tools install' for a current release that agents keep current, or "
            + "update your own (pip install -U \"yt-dlp[default]\", or the standalone binary from "
            + "https://github.com/yt-dlp/yt-dlp/releases) and pass --yt-dlp PATH";
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern DATE_VERSION = Pattern.compile("^(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})");
    private static final Pattern FFMPEG_VERSION = Pattern.compile("version\\s+(\\S+)");

    private final Map<String, String> env;
    private final Clock clock;

    public ToolDiscovery(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** Discovery from this process's environment and the system clock. */
    public static ToolDiscovery system() {
        return new ToolDiscovery(System.getenv(), Clock.systemUTC());
    }

    /** Reports on yt-dlp; never throws. {@code explicit} is the {@code --yt-dlp} value, or {@code null}. */
    public ToolReport inspectYtDlp(Path explicit) {
        Located where = locate("yt-dlp", explicit, "--yt-dlp", YT_DLP_ENV);
        if (where.path() == null) {
            return new ToolReport("yt-dlp", null, "", null, null, List.of(where.problem()
                    + "; run 'ytdc tools install' (agents also install it at start), or install your own (pip install -U "
                    + "\"yt-dlp[default]\", or the standalone binary from https://github.com/yt-dlp/yt-dlp/releases) and "
                    + "pass --yt-dlp PATH or set " + YT_DLP_ENV));
        }
        List<String> problems = new ArrayList<>();
        String version = firstLine(where.path(), List.of("--version"), problems);
        Duration age = version == null ? null : ageOf(version);
        if (age != null && age.compareTo(STALE_AFTER) > 0) {
            problems.add("yt-dlp " + version + " is " + age.toDays() + " days old and YouTube often breaks releases older "
                    + "than " + STALE_AFTER.toDays() + " days; " + UPDATE_HINT);
        }
        return new ToolReport("yt-dlp", where.path(), where.via(), version, age, problems);
    }

    /**
     * Reports on ffmpeg; never throws. A missing ffmpeg is reported as a problem, since without it yt-dlp can
     * neither extract audio nor merge separate video and audio streams.
     */
    public ToolReport inspectFfmpeg(Path explicit) {
        Located where = locate("ffmpeg", explicit, "--ffmpeg", FFMPEG_ENV);
        if (where.path() == null) {
            return new ToolReport("ffmpeg", null, "", null, null, List.of(where.problem()
                    + "; without it audio extraction fails and YouTube downloads fall back to lower-quality single files;"
                    + " install it ('apt-get install ffmpeg') or pass --ffmpeg PATH or set " + FFMPEG_ENV));
        }
        List<String> problems = new ArrayList<>();
        String banner = firstLine(where.path(), List.of("-version"), problems);
        String version = null;
        if (banner != null) {
            Matcher m = FFMPEG_VERSION.matcher(banner);
            version = m.find() ? m.group(1) : banner;
        }
        return new ToolReport("ffmpeg", where.path(), where.via(), version, null, problems);
    }

    /**
     * The yt-dlp found on the {@code PATH} (or named by {@value #YT_DLP_ENV}), ffmpeg optional: what a library user
     * who lists sources with yt-dlp usually wants.
     *
     * @return the toolchain
     */
    public Toolchain requireOnPath() {
        return require(null, null, false);
    }

    /**
     * Finds and checks the tools the agent needs, logging their versions once.
     *
     * @param ytDlp      the {@code --yt-dlp} value, or {@code null}
     * @param ffmpeg     the {@code --ffmpeg} value, or {@code null}
     * @param needFfmpeg whether ffmpeg is required (audio extraction was asked for)
     * @throws YtdcException saying what is missing and how to get it
     */
    public Toolchain require(Path ytDlp, Path ffmpeg, boolean needFfmpeg) {
        ToolReport y = inspectYtDlp(ytDlp);
        if (!y.usable()) {
            throw new YtdcException("yt-dlp is not usable: " + String.join("; ", y.problems()));
        }
        LOG.info("Using yt-dlp {} at {} (found via {})", y.version(), y.path(), y.foundVia());
        y.problems().forEach(p -> LOG.warn("{}", p));
        ToolReport f = inspectFfmpeg(ffmpeg);
        if (f.usable()) {
            LOG.info("Using ffmpeg {} at {} (found via {})", f.version(), f.path(), f.foundVia());
        } else if (needFfmpeg) {
            throw new YtdcException("audio extraction needs ffmpeg, which is not usable: " + String.join("; ", f.problems()));
        } else {
            f.problems().forEach(p -> LOG.warn("{}", p));
        }
        return new Toolchain(y.path(), y.version(), f.usable() ? f.path() : null);
    }

    /** How old a date-versioned yt-dlp release is ({@code 2023.03.04}, nightly {@code 2024.08.06.232739}). */
    Duration ageOf(String version) {
        Matcher m = DATE_VERSION.matcher(version.strip());
        if (!m.find()) {
            return null;
        }
        try {
            LocalDate released = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            Duration age = Duration.ofDays(today.toEpochDay() - released.toEpochDay());
            return age.isNegative() ? Duration.ZERO : age;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private record Located(Path path, String via, String problem) {}

    private Located locate(String name, Path explicit, String option, String envVar) {
        if (explicit != null) {
            return checked(explicit, option, name);
        }
        String fromEnv = env.get(envVar);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(Path.of(fromEnv.strip()), envVar, name);
        }
        Path onPath = searchPath(name);
        return onPath != null ? new Located(onPath, "PATH", null)
                : new Located(null, "", name + " not found: no " + option + ", no " + envVar + ", and not on PATH ("
                        + env.getOrDefault("PATH", "") + ")");
    }

    /** An explicitly configured tool must exist: falling back to another copy would hide the mistake. */
    private Located checked(Path given, String via, String name) {
        Path p = given;
        if (given.getNameCount() == 1 && !given.isAbsolute() && !Files.exists(given)) {
            Path found = searchPath(given.toString());
            p = found != null ? found : given;
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            return new Located(null, "", name + " given by " + via + " is not an executable file: " + given);
        }
        return new Located(p.toAbsolutePath(), via, null);
    }

    private Path searchPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String firstLine(Path tool, List<String> args, List<String> problems) {
        List<String> argv = new ArrayList<>();
        argv.add(tool.toString());
        argv.addAll(args);
        List<String> out = new ArrayList<>();
        try {
            ChildProcess.Result r = ChildProcess.run(argv, Toolchain.ytDlpEnvironment(), null, VERSION_TIMEOUT,
                    TaskContext.detached(), line -> {
                        if (out.isEmpty() && !line.isBlank()) {
                            out.add(line.strip());
                        }
                    });
            if (r.succeeded() && !out.isEmpty()) {
                return out.get(0);
            }
            String detail = r.timedOut() ? "timed out after " + Durations.format(VERSION_TIMEOUT)
                    : "exit code " + r.exitCode() + (r.stderrTail().isEmpty() ? "" : ": " + r.stderrTail().get(r.stderrTail().size() - 1));
            problems.add(tool + " " + String.join(" ", args) + " failed (" + detail + "); reinstall it");
        } catch (IOException e) {
            problems.add(tool + " could not be run: " + e.getMessage());
        }
        return null;
    }
}
