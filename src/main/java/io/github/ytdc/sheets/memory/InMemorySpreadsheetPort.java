package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.GuardedWrite;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TabInfo;
import io.github.ytdc.sheets.TagWrite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SpreadsheetPort} over an in-memory {@link Spreadsheet}: each port call is rendered as the REST JSON the
 * Google client would send, answered by the model, and the reply parsed back, so this port behaves exactly as
 * the emulator and (as far as recorded) Google. Reads use FORMATTED_VALUE, writes RAW, appends INSERT_ROWS.
 */
public final class InMemorySpreadsheetPort implements SpreadsheetPort {
    private static final Pattern AREA_START = Pattern.compile("!?[A-Z]+([0-9]+)(?::[A-Z]+([0-9]+))?$");
    private static final Map<String, List<String>> READ = Map.of(
            "valueRenderOption", List.of("FORMATTED_VALUE"), "majorDimension", List.of("ROWS"));
    private static final Map<String, List<String>> APPEND = Map.of(
            "valueInputOption", List.of("RAW"), "insertDataOption", List.of("INSERT_ROWS"));

    private final Spreadsheet spreadsheet;
    private final boolean compareAndSet;

    public InMemorySpreadsheetPort(Spreadsheet spreadsheet) {
        this(spreadsheet, false);
    }

    private InMemorySpreadsheetPort(Spreadsheet spreadsheet, boolean compareAndSet) {
        this.spreadsheet = Objects.requireNonNull(spreadsheet, "spreadsheet");
        this.compareAndSet = compareAndSet;
    }

    /**
     * This port, offering {@link #compareAndSet} (claims decided at once). Off by default, so that the model answers
     * exactly as Google does; local mode and single-process library use turn it on.
     */
    public InMemorySpreadsheetPort withCompareAndSet() {
        return new InMemorySpreadsheetPort(spreadsheet, true);
    }

    @Override
    public boolean supportsCompareAndSet() {
        return compareAndSet;
    }

    @Override
    public List<Boolean> compareAndSet(List<GuardedWrite> writes) {
        if (!compareAndSet) {
            return SpreadsheetPort.super.compareAndSet(writes);
        }
        return spreadsheet.atomically(() -> {
            List<Boolean> applied = new ArrayList<>();
            for (GuardedWrite w : writes) {
                List<List<String>> rows = batchGet(List.of(A1.rows(w.tab(), w.rowNumber(), w.rowNumber()))).get(0)
                        .rows();
                List<String> cells = rows.isEmpty() ? List.of() : rows.get(0);
                boolean holds = w.expected().entrySet().stream().allMatch(e -> {
                    String now = e.getKey() < cells.size() && cells.get(e.getKey()) != null ? cells.get(e.getKey()) : "";
                    return now.trim().equals(e.getValue().trim());
                });
                if (holds && !w.values().isEmpty()) {
                    List<RangeWrite> cellWrites = new ArrayList<>();
                    w.values().forEach((column, value) -> cellWrites.add(
                            RangeWrite.cell(A1.cell(w.tab(), column, w.rowNumber()), value)));
                    batchUpdateValues(cellWrites);
                }
                applied.add(holds);
            }
            return applied;
        });
    }

    /** A port over a fresh spreadsheet with one {@code Sheet1} tab. */
    public static InMemorySpreadsheetPort create(String spreadsheetId) {
        return new InMemorySpreadsheetPort(Spreadsheet.create(spreadsheetId, "ytdc"));
    }

    /** The model behind this port, e.g. for a test that edits the sheet as a person would. */
    public Spreadsheet spreadsheet() {
        return spreadsheet;
    }

    @Override
    public String spreadsheetId() {
        return spreadsheet.spreadsheetId();
    }

    @Override
    public SpreadsheetInfo getInfo() {
        JsonNode body = call(() -> spreadsheet.get(List.of(), false));
        List<TabInfo> tabs = new ArrayList<>();
        for (JsonNode sheet : body.path("sheets")) {
            JsonNode p = sheet.path("properties");
            JsonNode grid = p.path("gridProperties");
            tabs.add(new TabInfo(p.path("sheetId").asInt(), p.path("title").asText(), p.path("index").asInt(),
                    grid.path("rowCount").asInt(), grid.path("columnCount").asInt(),
                    grid.path("frozenRowCount").asInt()));
        }
        return new SpreadsheetInfo(body.path("spreadsheetId").asText(), body.path("properties").path("title").asText(),
                tabs);
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        JsonNode body = call(() -> spreadsheet.valuesBatchGet(ranges, READ));
        List<CellRange> out = new ArrayList<>();
        for (JsonNode vr : body.path("valueRanges")) {
            out.add(new CellRange(vr.path("range").asText(), rows(vr)));
        }
        return out;
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        ObjectNode body = Jsons.object();
        body.put("valueInputOption", "RAW");
        ArrayNode data = body.putArray("data");
        for (RangeWrite w : writes) {
            ObjectNode vr = data.addObject();
            vr.put("range", w.range());
            vr.put("majorDimension", "ROWS");
            vr.set("values", values(w.rows()));
        }
        call(() -> spreadsheet.valuesBatchUpdate(body));
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        ObjectNode body = Jsons.object();
        body.put("range", range);
        body.put("majorDimension", "ROWS");
        body.set("values", values(rows));
        JsonNode response = call(() -> spreadsheet.valuesAppend(range, body, APPEND));
        String updated = response.path("updates").path("updatedRange").asText();
        Matcher m = AREA_START.matcher(updated);
        int firstRow = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int written = response.path("updates").path("updatedRows").asInt();
        return new AppendResult(updated, firstRow, written);
    }

    @Override
    public void batchClear(List<String> ranges) {
        ObjectNode body = Jsons.object();
        ArrayNode list = body.putArray("ranges");
        ranges.forEach(list::add);
        call(() -> spreadsheet.valuesBatchClear(body));
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        ObjectNode body = Jsons.object();
        ArrayNode list = body.putArray("requests");
        requests.forEach(r -> list.add(r.toJson()));
        call(() -> spreadsheet.batchUpdate(body));
    }

    @Override
    public FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds) {
        ObjectNode body = Jsons.object();
        ArrayNode filters = body.putArray("dataFilters");
        a1Ranges.forEach(r -> filters.addObject().put("a1Range", r));
        tagIds.forEach(id -> filters.addObject().putObject("developerMetadataLookup").put("metadataId", id));
        body.put("majorDimension", "ROWS");
        body.put("valueRenderOption", "FORMATTED_VALUE");
        JsonNode response = call(() -> spreadsheet.valuesBatchGetByDataFilter(body));
        List<FilteredRead.Match> matches = new ArrayList<>();
        for (JsonNode matched : response.path("valueRanges")) {
            JsonNode vr = matched.path("valueRange");
            List<String> a1 = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (JsonNode f : matched.path("dataFilters")) {
                if (f.has("a1Range")) {
                    a1.add(f.get("a1Range").asText());
                } else if (f.path("developerMetadataLookup").has("metadataId")) {
                    ids.add(f.path("developerMetadataLookup").path("metadataId").asInt());
                }
            }
            matches.add(new FilteredRead.Match(vr.path("range").asText(), rows(vr), a1, ids));
        }
        return FilteredRead.assemble(a1Ranges, matches);
    }

    @Override
    public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
        ObjectNode body = Jsons.object();
        body.put("valueInputOption", "RAW");
        ArrayNode data = body.putArray("data");
        for (RangeWrite w : a1Writes) {
            ObjectNode d = data.addObject();
            d.putObject("dataFilter").put("a1Range", w.range());
            d.put("majorDimension", "ROWS");
            d.set("values", values(w.rows()));
        }
        for (TagWrite w : tagWrites) {
            ObjectNode d = data.addObject();
            d.putObject("dataFilter").putObject("developerMetadataLookup").put("metadataId", w.metadataId());
            d.put("majorDimension", "ROWS");
            d.set("values", values(List.of(w.values())));
        }
        JsonNode response = call(() -> spreadsheet.valuesBatchUpdateByDataFilter(body));
        Set<Integer> written = new LinkedHashSet<>();
        for (JsonNode r : response.path("responses")) {
            JsonNode lookup = r.path("dataFilter").path("developerMetadataLookup");
            if (lookup.has("metadataId")) {
                written.add(lookup.get("metadataId").asInt());
            }
        }
        return written;
    }

    @Override
    public List<RowTagLocation> searchTags(String key) {
        ObjectNode body = Jsons.object();
        body.putArray("dataFilters").addObject().putObject("developerMetadataLookup").put("metadataKey", key);
        JsonNode response = call(() -> spreadsheet.developerMetadataSearch(body));
        List<RowTagLocation> out = new ArrayList<>();
        for (JsonNode matched : response.path("matchedDeveloperMetadata")) {
            JsonNode meta = matched.path("developerMetadata");
            JsonNode range = meta.path("location").path("dimensionRange");
            if ("ROWS".equals(range.path("dimension").asText())) {
                out.add(new RowTagLocation(meta.path("metadataId").asInt(), range.path("sheetId").asInt(),
                        range.path("startIndex").asInt()));
            }
        }
        out.sort(Comparator.comparingInt(RowTagLocation::metadataId));
        return out;
    }

    private static List<List<String>> rows(JsonNode valueRange) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : valueRange.path("values")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asText()));
            rows.add(cells);
        }
        return rows;
    }

    /** Rows as a JSON {@code values} array; a {@code null} cell becomes JSON null (skip this cell). */
    private static ArrayNode values(List<List<String>> rows) {
        ArrayNode values = Jsons.array();
        for (List<String> row : rows) {
            ArrayNode r = values.addArray();
            row.forEach(c -> {
                if (c == null) {
                    r.addNull();
                } else {
                    r.add(c);
                }
            });
        }
        return values;
    }

    /** Runs one model request; Google's error answers become {@link io.github.ytdc.sheets.SheetsException}. */
    private static JsonNode call(Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (SheetsApiError e) {
            throw e.toSheetsException();
        }
    }
}
