package io.github.ytdc.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading yt-dlp's verbose header, whose lines come from {@code YoutubeDL.print_debug_header} (YoutubeDL.py). */
class YtDlpProbeTest {
    @Test
    void debians_2023_release_has_no_runtimes_line_and_no_challenge_solver() {
        // verbatim from /usr/bin/yt-dlp --ignore-config -v on Debian 12
        String header = """
                [debug] Command-line config: ['--ignore-config', '-v']
                [debug] yt-dlp version stable@2023.03.04 [392389b7d] (debian*)
                [debug] Optional libraries: Cryptodome-3.11.0, brotli-1.0.9, certifi-2022.09.24, mutagen-1.46.0, \
                pyxattr-0.8.1, sqlite3-2.6.0, websockets-10.4
                [debug] Proxy map: {}
                """;

        YtDlpInfo info = YtDlpProbe.parse("2023.03.04", header, Set.of("--cache-dir"));

        assertEquals("stable", info.channel());
        assertEquals("debian*", info.variant());
        assertFalse(info.hasEjs());
        assertEquals(Optional.empty(), info.jsRuntimes());
        assertFalse(YtDlpRelease.solvesJsChallenges(info.version()));
    }

    @Test
    void a_nightly_release_binary_names_its_channel_its_bundled_scripts_and_the_runtime() {
        // _make_label(ORIGIN, tag, version) gives 'nightly@TAG from yt-dlp/yt-dlp-nightly-builds' (update.py);
        // get_package_info gives 'yt_dlp_ejs-0.8.0'; the runtime line joins name and version with '-'
        String header = """
                [debug] yt-dlp version nightly@2026.08.19.232739 from yt-dlp/yt-dlp-nightly-builds [594bd50c2] (linux_exe)
                [debug] Optional libraries: Cryptodome-3.23.0, certifi-2025.11.12, curl_cffi-0.13.0, yt_dlp_ejs-0.8.0
                [debug] JS runtimes: node-20.20.2 (unsupported)
                """;

        YtDlpInfo info = YtDlpProbe.parse("2026.08.19.232739", header, Set.of("--js-runtimes"));

        assertEquals("nightly", info.channel());
        assertEquals("linux_exe", info.variant());
        assertTrue(info.hasEjs());
        assertEquals(Optional.of("node-20.20.2 (unsupported)"), info.jsRuntimes());
        assertTrue(YtDlpRelease.solvesJsChallenges(info.version()));
        assertTrue(info.knows("--js-runtimes"));
    }

    @Test
    void the_real_debian_binary_is_probed_offline() {
        Optional<YtDlpInfo> info = YtDlpProbe.probe(Path.of("/usr/bin/yt-dlp"), null);

        assertTrue(info.isPresent());
        assertEquals("2023.03.04", info.get().version());
        assertTrue(info.get().knows("--cache-dir") && info.get().knows("--sleep-requests"));
        assertFalse(info.get().knows("--js-runtimes"));
    }

    @Test
    void versions_compare_like_yt_dlps_version_tuple() {
        assertTrue(JsRuntime.atLeast("2.3.0", DenoInstaller.MIN_VERSION));
        assertTrue(JsRuntime.atLeast("2.10.1", DenoInstaller.MIN_VERSION));
        assertFalse(JsRuntime.atLeast("2.2.12", DenoInstaller.MIN_VERSION));
        assertFalse(JsRuntime.atLeast("v20.20.2", new int[] {22, 0, 0}));
        assertTrue(JsRuntime.atLeast("22.0.0", new int[] {22, 0, 0}));
        assertTrue(YtDlpRelease.solvesJsChallenges("2025.11.12"));
        assertFalse(YtDlpRelease.solvesJsChallenges("2025.11.03"));
        assertFalse(YtDlpRelease.solvesJsChallenges("unknown"));
    }
}
