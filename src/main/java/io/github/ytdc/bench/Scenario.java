package io.github.ytdc.bench;

import io.github.ytdc.util.Sleeper;
import java.time.Clock;

/** One measurement of SPEC section 8, run against its own in-process emulator. */
abstract class Scenario {
    protected final BenchSettings settings;
    protected final Clock clock;
    protected final Sleeper sleeper;
    private final String name;

    Scenario(String name, BenchSettings settings, Clock clock, Sleeper sleeper) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The name {@code --scenario} selects, e.g. {@code fleet}. */
    final String name() {
        return name;
    }

    /** Runs it; throws only on a bench bug or an unusable environment (a failed target is a result). */
    abstract ScenarioResult run() throws Exception;
}
