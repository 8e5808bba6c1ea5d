package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.github.ytdc.testing.StandInTools;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    /** Debian's package (bookworm: 2023.03.04), as on the lab machine. */
    static final String DEBIAN_YT_DLP = "/usr/bin/yt-dlp";
    /** A current yt-dlp released 40 days ago: usable, but past the 30 days doctor warns about. */
    static final String CURRENT = LocalDate.now(ZoneOffset.UTC).minusDays(40)
            .format(DateTimeFormatter.ofPattern("yyyy.MM.dd"));

    @TempDir
    Path dir;
    String YT_DLP;
    String DENO;

    @BeforeEach
    void standIns() {
        YT_DLP = StandInTools.currentYtDlp(dir.resolve("bin"), CURRENT, true).toString();
        DENO = StandInTools.deno(dir.resolve("bin"), "2.9.6").toString();
    }

    private Cli doctor(String... args) {
        return doctor(Clock.systemUTC(), args);
    }

    private Cli doctor(Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("doctor", "--output", dir.toString(), "--tools-dir",
                dir.resolve("tools").toString()));
        if (!Arrays.asList(args).contains("--js-runtime")) {
            all.addAll(List.of("--js-runtime", DENO));
        }
        if (!Arrays.asList(args).contains("--min-free-disk")) {
            all.addAll(List.of("--min-free-disk", "1K"));
        }
        all.addAll(Arrays.asList(args));
        return Cli.run(cl -> ((DoctorCommand) Cli.command(cl, "doctor")).clock = clock, all.toArray(String[]::new));
    }

    /** The line of one check, e.g. {@code FAIL  credentials  ...}. */
    private static String line(Cli r, String check) {
        List<String> lines = Arrays.asList(r.out.split("\n"));
        return lines.stream().filter(l -> l.matches("^(PASS|WARN|FAIL|SKIP)\\s+" + check + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + check + "' line in\n" + r));
    }

    @Test
    void a_prepared_local_sheet_with_tools_and_disk_passes() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));

        Cli r = doctor("--local", s.local(), "--yt-dlp", YT_DLP);

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(line(r, "credentials").startsWith("PASS  credentials  local mode"), r.out);
        assertTrue(line(r, "spreadsheet").startsWith("PASS"), r.out);
        assertTrue(line(r, "tabs").startsWith("PASS  tabs         all 6 tabs have their columns"), r.out);
        assertTrue(line(r, "clock").contains("no agent timestamps"), r.out);
        // A current release, with the challenge-solver scripts, 40 days old: usable, flagged as getting old.
        assertTrue(line(r, "yt-dlp").startsWith("WARN  yt-dlp       yt-dlp " + CURRENT + " (linux_exe) at " + YT_DLP
                + " (via --yt-dlp), released 40 days ago: YouTube breaks releases within weeks. Fix: run 'ytdc tools "
                + "install'"), r.out);
        assertTrue(line(r, "channel").startsWith("PASS  channel      nightly, not managed by ytdc"), r.out);
        assertTrue(line(r, "js-runtime").startsWith("PASS  js-runtime   deno 2.9.6 at " + DENO + " (--js-runtime), "
                + "passed to yt-dlp as --js-runtimes deno; yt-dlp sees: deno-2.9.6"), r.out);
        assertTrue(line(r, "disk").startsWith("PASS  disk"), r.out);
        assertEquals(9, r.out.lines().filter(l -> l.matches("^(PASS|WARN|FAIL|SKIP) .*")).count(), r.out);
    }

    @Test
    void a_missing_credentials_file_fails_and_skips_the_sheet_checks() {
        Path missing = dir.resolve("nope.json");

        Cli r = doctor("--credentials", missing.toString(), "--spreadsheet", "abc", "--yt-dlp", YT_DLP);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "credentials").startsWith("FAIL"), r.out);
        assertTrue(line(r, "credentials").contains(missing + " does not exist. Download a service-account JSON key"), r.out);
        assertTrue(line(r, "spreadsheet").startsWith("SKIP  spreadsheet  needs working credentials"), r.out);
        assertTrue(r.out.endsWith("1 failed, 1 warning.\n"), r.out);
    }

    @Test
    void a_malformed_credentials_file_fails_without_echoing_its_content() throws Exception {
        Path bad = dir.resolve("key.json");
        Files.writeString(bad, "{\"type\": \"service_account\", \"private_key\": \"SECRET-KEY-MATERIAL\"");

        Cli r = doctor("--credentials", bad.toString(), "--spreadsheet", "abc", "--yt-dlp", YT_DLP);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "credentials").contains("is not valid JSON"), r.out);
        assertTrue(!r.out.contains("SECRET") && !r.err.contains("SECRET"), r.toString());
    }

    @Test
    void a_local_sheet_without_tabs_fails_with_run_init() {
        LocalSheet s = LocalSheet.withoutTabs(dir.resolve("sheet"));

        Cli r = doctor("--local", s.local(), "--yt-dlp", YT_DLP);

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("FAIL  tabs         missing tabs 'Sources', 'Video Tasks', 'Dead-Letter Sources', "
                + "'Dead-Letter Tasks', 'Workers'. Run 'ytdc init' (with the same connection options) to add them; "
                + "it keeps existing data", line(r, "tabs"));
    }

    @Test
    void a_folder_without_a_local_sheet_fails_the_spreadsheet_check() {
        Cli r = doctor("--local", dir.resolve("empty").toString(), "--yt-dlp", YT_DLP);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "spreadsheet").startsWith("FAIL  spreadsheet  No local spreadsheet in"), r.out);
        assertTrue(line(r, "spreadsheet").contains("run 'ytdc init'"), r.out);
        assertTrue(line(r, "tabs").startsWith("SKIP"), r.out);
    }

    @Test
    void a_missing_yt_dlp_fails_with_how_to_install_it() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));

        Cli r = doctor("--local", s.local(), "--yt-dlp", dir.resolve("no-such-yt-dlp").toString());

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "yt-dlp").startsWith("FAIL  yt-dlp       yt-dlp given by --yt-dlp is not an executable file"), r.out);
        assertTrue(line(r, "yt-dlp").contains("ytdc tools install"), r.out);
    }

    @Test
    void too_little_free_disk_fails() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));

        Cli r = doctor("--local", s.local(), "--yt-dlp", YT_DLP, "--min-free-disk", "1000000T");

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "disk").startsWith("FAIL  disk         only "), r.out);
        assertTrue(line(r, "disk").contains("below the minimum of 1000000.0 TiB; free some space"), r.out);
    }

    @Test
    void agent_timestamps_ahead_of_this_clock_warn_about_skew() {
        Instant now = Instant.parse("2026-11-21T08:00:00Z");
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"))
                .add(LocalSheet.T.workers(), "Worker", "w1", "LastSeen", Timestamps.format(now.plusSeconds(300)));

        Cli skewed = doctor(Clock.fixed(now, ZoneOffset.UTC), "--local", s.local(), "--yt-dlp", YT_DLP);
        Cli fine = doctor(Clock.fixed(now.plusSeconds(330), ZoneOffset.UTC), "--local", s.local(), "--yt-dlp", YT_DLP);

        assertTrue(line(skewed, "clock").startsWith("WARN  clock        the newest agent timestamp (LastSeen in "
                + "'Workers' row 2, 2026-11-21T08:05:00Z) is 5m ahead of this host's clock"), skewed.out);
        assertTrue(line(skewed, "clock").contains("timedatectl set-ntp true"), skewed.out);
        assertTrue(line(fine, "clock").startsWith("PASS  clock        newest agent timestamp (LastSeen in 'Workers' "
                + "row 2) is 30s ago"), fine.out);
    }

    @Test
    void debians_yt_dlp_on_a_host_with_only_node_20_fails_and_names_the_fixes() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));
        Path bin = dir.resolve("host-bin");
        StandInTools.node(bin, "20.20.2");
        Map<String, String> host = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.toString());

        Cli r = Cli.run(cl -> ((DoctorCommand) Cli.command(cl, "doctor")).env = host, "doctor", "--output",
                dir.toString(), "--min-free-disk", "1K", "--tools-dir", dir.resolve("tools").toString(), "--local",
                s.local());

        assertEquals(1, r.exitCode, r.toString());
        String yt = line(r, "yt-dlp");
        assertTrue(yt.startsWith("FAIL  yt-dlp       yt-dlp 2023.03.04 (debian*) at /usr/bin/yt-dlp (via PATH) predates "
                + "2025-11-12 and cannot solve YouTube's JavaScript challenge"), r.out);
        assertTrue(yt.contains("Debian's package cannot be updated with 'yt-dlp -U'") && yt.contains("Fix: run 'ytdc tools "
                + "install'"), yt);
        String js = line(r, "js-runtime");
        assertTrue(js.startsWith("FAIL  js-runtime   no supported JavaScript runtime: found node 20.20.2 at " + bin
                + "/node (PATH): unsupported, yt-dlp needs node >= 22"), js);
        assertTrue(js.contains("Fix: run 'ytdc tools install' (deno from its release, or from the npm registry with "
                + "'npm install deno')"), js);
        assertTrue(line(r, "channel").contains("stable, not managed by ytdc"), r.out);
    }

    @Test
    void a_current_yt_dlp_without_the_challenge_solver_scripts_fails() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));
        Path bare = StandInTools.currentYtDlp(dir.resolve("pip"), CURRENT, false);

        Cli r = doctor("--local", s.local(), "--yt-dlp", bare.toString());

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "yt-dlp").contains("lacks the challenge-solver scripts (the yt-dlp-ejs package)"), r.out);
        assertTrue(line(r, "yt-dlp").contains("pip install -U \"yt-dlp[default]\""), r.out);
    }

    @Test
    void no_runtime_at_all_fails_and_says_how_to_get_deno() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));
        Map<String, String> host = Map.of("PATH", dir.resolve("empty-bin").toString(), "HOME", dir.toString());

        Cli r = Cli.run(cl -> ((DoctorCommand) Cli.command(cl, "doctor")).env = host, "doctor", "--output",
                dir.toString(), "--min-free-disk", "1K", "--tools-dir", dir.resolve("tools").toString(), "--local",
                s.local(), "--yt-dlp", YT_DLP);

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(line(r, "js-runtime").startsWith("FAIL  js-runtime   no JavaScript runtime found (looked for deno "
                + "and node)"), r.out);
        assertTrue(line(r, "js-runtime").contains("npm install deno"), r.out);
    }

    @Test
    void the_canary_passes_full_formats_and_fails_a_degraded_extraction_naming_the_warning() {
        LocalSheet s = LocalSheet.prepared(dir.resolve("sheet"));
        Path good = StandInTools.currentYtDlp(dir.resolve("good"), CURRENT, true,
                "echo '{\"id\": \"x\", \"formats\": [{\"height\": 360}, {\"height\": 1080}, {}]}'");
        // 2026's chain when the challenge goes unsolved: yt-dlp still succeeds, with images and a 360p format only
        Path degraded = StandInTools.currentYtDlp(dir.resolve("degraded"), CURRENT, true,
                "echo 'WARNING: [youtube] x: n challenge solving failed: Some formats may be missing. Ensure you have a "
                        + "supported JavaScript runtime and challenge solver script distribution installed.' >&2; "
                        + "echo '{\"id\": \"x\", \"formats\": [{\"height\": 90}, {\"height\": 360}]}'");
        String url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

        Cli ok = doctor("--local", s.local(), "--yt-dlp", good.toString(), "--canary", url);
        Cli bad = doctor("--local", s.local(), "--yt-dlp", degraded.toString(), "--canary", url);

        assertTrue(line(ok, "canary").startsWith("PASS  canary       " + url + ": 3 formats up to 1080p, no challenge "
                + "warnings"), ok.out);
        assertTrue(line(bad, "canary").startsWith("FAIL  canary       " + url + ": 2 formats, but yt-dlp warned: "
                + "[youtube] x: n challenge solving failed"), bad.out);
        assertEquals(1, bad.exitCode, bad.toString());
    }
}
