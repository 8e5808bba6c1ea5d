package io.github.ytdc.coord;

import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps a Workers row's LastSeen moving while claiming is paused, by the caller (a full disk, an output folder it
 * cannot write) or by the circuit breaker (host blocked, toolchain fault): with nothing held no tick runs then to
 * carry the row, and a row left a stall timeout behind shows a live agent as dead. A new pause reason shows at once;
 * otherwise the row is written (two requests) only when no tick carried it for a heartbeat. Run on one thread only.
 */
final class PausedRowRefresh {
    private final WorkersRow row;
    private final Supplier<Optional<String>> pauseReason;
    private final BooleanSupplier breakerOpen;
    private final BooleanSupplier claiming;
    private final Duration heartbeat;
    private String pauseShown;
    private Instant nextWrite = Instant.MIN;

    /**
     * @param pauseReason why the caller pauses claiming, if it does; must not throw
     * @param breakerOpen whether the circuit breaker pauses claiming
     * @param claiming    false once the agent is stopping (its final write says so instead)
     */
    PausedRowRefresh(WorkersRow row, Supplier<Optional<String>> pauseReason, BooleanSupplier breakerOpen,
                     BooleanSupplier claiming, Duration heartbeat) {
        this.row = Objects.requireNonNull(row, "row");
        this.pauseReason = Objects.requireNonNull(pauseReason, "pauseReason");
        this.breakerOpen = Objects.requireNonNull(breakerOpen, "breakerOpen");
        this.claiming = Objects.requireNonNull(claiming, "claiming");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /** Writes the row now if it is paused and the row is due; a failed write is tried again a heartbeat later. */
    void run(SpreadsheetPort port, Instant now) {
        String pause = pauseReason.get().orElse(null);
        if (!Objects.equals(pause, pauseShown)) {
            pauseShown = pause;
            nextWrite = Instant.MIN; // a new pause shows at once
        } else if (!row.refreshDue(now)) {
            return; // ticks (renewing leases still held) carried the row lately
        }
        boolean paused = pause != null || breakerOpen.getAsBoolean();
        if (!paused || !claiming.getAsBoolean() || now.isBefore(nextWrite)) {
            return;
        }
        nextWrite = now.plus(heartbeat);
        row.writeNow(port, now);
    }
}
