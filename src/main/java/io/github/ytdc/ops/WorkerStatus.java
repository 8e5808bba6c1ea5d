package io.github.ytdc.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One agent as the sheet shows it.
 *
 * @param name     the Worker cell (the ClaimedBy value its claims carry)
 * @param host     the Host cell
 * @param status   the Status cell as written (e.g. {@code running}, {@code blocked}, {@code stopped}),
 *                 {@code ""} for an agent with no Workers row
 * @param lastSeen LastSeen, or for an agent with no Workers row its newest lease; {@code null} when unknown
 * @param age      time since {@code lastSeen} (negative when it lies in the future), {@code null} when unknown
 * @param version  the Version cell
 * @param current  the Current cell (what the agent says it holds)
 * @param done     the Done cell, or {@code null} when blank or not a number
 * @param failed   the Failed cell, or {@code null} when blank or not a number
 * @param holds    rows claimed by this agent, as {@code video:ID} or {@code source:ID}, in sheet order
 * @param listed   whether the agent has a row in the Workers tab (Python-era agents do not)
 */
public record WorkerStatus(String name, String host, String status, Instant lastSeen, Duration age, String version,
                           String current, Integer done, Integer failed, List<String> holds, boolean listed) {
    public WorkerStatus {
        holds = List.copyOf(holds);
    }
}
