package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.testing.Sheet;
import io.github.ytdc.testing.StandInTools;
import io.github.ytdc.toolchain.ReleaseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent on a host without yt-dlp of its own: it installs the release served from loopback (checksum verified),
 * runs it the way unattended peers run yt-dlp, and shows the toolchain in its Workers row. The "release" is a
 * stand-in that records its arguments and writes a small file where yt-dlp would.
 */
class ManagedToolchainAgentTest {
    private static final String VERSION = LocalDate.now(ZoneOffset.UTC).minusDays(2)
            .format(DateTimeFormatter.ofPattern("yyyy.MM.dd"));

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

    private byte[] standInRelease(Path argsLog) {
        String script = "#!/bin/sh\n"
                + "for a in \"$@\"; do case \"$a\" in\n"
                + "  --version) echo '" + VERSION + "'; exit 0 ;;\n"
                + "  --help) printf '  --js-runtimes R\\n  --no-js-runtimes\\n  --plugin-dirs D\\n  --cache-dir D\\n'; exit 0 ;;\n"
                + "  -v) echo '[debug] yt-dlp version nightly@" + VERSION + " from yt-dlp/yt-dlp-nightly-builds [0] "
                + "(linux_exe)' >&2; echo '[debug] Optional libraries: yt_dlp_ejs-0.8.0' >&2; "
                + "echo '[debug] JS runtimes: deno-2.9.6' >&2; exit 2 ;;\n"
                + "esac; done\n"
                + "echo \"$*\" >> '" + argsLog + "'\n"
                + "prev=''; url=''; for a in \"$@\"; do [ \"$prev\" = --paths ] && paths=\"$a\"; prev=\"$a\"; url=\"$a\"; done\n"
                + "id=\"${url##*=}\"\n"
                + "printf 'media' > \"$paths/$id.mp4\"\n"
                + "echo \"[ytdc-file] \\\"$paths/$id.mp4\\\"\"\n";
        return script.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(120)
    void the_agent_installs_a_verified_yt_dlp_runs_it_with_the_runtime_cache_and_pacing_and_shows_it() throws Exception {
        Path argsLog = dir.resolve("yt-dlp-args.log");
        byte[] binary = standInRelease(argsLog);
        release.publish(VERSION, Map.of("yt-dlp_linux", binary, "SHA2-256SUMS",
                ReleaseServer.sums(Map.of("yt-dlp_linux", binary))));
        Path deno = StandInTools.deno(dir.resolve("bin"), "2.9.6");
        Path sheet = dir.resolve("sheet");
        assertEquals(0, Cli.run("init", "--local", sheet.toString()).exitCode);
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(sheet)) {
            Sheet.appendTo(port, "Video Tasks", List.of(
                    Map.of("ID", "aaaaaaaaaaa", "URL", "https://www.youtube.com/watch?v=aaaaaaaaaaa", "Status", "pending"),
                    Map.of("ID", "bbbbbbbbbbb", "URL", "https://www.youtube.com/watch?v=bbbbbbbbbbb", "Status", "pending")));
        }
        Path tools = dir.resolve("tools");

        Cli run = Cli.run("agent", "--local", sheet.toString(), "--output", dir.resolve("out").toString(),
                "--tools-dir", tools.toString(), "--yt-dlp-release-url", release.latest().toString(),
                "--yt-dlp-asset", "yt-dlp_linux", "--deno-source", "none", "--js-runtime", deno.toString(),
                "--exit-when-idle", "--settle-delay", "100ms", "--heartbeat", "1s", "--stall-timeout", "4s",
                "--idle-poll", "200ms", "--worker-name", "w1");

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(Files.isSymbolicLink(tools.resolve("yt-dlp/current")), "installed into the tools folder");
        try (SpreadsheetPort port = LocalSpreadsheetPort.open(sheet)) {
            for (WorkRow v : Sheet.rowsOf(port, "Video Tasks")) {
                assertEquals("done", v.get("Status"), v.toString());
            }
            String version = Sheet.rowsOf(port, "Workers").get(0).get("Version");
            assertTrue(version.endsWith("; yt-dlp " + VERSION + " nightly, deno 2.9.6"), version);
        }
        List<String> runs = Files.readAllLines(argsLog);
        assertEquals(2, runs.size(), runs.toString());
        for (String args : runs) {
            assertTrue(args.contains("--ignore-config --no-js-runtimes --js-runtimes deno:" + deno), args);
            assertTrue(args.contains("--cache-dir " + tools.resolve("cache/yt-dlp")), args);
            assertTrue(args.contains("--sleep-requests 0.75 --sleep-interval 5 --max-sleep-interval 10 -- "
                    + "https://www.youtube.com/watch?v="), args);
            assertTrue(!args.contains("player_client"), args);
        }
    }
}
