package io.github.ytdc.sheets.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Turns what the Google client throws into a {@link SheetsException} carrying Google's message and, where the
 * cause is usually on the user's side, the fix.
 */
final class GoogleErrors {
    private final String spreadsheetId;
    private final String clientEmail;
    private final String where;
    private final String check;
    private final CallLimits limits;
    private final String tokenUri;

    /**
     * @param spreadsheetId  the id the port talks to, named in the 404 hint
     * @param clientEmail    the service account's e-mail, named in the 403 hint, or {@code null} without a key
     * @param rootUrl        the API's root URL, named when it cannot be reached (never with user info)
     * @param customEndpoint whether {@code rootUrl} was given with --endpoint rather than being Google's
     * @param limits         the timeouts, named when one expires
     * @param tokenUri       where the key's access tokens come from, named when that fails; {@code null} without a key
     */
    GoogleErrors(String spreadsheetId, String clientEmail, String rootUrl, boolean customEndpoint, CallLimits limits,
                 String tokenUri) {
        this.limits = limits;
        this.tokenUri = tokenUri == null ? null : withoutUserInfo(tokenUri);
        this.spreadsheetId = spreadsheetId;
        this.clientEmail = clientEmail;
        this.where = withoutUserInfo(rootUrl);
        this.check = customEndpoint
                ? "check --endpoint (or YTDC_ENDPOINT) and that the server there is running and reachable from this host"
                : "check this host's network, DNS, proxy and firewall (HTTPS to sheets.googleapis.com and "
                        + "oauth2.googleapis.com must be allowed)";
    }

    SheetsException translate(IOException e) {
        if (e instanceof HttpResponseException http) {
            return withHint(SheetsException.fromHttp(http.getStatusCode(), googleMessage(http)), e);
        }
        if (e instanceof Retryable auth && !auth.isRetryable()) {
            // The token endpoint refused the key itself (invalid_grant and friends).
            return new SheetsException(Reason.UNAUTHENTICATED, 401, "Google refused the service-account key: "
                    + oneLine(e.getMessage()) + ". " + UNAUTHENTICATED_HINT, e);
        }
        if (e instanceof Retryable && e.getCause() instanceof IOException cause) {
            // The token request failed on the way (the auth library wraps why): that endpoint is what to check.
            return new SheetsException(Reason.UNAVAILABLE, 0, "cannot get an access token from "
                    + (tokenUri == null ? "the key's token_uri" : tokenUri) + " (" + networkProblem(cause) + "): "
                    + TOKEN_CHECK, e);
        }
        return new SheetsException(Reason.UNAVAILABLE, 0, "cannot reach the Sheets API at " + where + " ("
                + networkProblem(e) + "): " + check, e);
    }

    /**
     * The failure of a call that was retried until the port's {@link CallPolicy} gave up: the last failure, saying
     * how often and how long it was tried.
     */
    SheetsException gaveUp(SheetsException last, int attempts, java.time.Duration elapsed) {
        if (last.reason() != Reason.UNAVAILABLE && last.reason() != Reason.QUOTA_EXCEEDED) {
            return last;
        }
        String tried = attempts + " attempts in " + Durations.brief(elapsed);
        String message = last.getMessage();
        int open = message.indexOf(" (");
        int close = message.indexOf("): ");
        String text = open > 0 && close > open && last.httpStatus() == 0
                ? message.substring(0, close) + "; " + tried + message.substring(close)
                : message + " (" + tried + ")";
        SheetsException e = new SheetsException(last.reason(), last.httpStatus(), text, last.getCause());
        e.addSuppressed(last);
        return e;
    }

    /**
     * A call given up because the deadline set with {@link CallLimits#finishWithin} leaves no time to send it (or to
     * wait for its quota slot); {@code previous} is the failure of its last attempt, if any.
     */
    SheetsException pastDeadline(String method, SheetsException previous) {
        String why = previous == null ? "" : " (last attempt: " + previous.getMessage() + ")";
        return new SheetsException(Reason.UNAVAILABLE, 0, method + " not sent: the deadline for stopping has come"
                + why, previous);
    }

    private String networkProblem(IOException e) {
        if (limits.expired() && e instanceof java.net.SocketException && !(e instanceof ConnectException)
                && !(e instanceof NoRouteToHostException)) {
            return "connected, but no answer before the deadline for stopping"; // its connection was cut off then
        }
        if (e instanceof java.net.SocketTimeoutException) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (limits.bounded()) {
                // The timeout may have been cut to what was left of the deadline, not the policy's.
                return m.contains("connect") ? "no connection before the deadline for stopping"
                        : "connected, but no answer before the deadline for stopping";
            }
            CallPolicy policy = limits.policy();
            return m.contains("connect") ? "no connection within " + Durations.format(policy.connectTimeout())
                    : "connected, but no answer within " + Durations.format(policy.readTimeout());
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + firstLine(e.getMessage());
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }

    private static String withoutUserInfo(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * Whether the failure happened before any byte of the request could reach the server, so even a
     * non-idempotent request may be sent again.
     */
    static boolean nothingSent(IOException e) {
        // A failed token request fails the call before the API request itself goes out.
        return e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof Retryable;
    }

    private static final String TOKEN_CHECK = "check this host's network, DNS, proxy and firewall (HTTPS to "
            + "oauth2.googleapis.com and sheets.googleapis.com must be allowed) and the key's token_uri";

    private static final String UNAUTHENTICATED_HINT = "The key may have been deleted or disabled in the Google "
            + "Cloud console, or this host's clock may be off by minutes (check NTP); create a new key if needed ("
            + ServiceAccountKey.HELP + ").";

    private SheetsException withHint(SheetsException e, IOException cause) {
        String hint = switch (e.reason()) {
            case PERMISSION_DENIED -> clientEmail == null
                    ? "Share the spreadsheet with the service account's e-mail as Editor (" + ServiceAccountKey.HELP + ")."
                    : "Share the spreadsheet with " + clientEmail + " as Editor (" + ServiceAccountKey.HELP + ").";
            case NOT_FOUND -> "Check the spreadsheet id '" + spreadsheetId + "': it is the token between /d/ and "
                    + "/edit in the spreadsheet's URL.";
            case UNAUTHENTICATED -> UNAUTHENTICATED_HINT;
            default -> null;
        };
        String message = hint == null ? e.getMessage() : e.getMessage() + " " + hint;
        return new SheetsException(e.reason(), e.httpStatus(), message, cause);
    }

    private static String googleMessage(HttpResponseException e) {
        if (e instanceof GoogleJsonResponseException json) {
            GoogleJsonError details = json.getDetails();
            if (details != null && details.getMessage() != null) {
                return details.getMessage();
            }
        }
        String content = e.getContent();
        if (content != null && !content.isBlank()) {
            return firstLine(content);
        }
        return e.getStatusMessage() == null ? "(no message)" : e.getStatusMessage();
    }

    /** The token endpoint's answer spans lines; its JSON body names the reason, e.g. invalid_grant. */
    private static String oneLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
