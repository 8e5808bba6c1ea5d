package io.github.ytdc.bench;

/** One measurement of SPEC section 8, run against its own in-process emulator. */
interface Scenario {

    /** The name {@code --scenario} selects, e.g. {@code fleet}. */
    String name();

    /** Runs it; throws only on a bench bug or an unusable environment (a failed target is a result). */
    ScenarioResult run() throws Exception;
}
