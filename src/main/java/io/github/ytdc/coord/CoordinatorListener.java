package io.github.ytdc.coord;

import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import java.time.Instant;
import java.util.List;

/**
 * Hooks for a runtime around the coordinator (metrics, health, logs). Called from the engine thread: keep them quick
 * and never block on the coordinator from inside one.
 *
 * <p>Piggybacking lets the runtime share the engine's requests instead of spending its own: ranges from
 * {@link #piggybackReads} join the tick's {@code values.batchGet} and come back through
 * {@link #onPiggybackRead}; writes from {@link #piggybackWrites} join its {@code values.batchUpdate} (a write is
 * sent that tick even when the engine had nothing of its own to write).
 */
public interface CoordinatorListener {

    /** A task event (the same ones the journal records). */
    default void onTaskEvent(TaskEvent event) {}

    /** Ranges to read along with the next tick, e.g. the Workers tab's ID column. */
    default List<String> piggybackReads(Instant now) {
        return List.of();
    }

    /** The values of {@link #piggybackReads}, in the same order. */
    default void onPiggybackRead(List<CellRange> ranges) {}

    /** Writes to send with the tick's batch, e.g. this agent's Workers row. Return an empty list for none. */
    default List<RangeWrite> piggybackWrites(Instant now) {
        return List.of();
    }

    /** A tick failed (after the port's own retries); the engine will try again. */
    default void onTickFailed(Exception error) {}

    /** No-op listener. */
    CoordinatorListener NONE = new CoordinatorListener() {};

    /**
     * Several listeners as one, called in the given order; each gets back exactly the piggybacked ranges it asked
     * for.
     */
    static CoordinatorListener all(List<CoordinatorListener> listeners) {
        return new CompositeListener(listeners);
    }
}
