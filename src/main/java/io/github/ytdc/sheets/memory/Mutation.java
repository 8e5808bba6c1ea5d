package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change a {@link Spreadsheet} committed, as it received it: the REST method, its range, body and query, and the
 * seed of the random choices it made (new sheet ids, new metadata ids). {@link Spreadsheet#replay} applies it again to
 * the state it was applied to with the same result, which is what an operation log needs. Outside this package a change
 * is only its JSON record ({@link #toJson()}): persisting and replaying it is all a store does with it.
 *
 * @param method one of the {@code *_METHOD} names, e.g. {@value #VALUES_APPEND}
 * @param range  the A1 range of the URL, or {@code null}
 * @param body   the request body, or {@code null}
 * @param query  the query parameters (possibly empty)
 * @param seed   the seed of the request's random choices
 */
record Mutation(String method, String range, JsonNode body, Map<String, List<String>> query, long seed) {
    public static final String BATCH_UPDATE = "batchUpdate";
    public static final String VALUES_UPDATE = "values.update";
    public static final String VALUES_BATCH_UPDATE = "values.batchUpdate";
    public static final String VALUES_BATCH_UPDATE_BY_DATA_FILTER = "values.batchUpdateByDataFilter";
    public static final String VALUES_APPEND = "values.append";
    public static final String VALUES_CLEAR = "values.clear";
    public static final String VALUES_BATCH_CLEAR = "values.batchClear";

    public Mutation {
        Objects.requireNonNull(method, "method");
        query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** As JSON: {@code {"method", "range"?, "body"?, "query"?, "seed"}}. */
    public ObjectNode toJson() {
        ObjectNode o = Jsons.object();
        o.put("method", method);
        if (range != null) {
            o.put("range", range);
        }
        if (body != null) {
            o.set("body", body);
        }
        if (!query.isEmpty()) {
            ObjectNode q = o.putObject("query");
            query.forEach((k, values) -> {
                ArrayNode a = q.putArray(k);
                values.forEach(a::add);
            });
        }
        o.put("seed", seed);
        return o;
    }

    /**
     * Reads {@link #toJson()}.
     *
     * @throws IllegalArgumentException when {@code json} is not a mutation
     */
    public static Mutation fromJson(JsonNode json) {
        if (json == null || !json.path("method").isTextual() || !json.path("seed").canConvertToLong()) {
            throw new IllegalArgumentException("not a recorded mutation: " + json);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        json.path("query").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            query.put(e.getKey(), values);
        });
        JsonNode range = json.get("range");
        return new Mutation(json.get("method").asText(), range == null || range.isNull() ? null : range.asText(),
                json.get("body"), query, json.get("seed").asLong());
    }
}
