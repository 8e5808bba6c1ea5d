package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.testing.FixtureServer;
import io.github.ytdc.testing.RecordingContext;
import io.github.ytdc.testing.SystemTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * yt-dlp rewrites its cookies file when it exits; with the real yt-dlp against the fixture server, each download runs
 * on a private copy and the operator's file is never touched.
 */
class CookiesCopyTest {
    private static final String COOKIES = "# Netscape HTTP Cookie File\n"
            + "127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tabc123\n";

    @TempDir
    static Path fixtureDir;
    static FixtureServer fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixture = FixtureServer.start(fixtureDir.resolve("fx"), 3);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void each_download_gets_its_own_copy_of_the_cookies_file_and_the_original_stays_as_it_was() throws Exception {
        Path cookies = dir.resolve("cookies.txt");
        Files.writeString(cookies, COOKIES);
        Path out = dir.resolve("out");
        YtDlpDownloader d = YtDlpDownloader.create(SystemTools.require(true),
                DownloadOptions.builder(out).cookiesFile(cookies).build(), new SecureRandom());

        for (String id : List.of("c-1", "c-2")) {
            String file = d.process(new Task(TaskKind.VIDEO, id, fixture.url("/v/" + id + ".mp4"), id, "S1", Map.of(), 1),
                    new RecordingContext());
            assertTrue(Files.isRegularFile(Path.of(file)), file);
        }

        assertEquals(COOKIES, Files.readString(cookies), "the operator's file is untouched");
        try (Stream<Path> s = Files.walk(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.contains("cookies")), names.toString());
        }
        List<String> argv = YtDlpDownloader.command(Toolchain.of(Path.of("yt-dlp"), null),
                DownloadOptions.builder(out).cookiesFile(cookies).build(), out.resolve(".ytdc-tmp/w1"), "http://x/y");
        assertEquals(out.resolve(".ytdc-tmp/w1.cookies.txt").toString(), argv.get(argv.indexOf("--cookies") + 1));
    }
}
