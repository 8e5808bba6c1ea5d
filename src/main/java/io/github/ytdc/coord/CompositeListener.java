package io.github.ytdc.coord;

import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Several listeners as one; each gets back exactly the piggybacked ranges it asked for. */
final class CompositeListener implements CoordinatorListener {
    private final List<CoordinatorListener> listeners;
    private final int[] asked;

    CompositeListener(List<CoordinatorListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.asked = new int[this.listeners.size()];
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
        listeners.forEach(l -> l.onTaskEvent(event));
    }

    // The engine calls piggybackReads and then onPiggybackRead on its one thread, in that order.
    @Override
    public List<String> piggybackReads(Instant now) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            List<String> ranges = listeners.get(i).piggybackReads(now);
            asked[i] = ranges.size();
            all.addAll(ranges);
        }
        return all;
    }

    @Override
    public void onPiggybackRead(List<CellRange> ranges) {
        int at = 0;
        for (int i = 0; i < listeners.size(); i++) {
            if (asked[i] > 0) {
                listeners.get(i).onPiggybackRead(ranges.subList(at, at + asked[i]));
                at += asked[i];
            }
        }
    }

    @Override
    public List<RangeWrite> piggybackWrites(Instant now) {
        return piggybackWrites(now, false);
    }

    /** The piggybacked writes; {@code alone} when the tick writes nothing else (the Workers row may then wait). */
    List<RangeWrite> piggybackWrites(Instant now, boolean alone) {
        List<RangeWrite> all = new ArrayList<>();
        listeners.forEach(l -> all.addAll(l instanceof WorkersRow w ? w.piggybackWrites(now, alone)
                : l.piggybackWrites(now)));
        return all;
    }

    @Override
    public void onTickFailed(Exception error) {
        listeners.forEach(l -> l.onTickFailed(error));
    }
}
