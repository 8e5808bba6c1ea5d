package io.github.ytdc.arch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.agent.Agent;
import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.media.ytdlp.DownloadOptions;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.util.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A sample of the messages people read about durations: each writes them the way the options take them
 * ({@code 2m}, {@code 1m30s}, {@code 500ms}), never as {@link Duration#toString()} ({@code PT2M}).
 */
class DurationTextTest {
    private static final Pattern ISO = Pattern.compile("\\bP(T|\\d)[\\dHMS.]*");

    @Test
    void messages_about_durations_write_them_as_the_options_do() {
        var port = InMemorySpreadsheetPort.create("durations");
        Map<String, Executable> sample = new LinkedHashMap<>();
        sample.put("heartbeat must be > 0, was -1m30s", () -> CoordinatorConfig.builder(port).heartbeat(Duration.ofSeconds(-90)).build());
        sample.put("claimJitter must be >= 0, was -500ms", () -> CoordinatorConfig.builder(port).claimJitter(Duration.ofMillis(-500)).build());
        sample.put("stallTimeout (3m) must be at least 4 x heartbeat (1m)", () -> CoordinatorConfig.builder(port)
                .heartbeat(Duration.ofMinutes(1)).stallTimeout(Duration.ofMinutes(3)).build());
        sample.put("settleDelay (1m30s) must be shorter than heartbeat (1m)", () -> CoordinatorConfig.builder(port)
                .heartbeat(Duration.ofMinutes(1)).settleDelay(Duration.ofSeconds(90)).build());
        sample.put("grace must not be negative, was -2m", () -> Agent.builder(port, (task, context) -> "")
                .grace(Duration.ofMinutes(-2)));
        sample.put("release timeout must be positive, was 0s", () -> Agent.builder(port, (task, context) -> "")
                .releaseTimeout(Duration.ZERO));
        sample.put("need 0 <= first <= max, got 2m and 1m",
                () -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)));
        sample.put("download timeout must be positive, was -10s", () -> DownloadOptions.builder(Path.of("out"))
                .timeout(Duration.ofSeconds(-10)).build());
        sample.put("stall timeout must be > 0, was -1h", () -> new Operations.RequeueRequest(
                Operations.RequeueRequest.Mode.STALLED, Set.of(TaskKind.VIDEO), null, Set.of(),
                Duration.ofHours(-1), true));
        sample.put("latency spike must be a non-negative duration, was -1s",
                () -> SheetsEmulator.builder().latencySpikes(0.5, Duration.ofSeconds(-1)));
        sample.forEach((expected, call) -> {
            String message = assertThrows(IllegalArgumentException.class, call, expected).getMessage();
            assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
            assertTrue(!ISO.matcher(message).find(), "an ISO-8601 duration in: " + message);
        });
    }
}
