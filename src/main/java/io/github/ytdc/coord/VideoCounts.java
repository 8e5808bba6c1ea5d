package io.github.ytdc.coord;

import java.util.HashSet;
import java.util.Set;

/**
 * Videos this agent finished and video attempts of its own that failed, for the Workers row's Done and Failed.
 *
 * <p>What the row shows matches the Video Tasks tab and what this agent did:
 * <ul>
 *   <li>a source it expanded is no download, so a channel of 30 videos shows 30 done, not 31;</li>
 *   <li>a video counts as done once processed, so a row update that goes out in the same write as its done row
 *       already counts it (counted at the done write's answer instead, the row was always an update behind the tab,
 *       and an agent killed with -9 left it so); a claim found lost before that write takes it back;</li>
 *   <li>a stalled claim of another (dead) agent that this one takes over and charges a retry is not a failure of
 *       this agent's: only attempts it claimed and ran itself count.</li>
 * </ul>
 */
final class VideoCounts implements CoordinatorListener {
    // Guarded by `this`.
    private long done;
    private long failed;
    /** Videos this agent claimed and has not yet seen end. */
    private final Set<String> claimed = new HashSet<>();
    /** Videos processed (counted done) whose done write has not yet been confirmed. */
    private final Set<String> processed = new HashSet<>();

    @Override
    public synchronized void onTaskEvent(TaskEvent e) {
        if (e.kind() != TaskKind.VIDEO) {
            return;
        }
        String id = e.id();
        switch (e.type()) {
            case CLAIMED -> claimed.add(id);
            case PROCESSED -> {
                if (processed.add(id)) {
                    done++;
                }
            }
            case DONE -> {
                // Counted when processed; a done without that event (none today) still counts once.
                if (!processed.remove(id)) {
                    done++;
                }
                claimed.remove(id);
            }
            case RETRY, DEAD_LETTER -> {
                if (claimed.remove(id)) {
                    failed++;
                }
            }
            case LOST_CLAIM -> {
                if (processed.remove(id)) {
                    done--;
                }
                claimed.remove(id);
            }
            case RELEASED, RESTORED -> claimed.remove(id);
            default -> { }
        }
    }

    synchronized long done() {
        return done;
    }

    synchronized long failed() {
        return failed;
    }
}
