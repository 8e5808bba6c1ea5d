package io.github.ytdc.coord;

/** Lets tests outside this package run one protocol step of a coordinator's engine (the engine is not public). */
public final class EngineAccess {
    private EngineAccess() {}

    /** Runs one tick of {@code c}'s engine now. */
    public static void tick(Coordinator c) {
        c.engine().tick();
    }
}
