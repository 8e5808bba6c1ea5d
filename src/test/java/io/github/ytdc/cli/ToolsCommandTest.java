package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.toolchain.ReleaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ytdc tools install} against a yt-dlp release served from loopback. */
class ToolsCommandTest {
    @TempDir
    Path dir;
    private ReleaseServer release;

    @BeforeEach
    void start() throws Exception {
        release = new ReleaseServer();
    }

    @AfterEach
    void stop() {
        release.close();
    }

    private Cli tools(String action) {
        return Cli.run(cl -> ((ToolsCommand) Cli.command(cl, "tools")).env = Map.of("PATH", "", "HOME",
                dir.toString()), "tools", action, "--tools-dir", dir.resolve("tools").toString(), "--yt-dlp-release-url",
                release.latest().toString(), "--yt-dlp-asset", "yt-dlp_linux", "--deno-source=none");
    }

    @Test
    void install_puts_a_verified_release_in_place_and_status_shows_it() {
        byte[] binary = ReleaseServer.script("2026.08.19");
        release.publish("2026.08.19", Map.of("yt-dlp_linux", binary, "SHA2-256SUMS",
                ReleaseServer.sums(Map.of("yt-dlp_linux", binary))));

        Cli install = tools("install");

        assertEquals(0, install.exitCode, install.toString());
        assertTrue(install.out.contains("updated yt-dlp 2026.08.19 installed from " + release.latest().resolve("/download/2026.08.19/yt-dlp_linux")), install.out);
        assertTrue(Files.isSymbolicLink(dir.resolve("tools/yt-dlp/current")));
        Cli status = tools("status");
        assertTrue(status.out.contains("yt-dlp:     2026.08.19 at " + dir.resolve("tools/yt-dlp/current/yt-dlp_linux")
                + " (via ytdc tools (nightly))"), status.out);
    }

    @Test
    void an_empty_tools_dir_as_an_env_file_leaves_it_means_the_default_folder() {
        byte[] binary = ReleaseServer.script("2026.08.19");
        release.publish("2026.08.19", Map.of("yt-dlp_linux", binary, "SHA2-256SUMS",
                ReleaseServer.sums(Map.of("yt-dlp_linux", binary))));

        Cli install = Cli.run(cl -> ((ToolsCommand) Cli.command(cl, "tools")).env = Map.of("PATH", "", "HOME",
                dir.toString()), "tools", "install", "--tools-dir", "", "--yt-dlp-release-url",
                release.latest().toString(), "--yt-dlp-asset", "yt-dlp_linux", "--deno-source=none");

        assertEquals(0, install.exitCode, install.toString());
        assertTrue(install.out.startsWith("Installing into " + dir.resolve(".local/share/ytdc/tools") + " "),
                install.toString());
        assertTrue(Files.isSymbolicLink(dir.resolve(".local/share/ytdc/tools/yt-dlp/current")));
    }

    @Test
    void a_release_whose_checksum_does_not_match_is_refused_with_exit_1() {
        release.publish("v1", Map.of("yt-dlp_linux", ReleaseServer.script("2026.08.19"), "SHA2-256SUMS",
                ReleaseServer.sums(Map.of("yt-dlp_linux", new byte[] {0}))));

        Cli install = tools("install");

        assertEquals(1, install.exitCode, install.toString());
        assertTrue(install.out.contains("FAILED  yt-dlp: refused"), install.out);
        assertTrue(!Files.exists(dir.resolve("tools/yt-dlp/current")));
    }
}
