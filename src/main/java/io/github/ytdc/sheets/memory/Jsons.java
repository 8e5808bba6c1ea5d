package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The one Jackson mapper of the model and small helpers to read REST bodies and query parameters. */
final class Jsons {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Jsons() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The first value of a query parameter, or {@code fallback}. */
    static String query(Map<String, List<String>> query, String name, String fallback) {
        if (query == null) {
            return fallback;
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    /** A query parameter read as a boolean ({@code true}/{@code false}). */
    static boolean queryFlag(Map<String, List<String>> query, String name) {
        return Boolean.parseBoolean(query(query, name, "false"));
    }

    /** A text field of a body, or {@code fallback} when absent or null. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** An integer field of a body, or {@code null} when absent. */
    static Integer integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.asText());
            } catch (NumberFormatException e) {
                throw SheetsApiError.invalidArgument(
                        "Invalid value at '" + field + "' (TYPE_INT32), \"" + v.asText() + "\"");
            }
        }
        return v.asInt();
    }

    static boolean flag(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.asBoolean(false);
    }
}
