package io.github.ytdc.coord;

import io.github.ytdc.YtdcException;
import java.util.Objects;

/**
 * Thrown by a {@link TaskProcessor} to say how a task failed. Any other exception counts as
 * {@link FailureClass#TRANSIENT}.
 */
public class TaskFailure extends YtdcException {
    private final FailureClass failureClass;

    public TaskFailure(FailureClass failureClass, String message) {
        this(failureClass, message, null);
    }

    public TaskFailure(FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = Objects.requireNonNull(failureClass, "failureClass");
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    public static TaskFailure fatal(String message) {
        return new TaskFailure(FailureClass.FATAL, message);
    }

    public static TaskFailure transientFailure(String message) {
        return new TaskFailure(FailureClass.TRANSIENT, message);
    }

    public static TaskFailure hostBlocked(String message) {
        return new TaskFailure(FailureClass.HOST_BLOCKED, message);
    }

    public static TaskFailure hostFault(String message) {
        return new TaskFailure(FailureClass.HOST_FAULT, message);
    }
}
