package io.github.ytdc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files shipped for operators stay true to the code. */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(YTDC_[A-Z0-9_]+)");

    @Test
    void every_ytdc_variable_the_cli_reads_is_documented_in_the_env_example() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ENV_DEFAULT.matcher(Files.readString(f));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        assertTrue(read.contains("YTDC_SPREADSHEET"), "the scan found the connection options: " + read);
        String example = Files.readString(ROOT.resolve("systemd/ytdc.env.example"));
        List<String> undocumented = read.stream()
                .filter(v -> !Pattern.compile("(?m)^#?" + v + "=").matcher(example).find())
                .toList();
        assertEquals(List.of(), undocumented, "add these to systemd/ytdc.env.example");
    }

    @Test
    void the_unit_outlasts_the_agents_grace_period_and_signals_only_the_jvm() throws IOException {
        String unit = Files.readString(ROOT.resolve("systemd/ytdc-agent@.service"));
        Matcher timeout = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)s$").matcher(unit);
        assertTrue(timeout.find(), "TimeoutStopSec in seconds");
        // The agent's default --grace is 2m; systemd must not SIGKILL downloads it is still allowed to finish.
        assertTrue(Integer.parseInt(timeout.group(1)) > 120, "TimeoutStopSec must exceed the 2m grace period");
        assertTrue(unit.contains("\nKillMode=mixed\n"), "SIGTERM to the JVM only, so it can let yt-dlp finish");
        assertTrue(unit.contains("--worker-name %H-%i"), "one claim identity per instance");
    }
}
