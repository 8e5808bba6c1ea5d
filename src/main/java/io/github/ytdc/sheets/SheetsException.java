package io.github.ytdc.sheets;

import io.github.ytdc.YtdcException;

/**
 * A Sheets request failed. The {@link Reason} says what kind of failure it was and whether a retry can help;
 * the message carries Google's own text plus, where ytdc knows one, the fix.
 */
public class SheetsException extends YtdcException {

    /** Why a request failed. */
    public enum Reason {
        /** 429: a per-minute quota is used up; retrying after a backoff always helps. */
        QUOTA_EXCEEDED(true),
        /** 5xx or a network failure: retry, but a write may already have been applied. */
        UNAVAILABLE(true),
        /** 400: the request itself is wrong (bad range, bad tab); retrying cannot help. */
        INVALID_REQUEST(false),
        /** 401: the credential was refused. */
        UNAUTHENTICATED(false),
        /** 403: the spreadsheet is not shared with the caller. */
        PERMISSION_DENIED(false),
        /** 404: no spreadsheet with that id. */
        NOT_FOUND(false),
        /** The credentials file is missing or malformed; nothing was sent. */
        BAD_CREDENTIALS(false),
        /** The local store could not be read or written. */
        STORAGE(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final int httpStatus;

    public SheetsException(Reason reason, int httpStatus, String message) {
        this(reason, httpStatus, message, null);
    }

    public SheetsException(Reason reason, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    /**
     * Maps an HTTP error answer (from Google, the emulator, or the in-memory model) to a reason, keeping
     * Google's message so the user sees what Google said.
     *
     * @param httpStatus    the status code
     * @param googleMessage the {@code error.message} of Google's envelope
     */
    public static SheetsException fromHttp(int httpStatus, String googleMessage) {
        Reason reason = switch (httpStatus) {
            case 401 -> Reason.UNAUTHENTICATED;
            case 403 -> Reason.PERMISSION_DENIED;
            case 404 -> Reason.NOT_FOUND;
            case 429 -> Reason.QUOTA_EXCEEDED;
            default -> httpStatus >= 500 ? Reason.UNAVAILABLE : Reason.INVALID_REQUEST;
        };
        return new SheetsException(reason, httpStatus, "Sheets API " + httpStatus + ": " + googleMessage);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status Google answered with, or 0 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed if tried again later. */
    public boolean retryable() {
        return reason.retryable();
    }
}
