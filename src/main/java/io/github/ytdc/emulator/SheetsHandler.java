package io.github.ytdc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.ytdc.sheets.memory.SheetsApiError;
import io.github.ytdc.sheets.memory.Spreadsheet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes Sheets v4 REST requests to the spreadsheets of one {@link SheetsEmulator}. */
final class SheetsHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SheetsHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PREFIX = "/v4/spreadsheets";

    private final SheetsEmulator emulator;

    SheetsHandler(SheetsEmulator emulator) {
        this.emulator = emulator;
    }

    /** One routed call: its API method name, whether it writes, and how to answer it. */
    private record Call(String method, boolean write, Supplier<JsonNode> answer) {}

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
            if (path.equals("/__emulator/stats")) {
                send(ex, 200, emulator.stats().toJson());
                return;
            }
            String caller = caller(ex, query);
            Call call;
            try {
                call = route(ex, path, query);
            } catch (SheetsApiError e) {
                reply(ex, e.httpCode(), e.toEnvelope());
                return;
            }
            if (call == null) {
                reply(ex, 404, new SheetsApiError(404, "NOT_FOUND", "Method not found.", null).toEnvelope());
                return;
            }
            emulator.delay();
            try {
                emulator.acquireQuota(caller, call.write());
            } catch (SheetsApiError e) {
                emulator.stats().quotaRejected(caller);
                reply(ex, e.httpCode(), e.toEnvelope());
                return;
            }
            emulator.stats().served(caller, call.method(), call.write());
            SheetsApiError injected = emulator.injectedFailure();
            if (injected != null && !(call.write() && emulator.failAfterApplying())) {
                reply(ex, injected.httpCode(), injected.toEnvelope());
                return;
            }
            JsonNode answer;
            try {
                answer = call.answer().get();
            } catch (SheetsApiError e) {
                reply(ex, e.httpCode(), e.toEnvelope());
                return;
            }
            if (injected != null) {
                // The write landed but the caller is told it failed, as Google sometimes does.
                reply(ex, injected.httpCode(), injected.toEnvelope());
                return;
            }
            FieldMask mask = FieldMask.parse(first(query, "fields"));
            reply(ex, 200, mask == null ? answer : mask.apply(answer));
        } catch (RuntimeException e) {
            LOG.error("emulator failed on {} {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            replyQuietly(ex, 500, new SheetsApiError(500, "INTERNAL", "Internal error encountered.", null).toEnvelope());
        }
    }

    private Call route(HttpExchange ex, String path, Map<String, List<String>> query) throws IOException {
        String verb = ex.getRequestMethod();
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            if (!verb.equals("POST")) {
                return null;
            }
            JsonNode body = body(ex);
            return new Call("spreadsheets.create", true, () -> emulator.createFromRequest(body));
        }
        if (rest.charAt(0) != '/') {
            return null;
        }
        rest = rest.substring(1);
        int cut = indexOfAny(rest, '/', ':');
        String id = decode(cut < 0 ? rest : rest.substring(0, cut));
        String tail = cut < 0 ? "" : rest.substring(cut);
        Supplier<Spreadsheet> sheet = () -> emulator.spreadsheet(id);
        switch (verb + " " + tail) {
            case "GET " -> {
                List<String> ranges = query.getOrDefault("ranges", List.of());
                boolean grid = Boolean.parseBoolean(first(query, "includeGridData"));
                return new Call("spreadsheets.get", false, () -> sheet.get().get(ranges, grid));
            }
            case "POST :batchUpdate" -> {
                JsonNode body = body(ex);
                return new Call("spreadsheets.batchUpdate", true, () -> sheet.get().batchUpdate(body));
            }
            case "GET /values:batchGet" -> {
                List<String> ranges = query.getOrDefault("ranges", List.of());
                return new Call("values.batchGet", false, () -> sheet.get().valuesBatchGet(ranges, query));
            }
            case "POST /values:batchUpdate" -> {
                JsonNode body = body(ex);
                return new Call("values.batchUpdate", true, () -> sheet.get().valuesBatchUpdate(body));
            }
            case "POST /values:batchClear" -> {
                JsonNode body = body(ex);
                return new Call("values.batchClear", true, () -> sheet.get().valuesBatchClear(body));
            }
            case "POST /values:batchGetByDataFilter" -> {
                JsonNode body = body(ex);
                return new Call("values.batchGetByDataFilter", false,
                        () -> sheet.get().valuesBatchGetByDataFilter(body));
            }
            case "POST /values:batchUpdateByDataFilter" -> {
                JsonNode body = body(ex);
                return new Call("values.batchUpdateByDataFilter", true,
                        () -> sheet.get().valuesBatchUpdateByDataFilter(body));
            }
            case "POST /developerMetadata:search" -> {
                JsonNode body = body(ex);
                return new Call("developerMetadata.search", false, () -> sheet.get().developerMetadataSearch(body));
            }
            default -> {
                // Falls through to the single-range and single-metadata forms below.
            }
        }
        if (verb.equals("GET") && tail.startsWith("/developerMetadata/")) {
            String rawId = decode(tail.substring("/developerMetadata/".length()));
            int metadataId;
            try {
                metadataId = Integer.parseInt(rawId);
            } catch (NumberFormatException e) {
                throw SheetsApiError.invalidArgument("Invalid value at 'metadata_id' (TYPE_INT32), \"" + rawId + "\"");
            }
            return new Call("developerMetadata.get", false, () -> sheet.get().developerMetadataGet(metadataId));
        }
        if (!tail.startsWith("/values/")) {
            return null;
        }
        String encodedRange = tail.substring("/values/".length());
        if (verb.equals("POST") && encodedRange.endsWith(":append")) {
            String range = decode(encodedRange.substring(0, encodedRange.length() - ":append".length()));
            JsonNode body = body(ex);
            return new Call("values.append", true, () -> sheet.get().valuesAppend(range, body, query));
        }
        if (verb.equals("POST") && encodedRange.endsWith(":clear")) {
            String range = decode(encodedRange.substring(0, encodedRange.length() - ":clear".length()));
            body(ex);
            return new Call("values.clear", true, () -> sheet.get().valuesClear(range));
        }
        String range = decode(encodedRange);
        if (verb.equals("GET")) {
            return new Call("values.get", false, () -> sheet.get().valuesGet(range, query));
        }
        if (verb.equals("PUT")) {
            JsonNode body = body(ex);
            return new Call("values.update", true, () -> sheet.get().valuesUpdate(range, body, query));
        }
        return null;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** Percent-decodes a path segment; unlike form decoding, {@code +} stays a plus. */
    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The request body as JSON (gunzipped when the client says so; the Java client gzips by default). */
    private static JsonNode body(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw SheetsApiError.invalidArgument("Invalid JSON payload received. Expected an object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SheetsApiError.invalidArgument("Invalid JSON payload received. "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
    }

    /**
     * Who is calling, for per-user quotas and stats: a digest of the bearer token (never the token itself), else
     * {@code quotaUser}, else the client address.
     */
    static String caller(HttpExchange ex, Map<String, List<String>> query) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "token:" + digest(auth.substring(7).trim());
        }
        String quotaUser = first(query, "quotaUser");
        if (quotaUser != null && !quotaUser.isBlank()) {
            return "quotaUser:" + quotaUser;
        }
        return "address:" + ex.getRemoteAddress().getAddress().getHostAddress();
    }

    private static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers an API call, counting the body's bytes in the stats. */
    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        emulator.stats().responded(send(ex, status, body));
    }

    private void replyQuietly(HttpExchange ex, int status, ObjectNode body) {
        try {
            reply(ex, status, body);
        } catch (IOException | RuntimeException ignored) {
            // Headers may already be out; the client sees a broken response, which is all we can do.
        }
    }

    private static int send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return bytes.length;
    }
}
