package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One Google spreadsheet in memory, speaking the Sheets v4 REST API: each method takes the request's JSON body
 * and query parameters and returns the JSON body Google would answer, or throws {@link SheetsApiError} with
 * Google's code, status and message.
 *
 * <p>Thread-safe with one lock. Every mutating call works on a fork of the state and replaces the live state only
 * when the whole call succeeded (and the {@link MutationListener}, if any, accepted the change), so a batch is applied
 * whole or not at all and readers never see half of it. A committed change is handed out as a JSON record: persisting
 * those in order, and {@link #replay replaying} them on the state they started from, rebuilds the state exactly.
 *
 * <p>Behaviour follows Google's recorded answers (see {@code SheetsEmulator} for the divergences kept).
 */
public final class Spreadsheet {

    /**
     * Told about every committed change, under the spreadsheet's lock and before the change becomes visible:
     * persist it here. Throwing aborts the change. Not told about {@link #replay replayed} changes.
     */
    @FunctionalInterface
    public interface MutationListener {
        /**
         * @param change the change as a record for {@link #replay}: a new object, to which the listener may add
         *               fields of its own (replay ignores them)
         */
        void beforeCommit(String spreadsheetId, ObjectNode change);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final StructuralOps structural = new StructuralOps();
    private final RandomGenerator random;
    private Workbook live;
    private volatile MutationListener listener;
    /** The change being applied, under the lock; its seed drives the change's random choices. */
    private Mutation current;
    private boolean replaying;

    private Spreadsheet(Workbook workbook, RandomGenerator random) {
        this.live = workbook;
        this.random = random;
    }

    /** A new spreadsheet as Google creates it: one tab {@code Sheet1}, sheetId 0, 1000 rows by 26 columns. */
    public static Spreadsheet create(String spreadsheetId, String title) {
        return create(spreadsheetId, title, RandomGenerator.getDefault());
    }

    /** As {@link #create(String, String)}, drawing new sheet ids from {@code random}. */
    public static Spreadsheet create(String spreadsheetId, String title, RandomGenerator random) {
        Objects.requireNonNull(spreadsheetId, "spreadsheetId");
        Workbook wb = new Workbook(spreadsheetId, title == null ? "Untitled spreadsheet" : title);
        wb.sheets.add(new Sheet(0, "Sheet1", 1000, 26));
        return new Spreadsheet(wb, random);
    }

    /**
     * Restores a spreadsheet from {@link #toSnapshot()}.
     *
     * @throws IllegalArgumentException when the JSON is not a snapshot
     */
    public static Spreadsheet fromSnapshot(JsonNode snapshot) {
        return fromSnapshot(snapshot, RandomGenerator.getDefault());
    }

    public static Spreadsheet fromSnapshot(JsonNode snapshot, RandomGenerator random) {
        return new Spreadsheet(Snapshots.fromSnapshot(snapshot), random);
    }

    /** The whole state as JSON, for persistence. */
    public JsonNode toSnapshot() {
        return Snapshots.toSnapshot(sealed());
    }

    /**
     * Streams the whole state to {@code out} as {@link #toSnapshot()} renders it, without holding the lock meanwhile (a
     * committed state is never changed, so changes committed during the write are simply not in it).
     *
     * @param extra top-level fields to write along (a store's bookkeeping); {@link #readSnapshot} hands them back
     */
    public void writeSnapshot(JsonGenerator out, Map<String, ?> extra) throws IOException {
        Snapshots.write(sealed(), out, extra);
    }

    /**
     * Reads what {@link #writeSnapshot} wrote (or any {@link #toSnapshot()}), streaming the rows.
     *
     * @param extra told about each top-level field that is not part of the spreadsheet
     * @throws IllegalArgumentException when the document is not a snapshot
     */
    public static Spreadsheet readSnapshot(JsonParser in, BiConsumer<String, JsonNode> extra, RandomGenerator random)
            throws IOException {
        return new Spreadsheet(Snapshots.read(in, extra), random);
    }

    /**
     * A copy of the state now, sharing everything with this spreadsheet until one of them changes (copy-on-write), for
     * writing a snapshot of this instant while changes go on. Has no listener.
     */
    public Spreadsheet copy() {
        return new Spreadsheet(sealed(), random);
    }

    /**
     * Copies of several spreadsheets at one instant: while every one of them is locked (so no change is half applied
     * in any), {@code whileLocked} runs (to note where a log is), then each is copied. Callers must list spreadsheets
     * in one fixed order, and must not hold a spreadsheet's lock or anything a listener waits for.
     */
    public static List<Spreadsheet> copyAll(List<Spreadsheet> spreadsheets, Runnable whileLocked) {
        int locked = 0;
        try {
            for (Spreadsheet s : spreadsheets) {
                s.lock.lock();
                locked++;
            }
            whileLocked.run();
            List<Spreadsheet> copies = new ArrayList<>(spreadsheets.size());
            spreadsheets.forEach(s -> copies.add(s.copy()));
            return copies;
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                spreadsheets.get(i).lock.unlock();
            }
        }
    }

    private Workbook sealed() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies a change this or another copy of the spreadsheet committed, with the random choices it made then. Applied
     * in commit order to the state the first one started from, changes rebuild the state exactly. The listener is
     * not told.
     *
     * @param change a record the {@link MutationListener} was handed
     * @return the answer, as when the change was first made
     * @throws IllegalArgumentException when {@code change} is not a recorded change
     */
    public JsonNode replay(JsonNode change) {
        // The record's format is this package's own (Mutation), so that only the model knows what a change holds.
        Mutation mutation = Mutation.fromJson(change);
        lock.lock();
        try {
            replaying = true;
            return run(mutation);
        } finally {
            replaying = false;
            lock.unlock();
        }
    }

    /** Runs a change made now: its seed drawn here, under the lock, from the spreadsheet's random source. */
    private JsonNode submit(Mutation m) {
        lock.lock();
        try {
            return run(new Mutation(m.method(), m.range(), m.body(), m.query(), random.nextLong()));
        } finally {
            lock.unlock();
        }
    }

    private JsonNode run(Mutation m) {
        Mutation outer = current;
        current = m;
        try {
            return switch (m.method()) {
                case Mutation.BATCH_UPDATE -> applyBatchUpdate(m.body());
                case Mutation.VALUES_UPDATE -> applyValuesUpdate(m.range(), m.body(), m.query());
                case Mutation.VALUES_BATCH_UPDATE -> applyValuesBatchUpdate(m.body());
                case Mutation.VALUES_BATCH_UPDATE_BY_DATA_FILTER -> applyValuesBatchUpdateByDataFilter(m.body());
                case Mutation.VALUES_APPEND -> applyValuesAppend(m.range(), m.body(), m.query());
                case Mutation.VALUES_CLEAR -> applyValuesClear(m.range());
                case Mutation.VALUES_BATCH_CLEAR -> applyValuesBatchClear(m.body());
                default -> throw new IllegalArgumentException("not a spreadsheet mutation: " + m.method());
            };
        } finally {
            current = outer;
        }
    }

    public String spreadsheetId() {
        return live.spreadsheetId;
    }

    /** Installs the listener that persists committed changes ({@code null} removes it). */
    public void setMutationListener(MutationListener listener) {
        this.listener = listener;
    }

    /** {@code spreadsheets.get}: properties and sheets; {@code ranges} limit the sheets (and grid data) returned. */
    public JsonNode get(List<String> ranges, boolean includeGridData) {
        return read(wb -> {
            List<GridArea> areas = new ArrayList<>();
            if (ranges != null) {
                ranges.forEach(r -> areas.add(wb.resolveForRead(RangeRef.parse(r))));
            }
            return Snapshots.spreadsheet(wb, areas, includeGridData);
        });
    }

    /** {@code spreadsheets.batchUpdate}: all requests applied in order, all or nothing; replies 1:1. */
    public JsonNode batchUpdate(JsonNode body) {
        return submit(new Mutation(Mutation.BATCH_UPDATE, null, body, null, 0));
    }

    private JsonNode applyBatchUpdate(JsonNode body) {
        JsonNode requests = body == null ? null : body.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw SheetsApiError.invalidArgument("Must specify at least one request.");
        }
        // One generator per change, seeded by the change, so a replay draws the same sheet and metadata ids.
        RandomGenerator rng = new java.util.SplittableRandom(current.seed());
        return mutate(wb -> {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            ArrayNode replies = response.putArray("replies");
            for (int i = 0; i < requests.size(); i++) {
                replies.add(structural.apply(wb, requests.get(i), i, rng));
            }
            if (Jsons.flag(body, "includeSpreadsheetInResponse")) {
                List<GridArea> areas = new ArrayList<>();
                body.path("responseRanges").forEach(r -> areas.add(wb.resolveForRead(RangeRef.parse(r.asText()))));
                response.set("updatedSpreadsheet",
                        Snapshots.spreadsheet(wb, areas, Jsons.flag(body, "responseIncludeGridData")));
            }
            return response;
        });
    }

    /** {@code values.get}. Query: {@code majorDimension}, {@code valueRenderOption}, {@code dateTimeRenderOption}. */
    public JsonNode valuesGet(String range, Map<String, List<String>> query) {
        ReadOptions options = ReadOptions.of(query, "");
        return read(wb -> ValueOps.read(wb, wb.resolveForRead(RangeRef.parse(range)), options.major, options.render));
    }

    /** {@code values.batchGet}: one ValueRange per range, in request order. */
    public JsonNode valuesBatchGet(List<String> ranges, Map<String, List<String>> query) {
        ReadOptions options = ReadOptions.of(query, "");
        return read(wb -> {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            if (ranges != null && !ranges.isEmpty()) {
                ArrayNode out = response.putArray("valueRanges");
                for (String r : ranges) {
                    out.add(ValueOps.read(wb, wb.resolveForRead(RangeRef.parse(r)), options.major, options.render));
                }
            }
            return response;
        });
    }

    /**
     * {@code values.update} (PUT). Query: {@code valueInputOption} (required), {@code includeValuesInResponse},
     * {@code responseValueRenderOption}, {@code responseDateTimeRenderOption}.
     */
    public JsonNode valuesUpdate(String range, JsonNode body, Map<String, List<String>> query) {
        return submit(new Mutation(Mutation.VALUES_UPDATE, range, body, query, 0));
    }

    private JsonNode applyValuesUpdate(String range, JsonNode body, Map<String, List<String>> query) {
        CellValue.Input input = ValueOps.input(Jsons.query(query, "valueInputOption", null), "value_input_option");
        ResponseOptions response = ResponseOptions.of(Jsons.queryFlag(query, "includeValuesInResponse"),
                Jsons.query(query, "responseValueRenderOption", null),
                Jsons.query(query, "responseDateTimeRenderOption", null));
        RangeRef ref = RangeRef.parse(range);
        List<List<JsonNode>> rows = ValueOps.matrix(body == null ? Jsons.object() : body, "");
        return mutate(wb -> {
            ValueOps.Written w = ValueOps.write(wb, ref, rows, input, "");
            response.addData(wb, w.response(), w.area(), majorOf(body));
            return w.response();
        });
    }

    /** {@code values.batchUpdate}: every range written or none; errors say {@code Invalid data[i]: ...}. */
    public JsonNode valuesBatchUpdate(JsonNode body) {
        return submit(new Mutation(Mutation.VALUES_BATCH_UPDATE, null, body, null, 0));
    }

    private JsonNode applyValuesBatchUpdate(JsonNode body) {
        CellValue.Input input = ValueOps.input(Jsons.text(body, "valueInputOption", null), "value_input_option");
        ResponseOptions options = ResponseOptions.of(Jsons.flag(body, "includeValuesInResponse"),
                Jsons.text(body, "responseValueRenderOption", null),
                Jsons.text(body, "responseDateTimeRenderOption", null));
        JsonNode data = body.path("data");
        List<RangeRef> refs = new ArrayList<>();
        List<List<List<JsonNode>>> matrices = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            try {
                refs.add(RangeRef.parse(Jsons.text(data.get(i), "range", "")));
                matrices.add(ValueOps.matrix(data.get(i), "data[" + i + "]."));
            } catch (SheetsApiError e) {
                throw prefixData(e, i);
            }
        }
        return mutate(wb -> {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            ArrayNode responses = Jsons.array();
            int rows = 0;
            int cols = 0;
            int cells = 0;
            Set<Integer> sheets = new HashSet<>();
            for (int i = 0; i < refs.size(); i++) {
                try {
                    ValueOps.Written w = ValueOps.write(wb, refs.get(i), matrices.get(i), input, "data[" + i + "].");
                    options.addData(wb, w.response(), w.area(), majorOf(data.get(i)));
                    responses.add(w.response());
                    rows += w.response().path("updatedRows").asInt();
                    cols += w.response().path("updatedColumns").asInt();
                    cells += w.response().path("updatedCells").asInt();
                    if (w.response().path("updatedCells").asInt() > 0) {
                        sheets.add(w.area().sheetId());
                    }
                } catch (SheetsApiError e) {
                    throw prefixData(e, i);
                }
            }
            putIfPositive(response, "totalUpdatedRows", rows);
            putIfPositive(response, "totalUpdatedColumns", cols);
            putIfPositive(response, "totalUpdatedCells", cells);
            putIfPositive(response, "totalUpdatedSheets", sheets.size());
            if (!responses.isEmpty()) {
                response.set("responses", responses);
            }
            return response;
        });
    }

    /**
     * {@code values.batchGetByDataFilter}: body {@code {dataFilters, majorDimension, valueRenderOption,
     * dateTimeRenderOption}}. One {@code MatchedValueRange} per range selected, in the order the filters first select
     * them; filters selecting the same range share its entry (Google's {@code dataFilters} is a list: inferred). An A1
     * range reads exactly as in {@code values.batchGet}; a metadata lookup selects each matched row whole. A filter
     * selecting nothing adds nothing.
     */
    public JsonNode valuesBatchGetByDataFilter(JsonNode body) {
        JsonNode b = body == null ? Jsons.object() : body;
        ReadOptions options = ReadOptions.of(fieldsAsQuery(b, "majorDimension", "valueRenderOption",
                "dateTimeRenderOption"), "");
        JsonNode filters = b.path("dataFilters");
        return read(wb -> {
            Map<GridArea, ObjectNode> matched = new LinkedHashMap<>();
            for (int i = 0; i < filters.size(); i++) {
                JsonNode filter = filters.get(i);
                for (GridArea area : DeveloperMetadataOps.readAreas(wb, filter, "data_filters[" + i + "]")) {
                    ObjectNode entry = matched.computeIfAbsent(area, a -> {
                        ObjectNode e = Jsons.object();
                        e.set("valueRange", ValueOps.read(wb, a, options.major, options.render));
                        e.putArray("dataFilters");
                        return e;
                    });
                    ((ArrayNode) entry.get("dataFilters")).add(filter.deepCopy());
                }
            }
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            if (!matched.isEmpty()) {
                ArrayNode out = response.putArray("valueRanges");
                matched.values().forEach(out::add);
            }
            return response;
        });
    }

    /**
     * {@code values.batchUpdateByDataFilter}: body {@code {valueInputOption, data:[{dataFilter, majorDimension,
     * values}], includeValuesInResponse, ...}}; all or nothing. Values go to every range a filter selects (a matched
     * row from column A) and must fit in it. A filter selecting nothing writes nothing and has no entry in
     * {@code responses} (our assumption: Google documents no answer for it).
     */
    public JsonNode valuesBatchUpdateByDataFilter(JsonNode body) {
        return submit(new Mutation(Mutation.VALUES_BATCH_UPDATE_BY_DATA_FILTER, null, body, null, 0));
    }

    private JsonNode applyValuesBatchUpdateByDataFilter(JsonNode body) {
        CellValue.Input input = ValueOps.input(Jsons.text(body, "valueInputOption", null), "value_input_option");
        ResponseOptions options = ResponseOptions.of(Jsons.flag(body, "includeValuesInResponse"),
                Jsons.text(body, "responseValueRenderOption", null),
                Jsons.text(body, "responseDateTimeRenderOption", null));
        JsonNode data = body.path("data");
        List<List<List<JsonNode>>> matrices = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            try {
                matrices.add(ValueOps.matrix(data.get(i), "data[" + i + "]."));
            } catch (SheetsApiError e) {
                throw prefixData(e, i);
            }
        }
        return mutate(wb -> {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            ArrayNode responses = Jsons.array();
            int rows = 0;
            int cols = 0;
            int cells = 0;
            Set<Integer> sheets = new HashSet<>();
            for (int i = 0; i < data.size(); i++) {
                JsonNode filter = data.get(i).get("dataFilter");
                try {
                    for (RangeRef ref : DeveloperMetadataOps.writeTargets(wb, filter, "data[" + i + "].data_filter")) {
                        ValueOps.Written w = ValueOps.write(wb, ref, matrices.get(i), input, "data[" + i + "].");
                        ObjectNode entry = Jsons.object();
                        for (String f : List.of("updatedRange", "updatedRows", "updatedColumns", "updatedCells")) {
                            if (w.response().has(f)) {
                                entry.set(f, w.response().get(f));
                            }
                        }
                        entry.set("dataFilter", filter.deepCopy());
                        options.addData(wb, entry, w.area(), majorOf(data.get(i)));
                        responses.add(entry);
                        rows += entry.path("updatedRows").asInt();
                        cols += entry.path("updatedColumns").asInt();
                        cells += entry.path("updatedCells").asInt();
                        if (entry.path("updatedCells").asInt() > 0) {
                            sheets.add(w.area().sheetId());
                        }
                    }
                } catch (SheetsApiError e) {
                    throw prefixData(e, i);
                }
            }
            putIfPositive(response, "totalUpdatedRows", rows);
            putIfPositive(response, "totalUpdatedColumns", cols);
            putIfPositive(response, "totalUpdatedCells", cells);
            putIfPositive(response, "totalUpdatedSheets", sheets.size());
            if (!responses.isEmpty()) {
                response.set("responses", responses);
            }
            return response;
        });
    }

    /**
     * {@code developerMetadata.search}: body {@code {dataFilters}}. Each metadata any filter selects, once, with every
     * filter that selected it, ordered by id (Google documents no order).
     */
    public JsonNode developerMetadataSearch(JsonNode body) {
        JsonNode filters = body == null ? Jsons.array() : body.path("dataFilters");
        return read(wb -> {
            Map<Integer, ObjectNode> found = new TreeMap<>();
            for (int i = 0; i < filters.size(); i++) {
                JsonNode filter = filters.get(i);
                for (DeveloperMetadataOps.Located l : DeveloperMetadataOps.matching(wb, filter,
                        "data_filters[" + i + "]")) {
                    ObjectNode entry = found.computeIfAbsent(l.metadata().id(), id -> {
                        ObjectNode e = Jsons.object();
                        e.set("developerMetadata", DeveloperMetadataOps.toJson(l));
                        e.putArray("dataFilters");
                        return e;
                    });
                    ((ArrayNode) entry.get("dataFilters")).add(filter.deepCopy());
                }
            }
            ObjectNode response = Jsons.object();
            if (!found.isEmpty()) {
                ArrayNode out = response.putArray("matchedDeveloperMetadata");
                found.values().forEach(out::add);
            }
            return response;
        });
    }

    /** {@code developerMetadata.get}: the metadata with this id, or 404 (wording inferred). */
    public JsonNode developerMetadataGet(int metadataId) {
        return read(wb -> {
            DeveloperMetadataOps.Located l = DeveloperMetadataOps.find(wb, metadataId);
            if (l == null) {
                throw new SheetsApiError(404, "NOT_FOUND", "No developer metadata with ID: " + metadataId, null);
            }
            return DeveloperMetadataOps.toJson(l);
        });
    }

    /** Body fields read the way query parameters are, so the options of both forms share one parser. */
    private static Map<String, List<String>> fieldsAsQuery(JsonNode body, String... names) {
        Map<String, List<String>> query = new HashMap<>();
        for (String name : names) {
            String v = Jsons.text(body, name, null);
            if (v != null) {
                query.put(name, List.of(v));
            }
        }
        return query;
    }

    private static SheetsApiError prefixData(SheetsApiError e, int i) {
        return e.getMessage().startsWith("Invalid value at") ? e : e.withPrefix("Invalid data[" + i + "]: ");
    }

    /**
     * {@code values.append}. Query: {@code valueInputOption} (required), {@code insertDataOption} (OVERWRITE by
     * default, or INSERT_ROWS), {@code includeValuesInResponse}, {@code responseValueRenderOption}.
     */
    public JsonNode valuesAppend(String range, JsonNode body, Map<String, List<String>> query) {
        return submit(new Mutation(Mutation.VALUES_APPEND, range, body, query, 0));
    }

    private JsonNode applyValuesAppend(String range, JsonNode body, Map<String, List<String>> query) {
        CellValue.Input input = ValueOps.input(Jsons.query(query, "valueInputOption", null), "value_input_option");
        ValueOps.InsertData mode = ValueOps.parseEnum(ValueOps.InsertData.class,
                Jsons.query(query, "insertDataOption", null), ValueOps.InsertData.OVERWRITE, "insert_data_option",
                "google.apps.sheets.v4.AppendValuesRequest.InsertDataOption");
        ResponseOptions options = ResponseOptions.of(Jsons.queryFlag(query, "includeValuesInResponse"),
                Jsons.query(query, "responseValueRenderOption", null),
                Jsons.query(query, "responseDateTimeRenderOption", null));
        RangeRef ref = RangeRef.parse(range);
        List<List<JsonNode>> rows = ValueOps.matrix(body == null ? Jsons.object() : body, "");
        return mutate(wb -> {
            ObjectNode response = ValueOps.append(wb, ref, rows, input, mode);
            ObjectNode updates = (ObjectNode) response.get("updates");
            if (options.include) {
                GridArea area = wb.resolveForRead(RangeRef.parse(updates.get("updatedRange").asText()));
                options.addData(wb, updates, area, majorOf(body));
            }
            return response;
        });
    }

    /** {@code values.clear}: values only; formats and validation stay. */
    public JsonNode valuesClear(String range) {
        return submit(new Mutation(Mutation.VALUES_CLEAR, range, null, null, 0));
    }

    private JsonNode applyValuesClear(String range) {
        RangeRef ref = RangeRef.parse(range);
        return mutate(wb -> {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            response.put("clearedRange", ValueOps.clear(wb, ref));
            return response;
        });
    }

    /** {@code values.batchClear}: body {@code {"ranges":[...]}}; all or nothing. */
    public JsonNode valuesBatchClear(JsonNode body) {
        return submit(new Mutation(Mutation.VALUES_BATCH_CLEAR, null, body, null, 0));
    }

    private JsonNode applyValuesBatchClear(JsonNode body) {
        List<RangeRef> refs = new ArrayList<>();
        body.path("ranges").forEach(r -> refs.add(RangeRef.parse(r.asText())));
        return mutate(wb -> {
            ObjectNode response = Jsons.object();
            response.put("spreadsheetId", wb.spreadsheetId);
            if (!refs.isEmpty()) {
                ArrayNode cleared = response.putArray("clearedRanges");
                refs.forEach(r -> cleared.add(ValueOps.clear(wb, r)));
            }
            return response;
        });
    }

    private static ValueOps.Dimension majorOf(JsonNode valueRange) {
        return ValueOps.dimension(Jsons.text(valueRange, "majorDimension", null), "major_dimension");
    }

    private static void putIfPositive(ObjectNode node, String field, int n) {
        if (n > 0) {
            node.put(field, n);
        }
    }

    /**
     * Runs {@code op} holding this spreadsheet's lock, so that the calls it makes are applied with nothing in
     * between: a compare-and-set of a read and a write.
     */
    public <T> T atomically(java.util.function.Supplier<T> op) {
        lock.lock();
        try {
            return op.get();
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Function<Workbook, T> op) {
        lock.lock();
        try {
            return op.apply(live);
        } finally {
            lock.unlock();
        }
    }

    private <T> T mutate(Function<Workbook, T> op) {
        lock.lock();
        try {
            Workbook work = live.fork();
            T result = op.apply(work);
            MutationListener l = listener;
            if (l != null && !replaying) {
                l.beforeCommit(work.spreadsheetId, current.toJson());
            }
            work.seal();
            live = work;
            return result;
        } finally {
            lock.unlock();
        }
    }

    private record ReadOptions(ValueOps.Dimension major, CellValue.Render render) {
        static ReadOptions of(Map<String, List<String>> query, String prefix) {
            ValueOps.Dimension major = ValueOps.dimension(Jsons.query(query, "majorDimension", null),
                    prefix + "major_dimension");
            CellValue.Render render = ValueOps.render(Jsons.query(query, "valueRenderOption", null),
                    prefix + "value_render_option");
            ValueOps.dateTimeRender(Jsons.query(query, "dateTimeRenderOption", null), prefix + "date_time_render_option");
            return new ReadOptions(major, render);
        }
    }

    /** What {@code includeValuesInResponse} asks for. */
    private record ResponseOptions(boolean include, CellValue.Render render) {
        static ResponseOptions of(boolean include, String render, String dateTime) {
            ValueOps.dateTimeRender(dateTime, "response_date_time_render_option");
            return new ResponseOptions(include, ValueOps.render(render, "response_value_render_option"));
        }

        void addData(Workbook wb, ObjectNode response, GridArea area, ValueOps.Dimension major) {
            if (include) {
                response.set("updatedData", ValueOps.read(wb, area, major, render));
            }
        }
    }
}
