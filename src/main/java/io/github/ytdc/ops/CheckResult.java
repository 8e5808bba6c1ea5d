package io.github.ytdc.ops;

/**
 * The outcome of one {@code ytdc doctor} check.
 *
 * @param name    what was checked, e.g. {@code credentials}
 * @param level   pass, warn, fail or skip
 * @param message what was found and, unless it passed, how to fix it
 */
record CheckResult(String name, Level level, String message) {
    /** How a check ended; any {@link #FAIL} makes doctor exit non-zero. */
    public enum Level { PASS, WARN, FAIL, SKIP }

    public static CheckResult pass(String name, String message) {
        return new CheckResult(name, Level.PASS, message);
    }

    public static CheckResult warn(String name, String message) {
        return new CheckResult(name, Level.WARN, message);
    }

    public static CheckResult fail(String name, String message) {
        return new CheckResult(name, Level.FAIL, message);
    }

    public static CheckResult skip(String name, String message) {
        return new CheckResult(name, Level.SKIP, message);
    }
}
