package io.github.ytdc.toolchain;

import io.github.ytdc.YtdcException;

/** Installing or updating a tool failed; the message says why and what to do, and the installed version is kept. */
public final class ToolInstallException extends YtdcException {
    public ToolInstallException(String message) {
        super(message);
    }

    public ToolInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
