package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Developer metadata on rows and the {@code DataFilter}s that address it: {@code createDeveloperMetadata},
 * {@code deleteDeveloperMetadata}, lookups, and the ranges a filter selects for the {@code ...ByDataFilter} methods.
 *
 * <p>Only ROW locations are modelled (what ytdc's row tags use); metadata on columns, sheets or the spreadsheet is
 * refused with a 400 naming the gap. Messages Google has not been recorded giving are marked as inferred.
 */
final class DeveloperMetadataOps {
    /** Google's limit on the characters of metadata keys and values located on one sheet. */
    static final int SHEET_STORAGE_LIMIT = 30_000;

    private DeveloperMetadataOps() {}

    /** Row metadata and the sheet it is on. */
    record Located(Sheet sheet, RowMetadata metadata) {
        /** The whole row it is on, as a data filter matching it selects. */
        GridArea row() {
            int r = metadata.row();
            return new GridArea(sheet.title, sheet.sheetId, r, r + 1, 0, sheet.columnCount);
        }
    }

    /** {@code createDeveloperMetadata}: one row's metadata; an id in use or the storage limit fails the batch. */
    static JsonNode create(Workbook wb, JsonNode body, RandomGenerator random) {
        JsonNode meta = body == null ? null : body.get("developerMetadata");
        if (meta == null || !meta.isObject()) {
            throw SheetsApiError.invalidArgument("developerMetadata is required"); // inferred wording
        }
        String key = Jsons.text(meta, "metadataKey", "");
        if (key.isEmpty()) {
            throw SheetsApiError.invalidArgument("Developer metadata must always have a key specified.");
        }
        String visibility = visibility(Jsons.text(meta, "visibility", null), "visibility");
        if (visibility == null) {
            throw SheetsApiError.invalidArgument("Developer metadata must always have visibility specified.");
        }
        JsonNode location = meta.get("location");
        JsonNode range = location == null ? null : location.get("dimensionRange");
        if (range == null || !range.isObject()) {
            if (location != null && (location.has("sheetId") || location.has("spreadsheet"))) {
                throw notImplemented("developer metadata on a sheet or the spreadsheet");
            }
            throw SheetsApiError.invalidArgument("Developer metadata must have a location."); // inferred
        }
        Sheet s = StructuralOps.sheet(wb, range);
        if (!"ROWS".equals(Jsons.text(range, "dimension", null))) {
            throw notImplemented("developer metadata on columns");
        }
        Integer start = Jsons.integer(range, "startIndex");
        Integer end = Jsons.integer(range, "endIndex");
        if (start == null || end == null || start < 0 || end != start + 1) {
            // Google's documentation: "must represent a single row or column. It cannot be unbounded or span
            // multiple rows or columns." The exact error text is inferred.
            throw SheetsApiError.invalidArgument("The location's DimensionRange must represent a single row or column.");
        }
        if (start >= s.rowCount) {
            throw Workbook.exceedsGrid(s, new GridArea(s.title, s.sheetId, start, end, 0, s.columnCount));
        }
        Integer id = Jsons.integer(meta, "metadataId");
        if (id != null && id <= 0) {
            throw SheetsApiError.invalidArgument("Developer metadata IDs must be positive: " + id); // inferred
        }
        if (id != null && find(wb, id) != null) {
            // Google refuses a taken id with a 400 that fails the whole batch; the wording is inferred.
            throw SheetsApiError.invalidArgument("Developer metadata with ID " + id + " already exists.");
        }
        if (id == null) {
            do {
                id = random.nextInt(1, Integer.MAX_VALUE);
            } while (find(wb, id) != null);
        }
        RowMetadata created = new RowMetadata(id, key, Jsons.text(meta, "metadataValue", null), visibility, start);
        s.rowMetadata.put(id, created);
        if (s.metadataStorage() > SHEET_STORAGE_LIMIT) {
            throw SheetsApiError.invalidArgument(
                    "Adding the requested developer metadata would exceed the allowed storage limit");
        }
        ObjectNode reply = Jsons.object();
        reply.set("developerMetadata", toJson(new Located(s, created)));
        return reply;
    }

    /**
     * {@code deleteDeveloperMetadata}: deletes everything the filter selects. A filter that selects nothing deletes
     * nothing and is no error (our assumption: Google documents no error for it).
     */
    static JsonNode delete(Workbook wb, JsonNode body) {
        JsonNode filter = body == null ? null : body.get("dataFilter");
        if (filter == null || !filter.isObject()) {
            throw SheetsApiError.invalidArgument("dataFilter is required"); // inferred wording
        }
        ObjectNode reply = Jsons.object();
        ArrayNode deleted = Jsons.array();
        for (Located l : matching(wb, filter, "dataFilter")) {
            deleted.add(toJson(l));
            l.sheet().rowMetadata.remove(l.metadata().id());
        }
        if (!deleted.isEmpty()) {
            reply.set("deletedDeveloperMetadata", deleted);
        }
        return reply;
    }

    /** The metadata with this id, or {@code null}. */
    static Located find(Workbook wb, int id) {
        for (Sheet s : wb.sheets) {
            RowMetadata m = s.rowMetadata.get(id);
            if (m != null) {
                return new Located(s, m);
            }
        }
        return null;
    }

    /**
     * The metadata a data filter selects: for a lookup, what matches every field it sets; for an A1 or grid range,
     * the metadata on rows that intersect it (as {@code developerMetadata.search} documents). Ordered by id.
     */
    static List<Located> matching(Workbook wb, JsonNode filter, String field) {
        checkOneOf(filter, field);
        List<Located> out = new ArrayList<>();
        JsonNode lookup = filter.get("developerMetadataLookup");
        if (lookup != null) {
            Lookup l = Lookup.parse(lookup, field + ".developer_metadata_lookup");
            for (Sheet s : wb.sheets) {
                s.rowMetadata.values().stream().filter(m -> l.matches(s, m)).forEach(m -> out.add(new Located(s, m)));
            }
        } else {
            GridArea area = filter.has("a1Range") ? wb.resolveForRead(RangeRef.parse(filter.get("a1Range").asText()))
                    : CellData.gridRange(wb, filter.get("gridRange"));
            Sheet s = wb.sheetById(area.sheetId());
            s.rowMetadata.values().stream().filter(m -> m.row() >= area.startRow() && m.row() < area.endRow())
                    .forEach(m -> out.add(new Located(s, m)));
        }
        out.sort((a, b) -> Integer.compare(a.metadata().id(), b.metadata().id()));
        return out;
    }

    /** The areas a data filter selects for a values read: an A1 or grid range as given, a lookup its rows. */
    static List<GridArea> readAreas(Workbook wb, JsonNode filter, String field) {
        checkOneOf(filter, field);
        if (filter.has("a1Range")) {
            return List.of(wb.resolveForRead(RangeRef.parse(filter.get("a1Range").asText())));
        }
        if (filter.has("gridRange")) {
            return List.of(CellData.gridRange(wb, filter.get("gridRange")));
        }
        return matching(wb, filter, field).stream().map(Located::row).toList();
    }

    /**
     * Where a data filter sends a values write: an A1 range exactly as {@code values.batchUpdate} takes it (a single
     * cell anchors), a grid range or a matched row as a bound the values must fit in.
     */
    static List<RangeRef> writeTargets(Workbook wb, JsonNode filter, String field) {
        checkOneOf(filter, field);
        if (filter.has("a1Range")) {
            return List.of(RangeRef.parse(filter.get("a1Range").asText()));
        }
        List<GridArea> areas = filter.has("gridRange") ? List.of(CellData.gridRange(wb, filter.get("gridRange")))
                : matching(wb, filter, field).stream().map(Located::row).toList();
        return areas.stream().map(a -> new RangeRef(a.title(), a.startRow(), a.endRow(), a.startCol(), a.endCol(),
                false, a.a1())).toList();
    }

    /** Google's {@code DeveloperMetadata} JSON of row metadata. */
    static ObjectNode toJson(Located l) {
        RowMetadata m = l.metadata();
        ObjectNode o = Jsons.object();
        o.put("metadataId", m.id());
        o.put("metadataKey", m.key());
        if (m.value() != null) {
            o.put("metadataValue", m.value());
        }
        ObjectNode location = o.putObject("location");
        location.put("locationType", "ROW");
        ObjectNode range = location.putObject("dimensionRange");
        range.put("sheetId", l.sheet().sheetId);
        range.put("dimension", "ROWS");
        range.put("startIndex", m.row());
        range.put("endIndex", m.row() + 1);
        o.put("visibility", m.visibility());
        return o;
    }

    private static void checkOneOf(JsonNode filter, String field) {
        int set = 0;
        for (String kind : List.of("a1Range", "gridRange", "developerMetadataLookup")) {
            if (filter != null && filter.hasNonNull(kind)) {
                set++;
            }
        }
        if (filter == null || !filter.isObject() || set != 1) {
            // The oneof rule is Google's; the wording is inferred.
            throw SheetsApiError.invalidArgument("exactly one of a1Range, gridRange or developerMetadataLookup must "
                    + "be set in " + field);
        }
    }

    /** A visibility enum, {@code null} when unspecified. */
    private static String visibility(String value, String field) {
        if (value == null || value.isEmpty() || value.equals("DEVELOPER_METADATA_VISIBILITY_UNSPECIFIED")) {
            return null;
        }
        if (!value.equals("DOCUMENT") && !value.equals("PROJECT")) {
            throw SheetsApiError.badEnum(field, "google.apps.sheets.v4.DeveloperMetadata.DeveloperMetadataVisibility",
                    value);
        }
        return value;
    }

    private static SheetsApiError notImplemented(String what) {
        return SheetsApiError.invalidArgument("the ytdc Sheets emulator does not implement " + what);
    }

    /** A {@code DeveloperMetadataLookup}: every field it sets must match. */
    private record Lookup(Integer id, String key, String value, String visibility, String locationType,
                          JsonNode location, boolean exact) {
        private static final List<String> LOCATION_TYPES = List.of("DEVELOPER_METADATA_LOCATION_TYPE_UNSPECIFIED",
                "ROW", "COLUMN", "SHEET", "SPREADSHEET");

        static Lookup parse(JsonNode lookup, String field) {
            String type = Jsons.text(lookup, "locationType", null);
            if (type != null && !LOCATION_TYPES.contains(type)) {
                throw SheetsApiError.badEnum(field + ".location_type",
                        "google.apps.sheets.v4.DeveloperMetadataLocation.DeveloperMetadataLocationType", type);
            }
            String strategy = Jsons.text(lookup, "locationMatchingStrategy", "INTERSECTING_LOCATION");
            if (!List.of("DEVELOPER_METADATA_LOCATION_MATCHING_STRATEGY_UNSPECIFIED", "EXACT_LOCATION",
                    "INTERSECTING_LOCATION").contains(strategy)) {
                throw SheetsApiError.badEnum(field + ".location_matching_strategy",
                        "google.apps.sheets.v4.DeveloperMetadataLookup.DeveloperMetadataLocationMatchingStrategy",
                        strategy);
            }
            JsonNode location = lookup.get("metadataLocation");
            if (lookup.has("locationMatchingStrategy") && location == null) {
                throw SheetsApiError.invalidArgument("locationMatchingStrategy requires metadataLocation"); // inferred
            }
            return new Lookup(Jsons.integer(lookup, "metadataId"), Jsons.text(lookup, "metadataKey", null),
                    Jsons.text(lookup, "metadataValue", null),
                    DeveloperMetadataOps.visibility(Jsons.text(lookup, "visibility", null), field + ".visibility"),
                    type == null || type.equals(LOCATION_TYPES.get(0)) ? null : type, location,
                    strategy.equals("EXACT_LOCATION"));
        }

        boolean matches(Sheet s, RowMetadata m) {
            return (id == null || id == m.id()) && (key == null || key.equals(m.key()))
                    && (value == null || value.equals(m.value()))
                    && (visibility == null || visibility.equals(m.visibility()))
                    && (locationType == null || locationType.equals("ROW"))
                    && (location == null || atLocation(s, m));
        }

        /** Row metadata is at a row location exactly, and intersects its sheet and the spreadsheet. */
        private boolean atLocation(Sheet s, RowMetadata m) {
            JsonNode range = location.get("dimensionRange");
            if (range != null) {
                Integer start = Jsons.integer(range, "startIndex");
                Integer end = Jsons.integer(range, "endIndex");
                int from = start == null ? 0 : start;
                int to = end == null ? Integer.MAX_VALUE : end;
                boolean sameSheet = Jsons.integer(range, "sheetId") == null ? s.sheetId == 0
                        : Jsons.integer(range, "sheetId") == s.sheetId;
                if (!sameSheet || !"ROWS".equals(Jsons.text(range, "dimension", null))) {
                    return false;
                }
                return exact ? from == m.row() && to == m.row() + 1 : m.row() >= from && m.row() < to;
            }
            if (exact) {
                return false;
            }
            Integer sheetId = Jsons.integer(location, "sheetId");
            return sheetId != null ? sheetId == s.sheetId : Jsons.flag(location, "spreadsheet");
        }
    }
}
