package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.coord.FailureClass;
import io.github.ytdc.coord.Task;
import io.github.ytdc.coord.TaskContext;
import io.github.ytdc.coord.TaskFailure;
import io.github.ytdc.coord.TaskKind;
import io.github.ytdc.coord.ExpandOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A yt-dlp that cannot even start (removed, not executable) is the host's fault, for listings and downloads. */
class YtDlpCannotStartTest {
    @TempDir
    Path dir;

    @Test
    void listing_and_download_with_a_missing_yt_dlp_are_host_faults_naming_the_fix() {
        Toolchain gone = Toolchain.of(dir.resolve("no-such-yt-dlp"), null);
        TaskFailure listing = assertThrows(TaskFailure.class, () -> new YtDlpMediaPort(gone)
                .expand("https://www.youtube.com/@x", ExpandOptions.defaults(), e -> {}, TaskContext.detached()));
        assertEquals(FailureClass.HOST_FAULT, listing.failureClass());
        assertTrue(listing.getMessage().contains("ytdc tools install"), listing.getMessage());

        YtDlpDownloader downloader = YtDlpDownloader.create(gone, DownloadOptions.builder(dir.resolve("out")).build(),
                new SplittableRandom(1));
        Task task = new Task(TaskKind.VIDEO, "v1", "https://www.youtube.com/watch?v=v1", "", "S1", Map.of(), 1);
        TaskFailure download = assertThrows(TaskFailure.class, () -> downloader.process(task, TaskContext.detached()));
        assertEquals(FailureClass.HOST_FAULT, download.failureClass());
        assertTrue(download.getMessage().contains("cannot start"), download.getMessage());
    }
}
