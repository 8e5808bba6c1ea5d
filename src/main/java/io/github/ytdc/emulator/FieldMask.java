package io.github.ytdc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google's partial-response {@code fields} parameter, honoured loosely: {@code a,b.c,d(e,f)} and {@code *}.
 * Arrays are filtered element by element. Unknown names simply select nothing.
 */
final class FieldMask {
    private final Map<String, FieldMask> children = new LinkedHashMap<>();

    private FieldMask() {}

    /** Parses a mask; {@code null}, blank or {@code *} selects everything ({@code null} is returned). */
    static FieldMask parse(String fields) {
        if (fields == null || fields.isBlank() || fields.trim().equals("*")) {
            return null;
        }
        FieldMask root = new FieldMask();
        int end = root.parseList(fields.replace(" ", ""), 0);
        if (end != fields.replace(" ", "").length()) {
            throw new IllegalArgumentException("unbalanced parentheses in fields: " + fields);
        }
        return root;
    }

    private int parseList(String s, int at) {
        while (at < s.length() && s.charAt(at) != ')') {
            int start = at;
            while (at < s.length() && ",()".indexOf(s.charAt(at)) < 0) {
                at++;
            }
            FieldMask node = this;
            for (String part : s.substring(start, at).split("[./]")) {
                if (!part.isEmpty()) {
                    node = node.children.computeIfAbsent(part, k -> new FieldMask());
                }
            }
            if (at < s.length() && s.charAt(at) == '(') {
                at = node.parseList(s, at + 1);
                if (at >= s.length() || s.charAt(at) != ')') {
                    throw new IllegalArgumentException("unbalanced parentheses in fields: " + s);
                }
                at++;
            }
            if (at < s.length() && s.charAt(at) == ',') {
                at++;
            }
        }
        return at;
    }

    /** The parts of {@code node} this mask selects. */
    JsonNode apply(JsonNode node) {
        if (children.isEmpty() || children.containsKey("*")) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode out = ((ArrayNode) node).arrayNode();
            node.forEach(e -> out.add(apply(e)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = ((ObjectNode) node).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldMask child = children.get(e.getKey());
            if (child != null) {
                out.set(e.getKey(), child.apply(e.getValue()));
            }
        }
        return out;
    }
}
