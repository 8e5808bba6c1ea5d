package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.sheets.SheetsException;

/**
 * An error answer of the Sheets API, as the in-memory model raises it: the HTTP code, Google's status string
 * ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, ...), Google's exact message and optional {@code details}.
 * {@link #toEnvelope()} renders Google's envelope {@code {"error":{"code","message","status"[,"details"]}}},
 * which has no legacy {@code errors[]} array.
 */
public final class SheetsApiError extends RuntimeException {
    private final int httpCode;
    private final String status;
    private final transient ArrayNode details;

    public SheetsApiError(int httpCode, String status, String message, ArrayNode details) {
        super(message, null, false, false);
        this.httpCode = httpCode;
        this.status = status;
        this.details = details;
    }

    /** 400 INVALID_ARGUMENT with Google's message. */
    public static SheetsApiError invalidArgument(String message) {
        return new SheetsApiError(400, "INVALID_ARGUMENT", message, null);
    }

    /** 400 {@code Unable to parse range: <range as sent>}. */
    public static SheetsApiError unparsableRange(String range) {
        return invalidArgument("Unable to parse range: " + range);
    }

    /** 404 for an unknown spreadsheet id. */
    public static SheetsApiError notFound() {
        return new SheetsApiError(404, "NOT_FOUND", "Requested entity was not found.", null);
    }

    /**
     * 400 for an enum value Google does not know, with the {@code BadRequest} field violation Google attaches,
     * e.g. {@code Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "DIAGONAL"}.
     */
    public static SheetsApiError badEnum(String field, String protoType, String value) {
        String message = "Invalid value at '" + field + "' (type.googleapis.com/" + protoType + "), \"" + value + "\"";
        ArrayNode details = Jsons.array();
        ObjectNode badRequest = details.addObject();
        badRequest.put("@type", "type.googleapis.com/google.rpc.BadRequest");
        ObjectNode violation = badRequest.putArray("fieldViolations").addObject();
        violation.put("field", field);
        violation.put("description", message);
        return new SheetsApiError(400, "INVALID_ARGUMENT", message, details);
    }

    /** The same error with {@code prefix} in front of its message (e.g. {@code Invalid data[1]: }). */
    public SheetsApiError withPrefix(String prefix) {
        return new SheetsApiError(httpCode, status, prefix + getMessage(), details);
    }

    public int httpCode() {
        return httpCode;
    }

    public String status() {
        return status;
    }

    /** Google's {@code details} array, or {@code null} when the error has none. */
    public JsonNode details() {
        return details == null ? null : details.deepCopy();
    }

    /** Google's error envelope. */
    public ObjectNode toEnvelope() {
        ObjectNode root = Jsons.object();
        ObjectNode error = root.putObject("error");
        error.put("code", httpCode);
        error.put("message", getMessage());
        error.put("status", status);
        if (details != null) {
            error.set("details", details.deepCopy());
        }
        return root;
    }

    /** The port-level exception for this answer. */
    public SheetsException toSheetsException() {
        return SheetsException.fromHttp(httpCode, getMessage());
    }
}
