package io.github.ytdc.sources;

import io.github.ytdc.YtdcException;

/**
 * A source URL was rejected; the message says why and, where possible, what a valid one looks like. Callers outside
 * this package catch it as a {@link YtdcException}: telling it apart is this package's business only.
 */
final class InvalidSourceUrlException extends YtdcException {
    InvalidSourceUrlException(String reason) {
        super(reason);
    }
}
