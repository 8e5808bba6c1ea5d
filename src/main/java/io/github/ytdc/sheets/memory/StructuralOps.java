package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The {@code spreadsheets.batchUpdate} requests the model supports, each applied to a workbook fork. A handler
 * throws {@link SheetsApiError} with Google's bare message; the caller adds the {@code Invalid requests[i].kind: }
 * prefix and drops the fork, so a batch is applied whole or not at all.
 */
final class StructuralOps {
    /** Request kinds Google knows that this model does not implement (refused with a clear 400). */
    private static final Set<String> GOOGLE_KINDS = Set.of("addBanding", "addChart", "addCommentReply",
            "addDataSource", "addDimensionGroup", "addFilterView", "addNamedRange", "addProtectedRange", "addSlicer",
            "addTable", "autoFill", "autoResizeDimensions", "cancelDataSourceRefresh", "clearBasicFilter",
            "cutPaste", "deleteBanding", "deleteComment",
            "deleteCommentReply", "deleteConditionalFormatRule", "deleteDataSource",
            "deleteDimensionGroup", "deleteDuplicates", "deleteEmbeddedObject", "deleteFilterView",
            "deleteNamedRange", "deleteProtectedRange", "deleteRange", "deleteTable", "duplicateFilterView",
            "duplicateSheet", "insertComment", "insertRange", "mergeCells", "moveDimension", "pasteData",
            "randomizeRange", "refreshDataSource", "repeatCell", "setBasicFilter", "textToColumns",
            "trimWhitespace", "unmergeCells", "updateBanding", "updateBorders", "updateChartSpec",
            "updateCommentPost", "updateConditionalFormatRule", "updateDataSource", "updateDeveloperMetadata",
            "updateDimensionGroup", "updateDimensionProperties", "updateEmbeddedObjectBorder",
            "updateEmbeddedObjectPosition", "updateFilterView", "updateNamedRange", "updateProtectedRange",
            "updateSlicerSpec", "updateTable");

    /**
     * Applies one request, returning its reply ({@code {}} when the kind has none).
     *
     * @param random draws the ids of new sheets and metadata the request leaves to the server
     */
    ObjectNode apply(Workbook wb, JsonNode request, int i, RandomGenerator random) {
        if (request == null || !request.isObject() || request.size() != 1) {
            throw SheetsApiError.invalidArgument("Invalid requests[" + i + "]: "
                    + (request == null || request.isEmpty() ? "No request set." : "Only one request kind may be set."));
        }
        Map.Entry<String, JsonNode> only = request.fields().next();
        String kind = only.getKey();
        JsonNode body = only.getValue();
        String field = "requests[" + i + "]." + snake(kind);
        try {
            ObjectNode reply = Jsons.object();
            JsonNode result = switch (kind) {
                case "addSheet" -> addSheet(wb, body, random);
                case "deleteSheet" -> deleteSheet(wb, body);
                case "updateSheetProperties" -> updateSheetProperties(wb, body);
                case "updateSpreadsheetProperties" -> updateSpreadsheetProperties(wb, body);
                case "insertDimension" -> insertDimension(wb, body, field);
                case "deleteDimension" -> deleteDimension(wb, body, field);
                case "appendDimension" -> appendDimension(wb, body, field);
                case "findReplace" -> FindReplace.apply(wb, body);
                case "sortRange" -> SortRange.apply(wb, body);
                case "copyPaste" -> CopyPaste.apply(wb, body);
                case "setDataValidation" -> setDataValidation(wb, body);
                case "addConditionalFormatRule" -> addConditionalFormatRule(wb, body);
                case "appendCells" -> CellData.appendCells(wb, body);
                case "updateCells" -> CellData.updateCells(wb, body);
                case "createDeveloperMetadata" -> DeveloperMetadataOps.create(wb, body, random);
                case "deleteDeveloperMetadata" -> DeveloperMetadataOps.delete(wb, body);
                default -> {
                    if (GOOGLE_KINDS.contains(kind)) {
                        throw SheetsApiError.invalidArgument("the ytdc Sheets emulator does not implement " + kind);
                    }
                    throw new Unprefixed(SheetsApiError.invalidArgument("Invalid JSON payload received. Unknown name \""
                            + kind + "\" at 'requests[" + i + "]': Cannot find field."));
                }
            };
            if (result != null) {
                reply.set(kind, result);
            }
            return reply;
        } catch (SheetsApiError e) {
            if (e.getMessage().startsWith("Invalid value at")) {
                throw e;
            }
            throw e.withPrefix("Invalid requests[" + i + "]." + kind + ": ");
        } catch (Unprefixed u) {
            throw u.error;
        }
    }

    /** Carries an error whose message must not get the {@code Invalid requests[i]} prefix. */
    private static final class Unprefixed extends RuntimeException {
        final SheetsApiError error;

        Unprefixed(SheetsApiError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    static Sheet sheet(Workbook wb, int sheetId) {
        Sheet s = wb.sheetById(sheetId);
        if (s == null) {
            throw SheetsApiError.invalidArgument("No grid with id: " + sheetId);
        }
        return s;
    }

    static Sheet sheet(Workbook wb, JsonNode holder) {
        Integer id = Jsons.integer(holder, "sheetId");
        return sheet(wb, id == null ? 0 : id);
    }

    private static void checkTitle(Workbook wb, Sheet self, String title) {
        if (title.isBlank()) {
            throw SheetsApiError.invalidArgument("The sheet name cannot be empty.");
        }
        Sheet other = wb.sheetByTitle(title);
        if (other != null && other != self) {
            throw SheetsApiError.invalidArgument("A sheet with the name \"" + title
                    + "\" already exists. Please enter another name.");
        }
    }

    private static JsonNode addSheet(Workbook wb, JsonNode body, RandomGenerator random) {
        JsonNode props = body == null ? null : body.get("properties");
        Integer id = Jsons.integer(props, "sheetId");
        if (id != null && (id < 0 || wb.sheetById(id) != null)) {
            throw SheetsApiError.invalidArgument(id < 0 ? "Sheet id must be positive: " + id
                    : "A sheet with id " + id + " already exists. Please choose another id.");
        }
        if (id == null) {
            do {
                id = random.nextInt(1, Integer.MAX_VALUE);
            } while (wb.sheetById(id) != null);
        }
        String title = Jsons.text(props, "title", null);
        if (title == null) {
            int n = wb.sheets.size() + 1;
            while (wb.sheetByTitle("Sheet" + n) != null) {
                n++;
            }
            title = "Sheet" + n;
        }
        checkTitle(wb, null, title);
        JsonNode grid = props == null ? null : props.get("gridProperties");
        Integer rows = Jsons.integer(grid, "rowCount");
        Integer cols = Jsons.integer(grid, "columnCount");
        Sheet s = new Sheet(id, title, rows == null ? 1000 : rows, cols == null ? 26 : cols);
        if (s.rowCount < 1 || s.columnCount < 1) {
            throw SheetsApiError.invalidArgument("A sheet must have at least one row and one column.");
        }
        s.hidden = Jsons.flag(props, "hidden");
        s.frozenRowCount = orZero(Jsons.integer(grid, "frozenRowCount"));
        s.frozenColumnCount = orZero(Jsons.integer(grid, "frozenColumnCount"));
        checkFrozen(s);
        Integer index = Jsons.integer(props, "index");
        int at = index == null ? wb.sheets.size() : Math.max(0, Math.min(index, wb.sheets.size()));
        wb.sheets.add(at, s);
        checkNotAllHidden(wb);
        wb.checkCellLimit();
        ObjectNode reply = Jsons.object();
        reply.set("properties", Snapshots.sheetProperties(wb, s));
        return reply;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static JsonNode deleteSheet(Workbook wb, JsonNode body) {
        Sheet s = sheet(wb, body);
        if (wb.sheets.size() == 1) {
            throw SheetsApiError.invalidArgument("You can't remove all the sheets in a document.");
        }
        wb.sheets.remove(s);
        checkNotAllHidden(wb);
        return null;
    }

    private static void checkNotAllHidden(Workbook wb) {
        if (wb.sheets.stream().allMatch(x -> x.hidden)) {
            throw SheetsApiError.invalidArgument("You can't hide all the sheets in a document.");
        }
    }

    private static void checkFrozen(Sheet s) {
        if (s.frozenRowCount < 0 || s.frozenColumnCount < 0) {
            throw SheetsApiError.invalidArgument("Frozen counts must not be negative.");
        }
        if (s.frozenRowCount > 0 && s.frozenRowCount >= s.rowCount) {
            throw SheetsApiError.invalidArgument("You can't freeze all visible rows on the sheet.");
        }
        if (s.frozenColumnCount > 0 && s.frozenColumnCount >= s.columnCount) {
            throw SheetsApiError.invalidArgument("You can't freeze all visible columns on the sheet.");
        }
    }

    /** A field mask as a set of dotted paths; {@code /} is accepted as a separator too, as Google does. */
    static Set<String> mask(JsonNode body) {
        String fields = Jsons.text(body, "fields", "");
        Set<String> paths = new LinkedHashSet<>();
        for (String p : fields.split(",")) {
            String path = p.trim().replace('/', '.');
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        if (paths.isEmpty()) {
            throw SheetsApiError.invalidArgument("At least one field must be updated, but 'fields' is empty.");
        }
        return paths;
    }

    private static boolean masked(Set<String> mask, String path) {
        if (mask.contains("*") || mask.contains(path)) {
            return true;
        }
        int dot = path.indexOf('.');
        return dot > 0 && mask.contains(path.substring(0, dot));
    }

    private static JsonNode updateSheetProperties(Workbook wb, JsonNode body) {
        JsonNode props = body == null ? null : body.get("properties");
        Sheet s = sheet(wb, props);
        Set<String> mask = mask(body);
        JsonNode grid = props.path("gridProperties");
        int oldFrozen = s.frozenRowCount;
        if (masked(mask, "title")) {
            String title = Jsons.text(props, "title", "");
            checkTitle(wb, s, title);
            s.title = title;
        }
        if (masked(mask, "hidden")) {
            s.hidden = Jsons.flag(props, "hidden");
        }
        if (masked(mask, "index")) {
            int index = orZero(Jsons.integer(props, "index"));
            wb.sheets.remove(s);
            wb.sheets.add(Math.max(0, Math.min(index, wb.sheets.size())), s);
        }
        if (masked(mask, "gridProperties.rowCount")) {
            int rows = orZero(Jsons.integer(grid, "rowCount"));
            // Google checks a shrink against the frozen rows the sheet has now, even if this request changes them.
            if (rows < 1 || (oldFrozen > 0 && rows <= oldFrozen)) {
                throw SheetsApiError.invalidArgument("Sorry, it is not possible to delete all non-frozen rows.");
            }
            s.rowCount = rows;
        }
        if (masked(mask, "gridProperties.columnCount")) {
            int cols = orZero(Jsons.integer(grid, "columnCount"));
            if (cols < 1) {
                throw SheetsApiError.invalidArgument("Sorry, it is not possible to delete all non-frozen columns.");
            }
            s.columnCount = cols;
        }
        if (masked(mask, "gridProperties.frozenRowCount")) {
            s.frozenRowCount = orZero(Jsons.integer(grid, "frozenRowCount"));
        }
        if (masked(mask, "gridProperties.frozenColumnCount")) {
            s.frozenColumnCount = orZero(Jsons.integer(grid, "frozenColumnCount"));
        }
        checkFrozen(s);
        checkNotAllHidden(wb);
        s.truncateToGrid();
        wb.checkCellLimit();
        return null;
    }

    private static JsonNode updateSpreadsheetProperties(Workbook wb, JsonNode body) {
        JsonNode props = body == null ? null : body.get("properties");
        Set<String> mask = mask(body);
        if (masked(mask, "title")) {
            wb.title = Jsons.text(props, "title", "");
        }
        if (masked(mask, "locale")) {
            wb.locale = Jsons.text(props, "locale", wb.locale);
        }
        if (masked(mask, "timeZone")) {
            wb.timeZone = Jsons.text(props, "timeZone", wb.timeZone);
        }
        return null;
    }

    private record Span(Sheet sheet, boolean rows, int start, int end) {}

    private static Span span(Workbook wb, JsonNode range, String field, boolean bothRequired) {
        if (range == null || !range.isObject()) {
            throw SheetsApiError.invalidArgument("range is required");
        }
        Sheet s = sheet(wb, range);
        ValueOps.Dimension d = ValueOps.dimension(Jsons.text(range, "dimension", null), field + ".range.dimension");
        if (Jsons.text(range, "dimension", null) == null) {
            throw SheetsApiError.invalidArgument("range.dimension must be ROWS or COLUMNS");
        }
        boolean rows = d == ValueOps.Dimension.ROWS;
        int count = rows ? s.rowCount : s.columnCount;
        Integer start = Jsons.integer(range, "startIndex");
        Integer end = Jsons.integer(range, "endIndex");
        if (bothRequired && (start == null || end == null)) {
            throw SheetsApiError.invalidArgument("range.startIndex and range.endIndex must both be set");
        }
        int s0 = start == null ? 0 : start;
        int e0 = end == null ? count : end;
        if (s0 < 0 || e0 <= s0) {
            throw SheetsApiError.invalidArgument("range.startIndex (" + s0 + ") must be less than range.endIndex ("
                    + e0 + ")");
        }
        return new Span(s, rows, s0, e0);
    }

    private static JsonNode insertDimension(Workbook wb, JsonNode body, String field) {
        Span sp = span(wb, body == null ? null : body.get("range"), field, true);
        int count = sp.rows ? sp.sheet.rowCount : sp.sheet.columnCount;
        if (sp.start > count) {
            throw SheetsApiError.invalidArgument("range.startIndex (" + sp.start + ") is after the end of the grid ("
                    + count + (sp.rows ? " rows)" : " columns)"));
        }
        if (Jsons.flag(body, "inheritFromBefore") && sp.start == 0) {
            throw SheetsApiError.invalidArgument("Cannot inherit properties from before the first "
                    + (sp.rows ? "row." : "column."));
        }
        if (sp.rows) {
            sp.sheet.insertRows(sp.start, sp.end - sp.start);
        } else {
            sp.sheet.insertColumns(sp.start, sp.end - sp.start);
        }
        wb.checkCellLimit();
        return null;
    }

    private static JsonNode deleteDimension(Workbook wb, JsonNode body, String field) {
        Span sp = span(wb, body == null ? null : body.get("range"), field, false);
        Sheet s = sp.sheet;
        int count = sp.rows ? s.rowCount : s.columnCount;
        if (sp.end > count) {
            throw SheetsApiError.invalidArgument("range.endIndex (" + sp.end + ") is after the end of the grid ("
                    + count + (sp.rows ? " rows)" : " columns)"));
        }
        int frozen = sp.rows ? s.frozenRowCount : s.frozenColumnCount;
        if (count - (sp.end - sp.start) <= frozen) {
            throw SheetsApiError.invalidArgument("Sorry, it is not possible to delete all non-frozen "
                    + (sp.rows ? "rows." : "columns."));
        }
        if (sp.rows) {
            s.deleteRows(sp.start, sp.end);
            s.frozenRowCount = Math.min(s.frozenRowCount, s.rowCount - 1);
        } else {
            s.deleteColumns(sp.start, sp.end);
            s.frozenColumnCount = Math.min(s.frozenColumnCount, s.columnCount - 1);
        }
        return null;
    }

    private static JsonNode appendDimension(Workbook wb, JsonNode body, String field) {
        Sheet s = sheet(wb, body);
        ValueOps.Dimension d = ValueOps.dimension(Jsons.text(body, "dimension", null), field + ".dimension");
        if (Jsons.text(body, "dimension", null) == null) {
            throw SheetsApiError.invalidArgument("dimension must be ROWS or COLUMNS");
        }
        int length = orZero(Jsons.integer(body, "length"));
        if (length < 1) {
            throw SheetsApiError.invalidArgument("length must be at least 1, was " + length);
        }
        if (d == ValueOps.Dimension.ROWS) {
            s.insertRows(s.rowCount, length);
        } else {
            s.insertColumns(s.columnCount, length);
        }
        wb.checkCellLimit();
        return null;
    }

    private static JsonNode setDataValidation(Workbook wb, JsonNode body) {
        JsonNode range = body == null ? null : body.get("range");
        Sheet s = sheet(wb, range);
        // A later rule over the same range replaces the earlier one; no rule clears it.
        s.dataValidations.removeIf(v -> v.get("range").equals(range));
        if (body.hasNonNull("rule")) {
            ObjectNode stored = Jsons.object();
            stored.set("range", range.deepCopy());
            stored.set("rule", body.get("rule").deepCopy());
            s.dataValidations.add(stored);
        }
        return null;
    }

    private static JsonNode addConditionalFormatRule(Workbook wb, JsonNode body) {
        JsonNode rule = body == null ? null : body.get("rule");
        JsonNode ranges = rule == null ? null : rule.get("ranges");
        if (ranges == null || !ranges.isArray() || ranges.isEmpty()) {
            throw SheetsApiError.invalidArgument("rule.ranges must hold at least one range");
        }
        Sheet s = sheet(wb, ranges.get(0));
        for (Iterator<JsonNode> it = ranges.elements(); it.hasNext(); ) {
            if (sheet(wb, it.next()) != s) {
                throw SheetsApiError.invalidArgument("All ranges of a conditional format rule must be on the same grid.");
            }
        }
        int index = orZero(Jsons.integer(body, "index"));
        if (index < 0 || index > s.conditionalFormats.size()) {
            throw SheetsApiError.invalidArgument("index " + index + " is out of bounds (" + s.conditionalFormats.size()
                    + " rules)");
        }
        // Later rules shift up by one.
        s.conditionalFormats.add(index, (ObjectNode) rule.deepCopy());
        return null;
    }

    /** Sub-request kinds the model implements, for documentation and tests. */
    static List<String> supported() {
        return List.of("addSheet", "deleteSheet", "updateSheetProperties", "updateSpreadsheetProperties",
                "insertDimension", "deleteDimension", "appendDimension", "findReplace", "sortRange",
                "copyPaste", "setDataValidation", "addConditionalFormatRule", "appendCells", "updateCells",
                "createDeveloperMetadata", "deleteDeveloperMetadata");
    }
}
