package io.github.ytdc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real scripts/install.sh with --prefix, so nothing outside a temporary folder is touched. */
class InstallScriptTest {
    private static final Path SCRIPT = Path.of("scripts/install.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path root;
    private Path jar;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("root");
        jar = tmp.resolve("ytdc.jar");
        Files.writeString(jar, "jar v1");
    }

    private record Run(int exitCode, String output) {}

    private Run install(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "install.sh finished");
        return new Run(p.exitValue(), out);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void installs_jar_unit_and_settings_and_a_second_run_keeps_the_operators_edits() throws Exception {
        Run first = install("--prefix", root.toString(), "--jar", jar.toString());
        assertEquals(0, first.exitCode(), first.output());
        assertEquals("jar v1", Files.readString(root.resolve("opt/ytdc/ytdc.jar")));
        assertEquals(Files.readString(Path.of("systemd/ytdc-agent@.service")),
                Files.readString(root.resolve("etc/systemd/system/ytdc-agent@.service")));
        Path env = root.resolve("etc/ytdc/ytdc.env");
        assertTrue(Files.readString(env).contains("\nYTDC_OUTPUT=/srv/ytdc/downloads\n"));
        assertEquals("rw-r-----", mode(env), "settings are not world-readable");
        assertEquals("rwxr-x---", mode(root.resolve("var/lib/ytdc")));
        assertTrue(Files.isDirectory(root.resolve("srv/ytdc/downloads")));
        assertTrue(first.output().contains("Next steps:"));
        assertTrue(first.output().contains("ytdc.jar tools install"), "says how to get a current yt-dlp");

        Files.writeString(env, "YTDC_SPREADSHEET=my-sheet\n");
        Files.writeString(jar, "jar v2");
        Run second = install("--prefix", root.toString(), "--jar", jar.toString());
        assertEquals(0, second.exitCode(), second.output());
        assertEquals("YTDC_SPREADSHEET=my-sheet\n", Files.readString(env), "edited settings survive a re-install");
        assertEquals("jar v2", Files.readString(root.resolve("opt/ytdc/ytdc.jar")), "the jar is upgraded");
        assertFalse(Files.exists(root.resolve("opt/ytdc/ytdc.jar.new")));

        Run third = install("--prefix", root.toString(), "--jar", jar.toString());
        assertTrue(third.output().contains("ytdc.jar is up to date"), third.output());
    }

    @Test
    void an_output_folder_outside_srv_gets_a_drop_in_that_lets_the_sandboxed_agent_write_it() throws Exception {
        assertEquals(0, install("--prefix", root.toString(), "--jar", jar.toString(), "--output", "/mnt/media/").exitCode());
        Path dropIn = root.resolve("etc/systemd/system/ytdc-agent@.service.d/output.conf");
        assertTrue(Files.readString(dropIn).contains("\nReadWritePaths=/mnt/media\n"));
        assertTrue(Files.readString(root.resolve("etc/ytdc/ytdc.env")).contains("\nYTDC_OUTPUT=/mnt/media\n"));
        assertTrue(Files.isDirectory(root.resolve("mnt/media")));

        assertEquals(0, install("--prefix", root.toString(), "--jar", jar.toString()).exitCode());
        assertFalse(Files.exists(dropIn), "back on the default folder, the drop-in goes");
    }

    @Test
    void a_dry_run_prints_the_steps_and_changes_nothing() throws Exception {
        Run run = install("--dry-run", "--prefix", root.toString(), "--jar", jar.toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("+ install -m 0644 " + jar + " " + root + "/opt/ytdc/ytdc.jar.new"), run.output());
        assertTrue(run.output().contains("dry run: nothing was changed"));
        assertFalse(Files.exists(root));
    }

    @Test
    void a_missing_jar_or_a_bad_option_stops_with_a_clear_message() throws Exception {
        Run noJar = install("--prefix", root.toString(), "--jar", tmp.resolve("nope.jar").toString());
        assertEquals(1, noJar.exitCode());
        assertTrue(noJar.output().contains("not found; build it first with: mvn -B package -DskipTests"), noJar.output());
        assertFalse(Files.exists(root));

        Run bad = install("--frobnicate");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.output().contains("unknown option '--frobnicate'"), bad.output());
        assertEquals(2, install("--output", "relative/dir", "--prefix", root.toString(), "--jar", jar.toString()).exitCode());
    }
}
