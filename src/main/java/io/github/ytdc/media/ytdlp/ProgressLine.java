package io.github.ytdc.media.ytdlp;

import io.github.ytdc.coord.TaskContext.Progress;
import java.util.Optional;

/**
 * yt-dlp's progress, printed through {@code --progress-template} as raw numbers rather than its human format
 * (whose units, padding and "Unknown" fields change between releases). Pure.
 */
final class ProgressLine {
    static final String PREFIX = "[ytdc-progress] ";
    /** Fields: downloaded bytes, total bytes, estimated total bytes, speed (bytes/s), ETA (s); {@code NA} when unknown. */
    static final String TEMPLATE = "download:" + PREFIX
            + "%(progress.downloaded_bytes)s %(progress.total_bytes)s %(progress.total_bytes_estimate)s "
            + "%(progress.speed)s %(progress.eta)s";

    private ProgressLine() {}

    /** The progress a line reports, or empty when the line is not one of ours. */
    static Optional<Progress> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] f = line.substring(PREFIX.length()).strip().split("\\s+");
        if (f.length != 5) {
            return Optional.empty();
        }
        double done = number(f[0]);
        double total = number(f[1]) > 0 ? number(f[1]) : number(f[2]);
        double percent = done >= 0 && total > 0 ? Math.min(100.0, 100.0 * done / total) : -1;
        double speed = number(f[3]);
        double eta = number(f[4]);
        return Optional.of(new Progress(percent, speed, eta < 0 ? -1 : Math.round(eta), done < 0 ? -1 : Math.round(done)));
    }

    /** A non-negative number, or -1 for {@code NA}, {@code None} or anything unparsable. */
    private static double number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) && d >= 0 ? d : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
