package io.github.ytdc.testing;

import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.media.ytdlp.Toolchain;
import java.time.Clock;
import java.util.Map;

/** The real yt-dlp (and ffmpeg) the tests run, found on the system PATH as an agent on Debian would find them. */
public final class SystemTools {
    private SystemTools() {}

    /** The toolchain from /usr/local/bin, /usr/bin and /bin; fails with ToolDiscovery's message when one is missing. */
    public static Toolchain require(boolean ffmpeg) {
        return new ToolDiscovery(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), Clock.systemUTC()).require(null, null,
                ffmpeg);
    }
}
