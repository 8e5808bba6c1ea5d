package io.github.ytdc.sources;

import io.github.ytdc.YtdcException;

/**
 * A sources file as a whole could not be used (missing, unreadable, not UTF-8, broken JSON, no URL column). Callers
 * outside this package catch it as a {@link YtdcException}.
 */
final class SourceFileException extends YtdcException {
    SourceFileException(String message) {
        super(message);
    }

    SourceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
