package io.github.ytdc.coord;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Videos this agent finished and video attempts that failed, for the Workers row's Done and Failed: a source it
 * expanded is no download, so a channel of 30 videos shows 30 done, not 31.
 */
final class VideoCounts implements CoordinatorListener {
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public void onTaskEvent(TaskEvent e) {
        if (e.kind() != TaskKind.VIDEO) {
            return;
        }
        switch (e.type()) {
            case DONE -> done.incrementAndGet();
            case RETRY, DEAD_LETTER -> failed.incrementAndGet();
            default -> { }
        }
    }

    long done() {
        return done.get();
    }

    long failed() {
        return failed.get();
    }
}
