package io.github.ytdc.coord;

/**
 * Does the work of one claimed video task. Return normally for success (the row becomes {@code done});
 * throw {@link TaskFailure} to say how it failed, or anything else for a transient failure.
 */
@FunctionalInterface
public interface TaskProcessor {

    /**
     * Processes one task.
     *
     * @return what to record in the row's {@code Output} column (e.g. the final file path), or {@code null}
     */
    String process(Task task, TaskContext context) throws Exception;
}
