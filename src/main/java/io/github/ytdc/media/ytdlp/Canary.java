package io.github.ytdc.media.ytdlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real extraction of one known video ({@code ytdc doctor --canary URL}), run exactly as the agent runs yt-dlp, that
 * says whether this host's toolchain gets full formats: YouTube answers a host that cannot solve its challenge, or
 * lacks PO tokens, with fewer formats and warnings rather than an error. Reached through {@link Toolchain#canary}.
 */
final class Canary {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the extraction found.
     *
     * @param exitCode         yt-dlp's exit code
     * @param formats          how many formats it listed
     * @param maxHeight        the tallest video format, 0 when none has a height
     * @param toolchainWarning the first warning that the challenge was not solved or formats were skipped
     * @param error            the classified error when it failed, else {@code ""}
     */
    record Result(int exitCode, int formats, int maxHeight, Optional<String> toolchainWarning, String error) {}

    private Canary() {}

    /** Extracts {@code url} without downloading it. */
    static Result run(Toolchain tools, String url, Duration timeout) {
        List<String> argv = tools.ytDlpCommand();
        argv.addAll(List.of("--dump-single-json", "--no-playlist", "--skip-download", "--no-colors", "--", url));
        StringBuilder out = new StringBuilder();
        ChildProcess.Result r;
        try {
            r = ChildProcess.run(tools.paced(argv, false), Toolchain.ytDlpEnvironment(), null, timeout,
                    TaskContext.detached(), line -> out.append(line).append('\n'));
        } catch (IOException e) {
            return new Result(-1, 0, 0, Optional.empty(), "yt-dlp could not be run: " + e.getMessage());
        }
        Optional<String> warning = FailureClassifier.toolchainWarning(r.stderrTail());
        if (!r.succeeded()) {
            String error = r.timedOut() ? "timed out after " + Durations.format(timeout)
                    : FailureClassifier.failure(r.stderrTail(), r.exitCode()).getMessage();
            return new Result(r.exitCode(), 0, 0, warning, error);
        }
        int count = 0;
        int max = 0;
        try {
            JsonNode formats = JSON.readTree(out.toString()).path("formats");
            List<JsonNode> all = new ArrayList<>();
            formats.forEach(all::add);
            count = all.size();
            for (JsonNode f : all) {
                max = Math.max(max, f.path("height").asInt(0));
            }
        } catch (IOException e) {
            return new Result(r.exitCode(), 0, 0, warning, "yt-dlp printed no readable JSON: " + e.getMessage());
        }
        return new Result(r.exitCode(), count, max, warning, "");
    }
}
