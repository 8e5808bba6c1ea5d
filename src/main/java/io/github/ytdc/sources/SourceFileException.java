package io.github.ytdc.sources;

import io.github.ytdc.YtdcException;

/** A sources file as a whole could not be used (missing, unreadable, not UTF-8, broken JSON, no URL column). */
public class SourceFileException extends YtdcException {
    public SourceFileException(String message) {
        super(message);
    }

    public SourceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
