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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    static final String YT_DLP = "/usr/bin/yt-dlp";

    @TempDir
    Path dir;

    private Cli doctor(String... args) {
        return doctor(Clock.systemUTC(), args);
    }

    private Cli doctor(Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("doctor", "--output", dir.toString()));
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
        assertTrue(line(r, "tabs").startsWith("PASS  tabs         all 5 tabs have their columns"), r.out);
        assertTrue(line(r, "clock").contains("no agent timestamps"), r.out);
        // The lab's yt-dlp is the 2023.03.04 release: found and run, but flagged as old.
        assertTrue(line(r, "yt-dlp").startsWith("WARN  yt-dlp       yt-dlp 2023.03.04 at /usr/bin/yt-dlp (via --yt-dlp)"), r.out);
        assertTrue(line(r, "disk").startsWith("PASS  disk"), r.out);
        assertEquals(7, r.out.lines().filter(l -> l.matches("^(PASS|WARN|FAIL|SKIP) .*")).count(), r.out);
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
        assertTrue(line(r, "yt-dlp").contains("pip install -U yt-dlp"), r.out);
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
}
