package io.github.ytdc.toolchain;

import io.github.ytdc.YtdcException;

/** Installing or updating a tool failed; the message says why and what to do, and the installed version is kept. */
final class ToolInstallException extends YtdcException {
    ToolInstallException(String message) {
        super(message);
    }

    ToolInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
