package io.github.ytdc.coord;

import io.github.ytdc.util.ByteSize;
import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What this agent shows in its Workers row, apart from the fixed Worker, Host, Version, Heartbeat and StallTimeout
 * and the LastSeen time.
 *
 * @param status  {@code running} (it holds something), {@code idle}, {@code paused: <why>} (circuit breaker, disk,
 *                load, memory), {@code stopping}, {@code stopped}
 * @param holding what it holds, in claim order
 * @param done    videos it marked done since it started, counting those whose done write goes out with this row
 * @param failed  failed attempts of videos it claimed since it started (retries and dead letters); taking over a
 *                dead agent's stalled claim is not one
 */
record WorkerRowValues(String status, List<Holding> holding, long done, long failed) {
    public WorkerRowValues {
        Objects.requireNonNull(status, "status");
        holding = List.copyOf(holding);
    }

    /** No holdings: for tests and simple callers. */
    public WorkerRowValues(String status, long done, long failed) {
        this(status, List.of(), done, failed);
    }

    /**
     * One row this agent holds.
     *
     * @param what     {@code video abc} or {@code source UCx}
     * @param phase    {@code verifying}, {@code ready}, {@code running} or {@code finishing}
     * @param progress the download's last progress report, or {@code null}
     */
    public record Holding(String what, String phase, TaskContext.Progress progress) {
        public Holding {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(phase, "phase");
        }

        /** {@code video abc (running 42%, 1.2M/s, 1m30s left)}, or {@code video abc (verifying)}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(phase);
            if (progress != null) {
                if (progress.percent() >= 0) {
                    parts.set(0, phase + String.format(Locale.ROOT, " %.0f%%", Math.floor(progress.percent())));
                }
                if (progress.bytesPerSecond() >= 0) {
                    parts.add(ByteSize.format(Math.round(progress.bytesPerSecond())) + "/s");
                }
                if (progress.etaSeconds() >= 0) {
                    parts.add(Durations.format(Duration.ofSeconds(progress.etaSeconds())) + " left");
                }
            }
            return what + " (" + String.join(", ", parts) + ")";
        }
    }

    /** The Current cell: every holding with its live progress. */
    public String current() {
        return String.join(", ", holding.stream().map(Holding::describe).toList());
    }

    /**
     * The Current cell in at most {@code max} characters: whole holdings, then {@code +N more} for those that do not
     * fit, so that a reader (ytdc status) never meets a holding cut in half.
     */
    public String current(int max) {
        String all = current();
        if (all.length() <= max) {
            return all;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < holding.size(); i++) {
            String next = (out.length() == 0 ? "" : ", ") + holding.get(i).describe();
            String more = " +" + (holding.size() - i - 1) + " more";
            if (out.length() + next.length() + (i == holding.size() - 1 ? 0 : more.length()) > max) {
                String rest = "+" + (holding.size() - i) + " more";
                return out.length() == 0 ? rest : out + " " + rest;
            }
            out.append(next);
        }
        return out.toString();
    }

    /**
     * Whether {@code other} differs in more than download progress: a change of status, counts, or what is held
     * (or its phase) is worth a Workers update of its own; a new percentage only rides along with one.
     */
    public boolean differsBeyondProgress(WorkerRowValues other) {
        return other == null || !status.equals(other.status) || done != other.done || failed != other.failed
                || !withoutProgress().equals(other.withoutProgress());
    }

    private List<String> withoutProgress() {
        return holding.stream().map(h -> h.what() + " " + h.phase()).toList();
    }
}
