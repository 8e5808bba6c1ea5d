package io.github.ytdc.testing;

import io.github.ytdc.coord.TaskContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A task context a test can cancel, which records the progress reported to it. */
public final class RecordingContext implements TaskContext {
    public final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
        } else {
            onCancel.add(action);
        }
    }

    @Override
    public void progress(Progress p) {
        progress.add(p);
    }

    public void cancel() {
        cancelled = true;
        onCancel.forEach(Runnable::run);
    }
}
