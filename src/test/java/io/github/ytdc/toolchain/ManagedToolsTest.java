package io.github.ytdc.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer against a release served from loopback, laid out like GitHub's, with good and bad checksums. */
class ManagedToolsTest {
    private static final String ASSET = "yt-dlp_linux";
    private static final String DENO_ZIP = "deno-x86_64-unknown-linux-gnu.zip";

    @TempDir
    Path dir;
    private ReleaseServer ytDlpRelease;
    private ReleaseServer denoRelease;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws IOException {
        ytDlpRelease = new ReleaseServer();
        denoRelease = new ReleaseServer();
    }

    @AfterEach
    void stop() {
        ytDlpRelease.close();
        denoRelease.close();
    }

    private ManagedTools tools(ToolsConfig.DenoSource deno, Map<String, String> env) {
        ToolsConfig c = ToolsConfig.defaults(dir.resolve("tools"))
                .withYtDlpRelease(ytDlpRelease.latest(), ASSET)
                .withDeno(deno, denoRelease.latest(), DENO_ZIP, null);
        return new ManagedTools(c, env, clock);
    }

    private ManagedTools tools() {
        return tools(ToolsConfig.DenoSource.NONE, Map.of("PATH", ""));
    }

    private void publishYtDlp(String tag, String version) {
        byte[] binary = ReleaseServer.script(version);
        ytDlpRelease.publish(tag, Map.of(ASSET, binary, "yt-dlp", ReleaseServer.script(version),
                YtDlpInstaller.SUMS, ReleaseServer.sums(Map.of(ASSET, binary))));
    }

    private static String run(Path exe) throws Exception {
        Process p = new ProcessBuilder(exe.toString(), "--version").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    @Test
    void a_release_with_a_matching_checksum_is_installed_and_made_current() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        ManagedTools tools = tools();

        List<InstallResult> results = tools.install(false);

        InstallResult r = results.get(0);
        assertFalse(r.failed(), r.note());
        assertTrue(r.changed());
        Installed installed = tools.ytDlp().orElseThrow();
        assertEquals("2026.08.19", installed.version());
        assertEquals(ReleaseServer.sha256(ReleaseServer.script("2026.08.19")), installed.sha256());
        assertEquals("2026.08.19", run(installed.executable()));
        Path stable = tools.stablePath(installed);
        assertEquals(dir.resolve("tools/yt-dlp/current/yt-dlp_linux"), stable);
        assertEquals("2026.08.19", run(stable));
        assertTrue(installed.source().endsWith("/download/2026.08.19/yt-dlp_linux"), installed.source());
    }

    @Test
    void the_same_release_again_is_not_downloaded_again() {
        publishYtDlp("2026.08.19", "2026.08.19");
        ManagedTools tools = tools();
        tools.install(false);

        InstallResult again = tools.install(false).get(0);

        assertFalse(again.changed());
        assertFalse(again.failed());
        assertEquals(1, ytDlpRelease.downloads(ASSET));
        assertTrue(again.note().contains("up to date"), again.note());
    }

    @Test
    void a_new_release_replaces_the_current_one_and_the_old_binary_stays_runnable() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        ManagedTools tools = tools();
        tools.install(false);
        Path old = tools.ytDlp().orElseThrow().executable();

        publishYtDlp("2026.09.02", "2026.09.02");
        InstallResult r = tools.install(false).get(0);

        assertTrue(r.changed(), r.note());
        assertEquals("2026.08.19", r.previous().orElseThrow().version());
        assertEquals("2026.09.02", tools.ytDlp().orElseThrow().version());
        // a download started before the update still has its binary
        assertEquals("2026.08.19", run(old));
        assertEquals("2026.09.02", run(tools.stablePath(tools.ytDlp().orElseThrow())));
    }

    @Test
    void a_wrong_checksum_is_refused_and_the_old_binary_stays() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        ManagedTools tools = tools();
        tools.install(false);

        byte[] tampered = ReleaseServer.script("2026.09.02");
        ytDlpRelease.publish("2026.09.02", Map.of(ASSET, tampered,
                YtDlpInstaller.SUMS, ReleaseServer.sums(Map.of(ASSET, ReleaseServer.script("something else")))));
        InstallResult r = tools.install(false).get(0);

        assertTrue(r.failed());
        assertFalse(r.changed());
        assertTrue(r.note().contains("refused") && r.note().contains("kept yt-dlp 2026.08.19"), r.note());
        assertEquals("2026.08.19", tools.ytDlp().orElseThrow().version());
        assertEquals("2026.08.19", run(tools.stablePath(tools.ytDlp().orElseThrow())));
        assertEquals(List.of("2026.08.19"), listNames(dir.resolve("tools/yt-dlp/versions")));
        assertTrue(listNames(dir.resolve("tools/yt-dlp")).stream().noneMatch(n -> n.startsWith(".staging")),
                "no staging folder left behind");
    }

    @Test
    void with_nothing_installed_a_wrong_checksum_installs_nothing() {
        byte[] binary = ReleaseServer.script("2026.08.19");
        ytDlpRelease.publish("v1", Map.of(ASSET, binary, YtDlpInstaller.SUMS,
                ("0".repeat(64) + "  " + ASSET + "\n").getBytes(StandardCharsets.UTF_8)));
        ManagedTools tools = tools();

        InstallResult r = tools.install(false).get(0);

        assertTrue(r.failed());
        assertTrue(tools.ytDlp().isEmpty());
        assertFalse(Files.exists(dir.resolve("tools/yt-dlp/current")));
    }

    @Test
    void a_release_that_does_not_list_the_asset_or_does_not_run_is_refused() {
        ytDlpRelease.publish("v1", Map.of(ASSET, new byte[] {1, 2, 3},
                YtDlpInstaller.SUMS, ReleaseServer.sums(Map.of("yt-dlp.exe", new byte[] {1}))));
        InstallResult unlisted = tools().install(false).get(0);
        assertTrue(unlisted.failed());
        assertTrue(unlisted.note().contains("does not list yt-dlp_linux"), unlisted.note());

        byte[] notAProgram = "#!/bin/sh\necho 'Traceback: boom'\nexit 1\n".getBytes(StandardCharsets.UTF_8);
        ytDlpRelease.publish("v2", Map.of(ASSET, notAProgram, YtDlpInstaller.SUMS,
                ReleaseServer.sums(Map.of(ASSET, notAProgram))));
        InstallResult broken = tools().install(false).get(0);
        assertTrue(broken.failed());
        assertTrue(broken.note().contains("does not run"), broken.note());
        assertTrue(tools().ytDlp().isEmpty());
    }

    @Test
    void an_unreachable_release_folder_fails_with_its_url() {
        ytDlpRelease.close();
        InstallResult r = tools().install(false).get(0);
        assertTrue(r.failed());
        assertTrue(r.note().contains("SHA2-256SUMS"), r.note());
    }

    @Test
    void the_periodic_update_runs_once_per_interval_and_skips_while_another_process_installs() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        ManagedTools tools = tools();

        assertTrue(tools.updateIfDue().isPresent(), "never checked: due");
        assertTrue(tools.updateIfDue().isEmpty(), "just checked");
        clock.advance(Duration.ofHours(23));
        assertTrue(tools.updateIfDue().isEmpty());
        clock.advance(Duration.ofHours(1));
        try (HostLock.Held other = HostLock.tryAcquire(dir.resolve("tools/.install.lock")).orElseThrow()) {
            assertTrue(tools.updateIfDue().isEmpty(), "someone else holds the lock");
        }
        publishYtDlp("2026.09.02", "2026.09.02");
        Optional<List<InstallResult>> r = tools.updateIfDue();
        assertTrue(r.isPresent());
        assertEquals("2026.09.02", tools.ytDlp().orElseThrow().version());
    }

    @Test
    void replaced_versions_are_removed_once_no_download_can_still_run_them() throws Exception {
        ManagedTools tools = tools();
        for (String v : List.of("2026.08.01", "2026.08.02", "2026.08.03")) {
            publishYtDlp(v, v);
            tools.install(false);
            clock.advance(Duration.ofHours(1));
        }
        assertEquals(List.of("2026.08.01", "2026.08.02", "2026.08.03"), listNames(dir.resolve("tools/yt-dlp/versions")));

        clock.advance(Duration.ofDays(2));
        publishYtDlp("2026.08.04", "2026.08.04");
        tools.install(false);

        // the current one and the one it replaced stay; older ones, replaced more than a day ago, go
        assertEquals(List.of("2026.08.03", "2026.08.04"), listNames(dir.resolve("tools/yt-dlp/versions")));
    }

    @Test
    void deno_comes_from_its_release_zip_verified_against_its_sha256sum_file() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        byte[] zip = zipWithDeno("deno 2.9.6 (stable, release, x86_64-unknown-linux-gnu)");
        denoRelease.publish("v2.9.6", Map.of(DENO_ZIP, zip, DENO_ZIP + ".sha256sum",
                ReleaseServer.sums(Map.of(DENO_ZIP, zip))));
        ManagedTools tools = tools(ToolsConfig.DenoSource.RELEASE, Map.of("PATH", ""));

        List<InstallResult> results = tools.install(false);

        assertEquals(2, results.size(), results.toString());
        assertFalse(results.get(1).failed(), results.get(1).note());
        assertEquals("2.9.6", tools.deno().orElseThrow().version());
        RuntimeSearch runtime = tools.findRuntime(null);
        assertEquals(dir.resolve("tools/deno/current/deno"), runtime.chosen().orElseThrow().path());
        assertEquals("deno:" + dir.resolve("tools/deno/current/deno"), runtime.chosen().orElseThrow().ytDlpOption());
    }

    @Test
    void a_deno_zip_with_a_wrong_checksum_is_refused() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        byte[] zip = zipWithDeno("deno 2.9.6 (stable)");
        denoRelease.publish("v2.9.6", Map.of(DENO_ZIP, zip, DENO_ZIP + ".sha256sum",
                (ReleaseServer.sha256(new byte[] {9}) + "\n").getBytes(StandardCharsets.UTF_8)));
        ManagedTools tools = tools(ToolsConfig.DenoSource.RELEASE, Map.of("PATH", ""));

        InstallResult deno = tools.install(false).get(1);

        assertTrue(deno.failed());
        assertTrue(deno.note().contains("refused"), deno.note());
        assertTrue(tools.deno().isEmpty());
    }

    @Test
    void deno_falls_back_to_npm_when_its_release_cannot_be_reached() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        denoRelease.close();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // a stand-in npm: 'npm install --prefix DIR ... deno@^2' lays out what the real deno package leaves behind
        writeScript(bin.resolve("npm"), "#!/bin/sh\nprefix=\"$3\"\nmkdir -p \"$prefix/node_modules/deno\"\n"
                + "printf '#!/bin/sh\\necho \"deno 2.9.6 (stable, release, x86_64-unknown-linux-gnu)\"\\n' "
                + "> \"$prefix/node_modules/deno/deno\"\nchmod +x \"$prefix/node_modules/deno/deno\"\n");
        ManagedTools tools = tools(ToolsConfig.DenoSource.AUTO, Map.of("PATH", bin + ":/usr/bin:/bin"));

        InstallResult deno = tools.install(true).get(1);

        assertFalse(deno.failed(), deno.note());
        assertEquals("2.9.6", tools.deno().orElseThrow().version());
        assertTrue(tools.deno().orElseThrow().source().startsWith("npm deno@"), tools.deno().orElseThrow().source());
        assertEquals(dir.resolve("tools/deno/current/node_modules/deno/deno"),
                tools.findRuntime(null).chosen().orElseThrow().path());
    }

    @Test
    void deno_is_not_installed_when_a_supported_runtime_is_already_on_path() throws Exception {
        publishYtDlp("2026.08.19", "2026.08.19");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        writeScript(bin.resolve("node"), "#!/bin/sh\necho v22.11.0\n");
        ManagedTools tools = tools(ToolsConfig.DenoSource.AUTO, Map.of("PATH", bin.toString()));

        InstallResult deno = tools.install(false).get(1);

        assertFalse(deno.failed());
        assertFalse(deno.changed());
        assertTrue(deno.note().contains("node 22.11.0"), deno.note());
        assertEquals(0, denoRelease.downloads(DENO_ZIP));
    }

    static void writeScript(Path file, String text) throws IOException {
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
    }

    private static byte[] zipWithDeno(String versionLine) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("deno"));
            z.write(ReleaseServer.script(versionLine));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_mirror_folder_on_this_host_works_as_a_release_url() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        byte[] binary = ReleaseServer.script("2026.08.19");
        Files.write(mirror.resolve(ASSET), binary);
        Files.write(mirror.resolve(YtDlpInstaller.SUMS), ReleaseServer.sums(Map.of(ASSET, binary)));
        ManagedTools tools = new ManagedTools(ToolsConfig.defaults(dir.resolve("tools"))
                .withYtDlpRelease(mirror.toUri(), ASSET).withDeno(ToolsConfig.DenoSource.NONE, null, null, null),
                Map.of("PATH", ""), clock);

        InstallResult r = tools.install(false).get(0);

        assertFalse(r.failed(), r.note());
        assertEquals("2026.08.19", tools.ytDlp().orElseThrow().version());
    }

    @Test
    void with_no_asset_named_a_release_with_only_the_zipapp_installs_the_zipapp() throws Exception {
        byte[] zipapp = ReleaseServer.script("2026.08.19");
        ytDlpRelease.publish("2026.08.19", Map.of("yt-dlp", zipapp, YtDlpInstaller.SUMS,
                ReleaseServer.sums(Map.of("yt-dlp", zipapp, "yt-dlp.exe", new byte[] {1}))));
        ManagedTools tools = new ManagedTools(ToolsConfig.defaults(dir.resolve("tools"))
                .withYtDlpRelease(ytDlpRelease.latest(), null).withDeno(ToolsConfig.DenoSource.NONE, null, null, null),
                Map.of("PATH", ""), clock);

        InstallResult r = tools.install(false).get(0);

        assertFalse(r.failed(), r.note());
        assertEquals(dir.resolve("tools/yt-dlp/current/yt-dlp"), tools.stablePath(tools.ytDlp().orElseThrow()));
    }
}
