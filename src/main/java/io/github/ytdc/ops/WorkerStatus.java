package io.github.ytdc.ops;

import io.github.ytdc.util.ByteSize;
import io.github.ytdc.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One agent as the sheet shows it, with its {@link State} judged from its Workers row and its leases.
 *
 * @param name         the Worker cell (the ClaimedBy value its claims carry)
 * @param host         the Host cell
 * @param status       the Status cell as written (e.g. {@code running}, {@code paused: disk ...}, {@code stopped}),
 *                     {@code ""} for an agent with no Workers row
 * @param state        what the agent is doing, judged from Status, LastSeen and its leases (see {@link State})
 * @param reason       why it is paused, or since when and why it counts as dead; {@code ""} otherwise
 * @param lastSeen     LastSeen, or for an agent with no Workers row its newest lease; {@code null} when unknown
 * @param age          time since {@code lastSeen} (negative when it lies in the future), {@code null} when unknown
 * @param version      the Version cell
 * @param current      the Current cell: what the agent said it holds, with each download's live progress
 * @param tasks        the Current cell read back (see {@link Task#parse}); empty unless the agent is alive, since
 *                     what a dead or stopped agent last wrote is no longer true
 * @param done         the Done cell (videos done since the agent started), or {@code null} when blank or not a number
 * @param failed       the Failed cell, or {@code null} when blank or not a number
 * @param heartbeat    the Heartbeat cell (how often it renews its leases), or {@code null} when absent
 * @param stallTimeout the StallTimeout cell, or {@code null} when absent (the default, 10m, is then assumed)
 * @param holds        rows claimed by this agent, as {@code video:ID} or {@code source:ID}, in sheet order
 * @param listed       whether the agent has a row in the Workers tab (Python-era agents do not)
 */
record WorkerStatus(String name, String host, String status, State state, String reason, Instant lastSeen,
                           Duration age, String version, String current, List<Task> tasks, Integer done, Integer failed,
                           Duration heartbeat, Duration stallTimeout, List<String> holds, boolean listed) {
    public WorkerStatus {
        holds = List.copyOf(holds);
        tasks = List.copyOf(tasks);
    }

    /**
     * One task an agent reported in its Current cell, with the download's live progress where it gave one.
     *
     * @param kind           {@code video} or {@code source}
     * @param id             the row's ID
     * @param phase          {@code verifying}, {@code ready}, {@code running} or {@code finishing}
     * @param percent        percent downloaded (whole), or {@code null} when not reported
     * @param bytesPerSecond download speed as shown (rounded to its unit, e.g. {@code 1.2M/s}), or {@code null}
     * @param eta            time left as the agent estimated it, or {@code null}
     */
    record Task(String kind, String id, String phase, Integer percent, Long bytesPerSecond, Duration eta) {
        /**
         * What coord's WorkerRowValues.Holding.describe writes, one after another:
         * {@code video abc (running 42%, 1.2M/s, 1m30s left), source UCx (verifying)}.
         */
        private static final Pattern ONE = Pattern.compile(
                "(video|source) (\\S+) \\((verifying|ready|running|finishing)(?: (\\d+)%)?((?:, [^,()]+)*)\\)");

        /**
         * The tasks of a Current cell, in order; a part it cannot read (a cell clipped at its size limit, a hand
         * edit) is skipped.
         */
        static List<Task> parse(String current) {
            List<Task> out = new ArrayList<>();
            Matcher m = ONE.matcher(current);
            while (m.find()) {
                Integer percent = m.group(4) == null ? null : Integer.valueOf(m.group(4));
                Long speed = null;
                Duration eta = null;
                for (String part : m.group(5).split(", ")) {
                    try {
                        if (part.endsWith("/s")) {
                            speed = ByteSize.parse(part.substring(0, part.length() - 2));
                        } else if (part.endsWith(" left")) {
                            eta = Durations.parse(part.substring(0, part.length() - " left".length()));
                        }
                    } catch (IllegalArgumentException unreadable) {
                        // left unknown: a hand edit, or a form a newer agent writes
                    }
                }
                out.add(new Task(m.group(1), m.group(2), m.group(3), percent, speed, eta));
            }
            return out;
        }
    }

    /** What an agent is doing. */
    public enum State {
        /** Alive and holding work (a claim, a download, a result being written). */
        RUNNING,
        /** Alive, holding nothing, looking for work. */
        IDLE,
        /** Alive but not claiming: circuit breaker (host blocked), disk, load or memory; {@code reason} says which. */
        PAUSED,
        /** Stop requested: finishing running tasks within its grace period. */
        STOPPING,
        /** Stopped cleanly; what it held was released. */
        STOPPED,
        /** No sign of life for longer than its stall timeout: killed, crashed, or its host is gone. */
        DEAD,
        /** A Status cell ytdc does not know, or no LastSeen to judge by. */
        UNKNOWN;

        /** The lower-case name shown to people and in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the agent is alive (running, idle, paused or stopping). */
        public boolean live() {
            return this == RUNNING || this == IDLE || this == PAUSED || this == STOPPING;
        }
    }
}
