package io.github.ytdc.bench;

import java.time.Duration;
import java.util.List;

/** Nearest-rank percentiles of a list of durations. */
final class Percentiles {
    private Percentiles() {}

    /** The {@code p}-th percentile (0 < p <= 100) by nearest rank; {@code null} when there are no samples. */
    static Duration of(List<Duration> samples, double p) {
        if (!(p > 0 && p <= 100)) { // NaN too
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (samples.isEmpty()) {
            return null;
        }
        List<Duration> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
