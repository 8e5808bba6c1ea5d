package io.github.ytdc;

/**
 * Root of every exception ytdc throws on purpose. Unchecked: callers catch what they can act on
 * (a {@link io.github.ytdc.sheets.SheetsException} that says whether a retry can help, a
 * {@link io.github.ytdc.coord.TaskFailure} that says how a task failed) and let the rest surface.
 */
public class YtdcException extends RuntimeException {
    public YtdcException(String message) {
        super(message);
    }

    public YtdcException(String message, Throwable cause) {
        super(message, cause);
    }
}
