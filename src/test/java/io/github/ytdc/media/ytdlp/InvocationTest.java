package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yt-dlp is run as unattended peers run it: runtime named, cache folder, PO tokens, pacing on YouTube only. */
class InvocationTest {
    private static final Set<String> CURRENT = Set.of("--js-runtimes", "--no-js-runtimes", "--plugin-dirs",
            "--cache-dir", "--sleep-requests");

    @TempDir
    Path dir;

    private Toolchain tools(Invocation how) {
        return Toolchain.of(Path.of("/opt/yt-dlp"), null).with(how);
    }

    @Test
    void every_run_names_the_runtime_the_cache_the_plugins_and_the_po_token_provider() {
        Invocation how = new Invocation("deno:/t/deno/current/deno", Path.of("/t/cache/yt-dlp"),
                URI.create("http://127.0.0.1:4416"), Path.of("/t/plugins"), Pacing.none(), CURRENT);

        List<String> argv = tools(how).ytDlpCommand();

        assertEquals(List.of("/opt/yt-dlp", "--ignore-config", "--no-js-runtimes", "--js-runtimes",
                "deno:/t/deno/current/deno", "--cache-dir", "/t/cache/yt-dlp", "--plugin-dirs", "/t/plugins",
                "--extractor-args", "youtubepot-bgutilhttp:base_url=http://127.0.0.1:4416"), argv);
        assertFalse(argv.stream().anyMatch(a -> a.contains("player_client")), "player clients are yt-dlp's choice");
    }

    @Test
    void options_an_old_yt_dlp_lacks_are_left_out_rather_than_failing_every_run() {
        // Debian's 2023.03.04 has --cache-dir but neither --js-runtimes nor --plugin-dirs
        Invocation how = new Invocation("node:/usr/bin/node", Path.of("/c"), null, Path.of("/p"), Pacing.none(),
                Set.of("--cache-dir", "--sleep-requests"));

        assertEquals(List.of("/opt/yt-dlp", "--ignore-config", "--cache-dir", "/c"), tools(how).ytDlpCommand());
    }

    @Test
    void youtube_is_paced_by_default_and_other_hosts_are_not() {
        Toolchain t = tools(new Invocation(null, null, null, null, Pacing.defaults(), CURRENT));
        List<String> yt = List.of("yt-dlp", "-j", "--", "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        List<String> local = List.of("yt-dlp", "-j", "--", "http://127.0.0.1:18080/v/a.mp4");

        assertEquals(List.of("yt-dlp", "-j", "--sleep-requests", "0.75", "--sleep-interval", "5",
                "--max-sleep-interval", "10", "--", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"), t.paced(yt, true));
        assertEquals(List.of("yt-dlp", "-j", "--sleep-requests", "0.75", "--",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ"), t.paced(yt, false), "a listing has no download to wait for");
        assertEquals(local, t.paced(local, true));
        assertTrue(Pacing.defaults().appliesTo("https://youtu.be/dQw4w9WgXcQ"));
        assertTrue(Pacing.defaults().appliesTo("https://m.youtube.com/@SomeChannel"));
        assertFalse(Pacing.defaults().appliesTo("https://notyoutube.com/x"));
        assertTrue(Pacing.defaults().onHosts(List.of("*")).appliesTo("http://127.0.0.1/x"));
    }

    @Test
    void pacing_rejects_impossible_values() {
        assertThrows(IllegalArgumentException.class, () -> new Pacing(-1, 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Pacing(0, 10, 5, List.of()));
    }

    @Test
    void a_managed_link_is_resolved_at_each_run_so_new_runs_pick_up_a_new_version() throws Exception {
        Path v1 = Files.createDirectories(dir.resolve("versions/1")).resolve("yt-dlp");
        Path v2 = Files.createDirectories(dir.resolve("versions/2")).resolve("yt-dlp");
        Files.writeString(v1, "");
        Files.writeString(v2, "");
        Path current = dir.resolve("current");
        Files.createSymbolicLink(current, dir.resolve("versions/1"));
        Toolchain t = Toolchain.of(current.resolve("yt-dlp"), null);
        assertEquals(v1.toRealPath().toString(), t.ytDlpCommand().get(0));

        Files.delete(current);
        Files.createSymbolicLink(current, dir.resolve("versions/2"));
        assertEquals(v2.toRealPath().toString(), t.ytDlpCommand().get(0));
    }
}
