package io.github.ytdc.coord;

import java.util.Map;
import java.util.Objects;

/** How a claimed task ended on this agent, handed to {@link Engine#complete}. */
sealed interface Outcome {

    /**
     * Success: the row becomes {@code done}.
     *
     * @param output what to record in the Output column, or {@code ""}
     * @param fields extra columns to write (a source's Videos and ExpandedAt)
     * @param note   what the log's one "done" line says instead of the output (a source's counts), or {@code ""}
     */
    record Done(String output, Map<String, String> fields, String note) implements Outcome {
        public Done {
            output = output == null ? "" : output;
            fields = Map.copyOf(fields);
            note = note == null ? "" : note;
        }
    }

    /** Failure of the given class; the retry policy decides what happens to the row. */
    record Failed(FailureClass failureClass, String message) implements Outcome {
        public Failed {
            Objects.requireNonNull(failureClass, "failureClass");
            message = message == null ? "" : message;
        }
    }

    /** Give the row back (shutdown): pending again, no retry counted. */
    record Released(String reason) implements Outcome {}

    static Outcome done(String output) {
        return new Done(output, Map.of(), "");
    }

    /** The outcome for an exception thrown by a processor: its class if a {@link TaskFailure}, else transient. */
    static Outcome of(Throwable error) {
        if (error instanceof TaskFailure f) {
            return new Failed(f.failureClass(), f.getMessage());
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new Failed(FailureClass.TRANSIENT, message);
    }
}
