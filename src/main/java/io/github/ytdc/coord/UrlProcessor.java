package io.github.ytdc.coord;

/**
 * Processes one claimed video given only its URL, e.g. a download method. It may throw any exception: a
 * {@link TaskFailure} says how the task failed, anything else counts as a transient failure (retried with backoff).
 * For the whole task (ID, title, extra columns) and cancellation, use {@link TaskProcessor}.
 */
@FunctionalInterface
public interface UrlProcessor {

    /**
     * Processes the video at {@code url}.
     *
     * @param url the video's URL
     * @throws Exception when processing failed
     */
    void process(String url) throws Exception;
}
