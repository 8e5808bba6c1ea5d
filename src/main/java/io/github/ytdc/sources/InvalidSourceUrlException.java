package io.github.ytdc.sources;

import io.github.ytdc.YtdcException;

/** A source URL was rejected; the message says why and, where possible, what a valid one looks like. */
public class InvalidSourceUrlException extends YtdcException {
    public InvalidSourceUrlException(String reason) {
        super(reason);
    }
}
