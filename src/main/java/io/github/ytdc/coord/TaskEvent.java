package io.github.ytdc.coord;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a task on this agent: what the journal records and listeners receive.
 *
 * @param at      when
 * @param worker  this agent's worker name
 * @param type    what happened
 * @param kind    source or video
 * @param id      the row's ID
 * @param attempt one-based attempt number, 0 where it does not apply
 * @param error   the failure message where one applies, else {@code ""}
 * @param elapsed time since this agent chose the row to claim it: for {@link Type#CLAIMED} the claim's latency
 *                (write, settle delay, read-back), for a result the whole attempt; zero where no claim applies
 */
public record TaskEvent(Instant at, String worker, Type type, TaskKind kind, String id, int attempt, String error,
                        Duration elapsed) {
    public TaskEvent {
        Objects.requireNonNull(at, "at");
        elapsed = elapsed == null || elapsed.isNegative() ? Duration.ZERO : elapsed;
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        error = error == null ? "" : error;
    }

    /** Event types, named as in the journal. */
    public enum Type {
        /** A claim was won (verified after the settle delay). */
        CLAIMED("claimed"),
        /** The processor finished without error; the done write follows. */
        PROCESSED("processed"),
        /** The row was marked done. */
        DONE("done"),
        /** The row went back to pending with a backoff. */
        RETRY("retry"),
        /** The row was copied to the dead-letter tab and marked error. */
        DEAD_LETTER("dead-letter"),
        /** The row went back to pending without counting a retry (shutdown, host blocked). */
        RELEASED("released"),
        /** Another agent or a person took the row over; this agent's result is discarded. */
        LOST_CLAIM("lost-claim"),
        /** A completion that a late claim write had overwritten was put back; the task did not run again. */
        RESTORED("restored");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
