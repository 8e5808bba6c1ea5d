package io.github.ytdc.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The {@code spreadsheets.batchUpdate} requests ytdc sends. Each renders itself as the Sheets v4 REST JSON of
 * one {@code Request}, the single mapping every {@link SpreadsheetPort} implementation shares.
 */
public sealed interface StructuralRequest {

    /** This request as Google's REST JSON, e.g. {@code {"addSheet":{...}}}. */
    ObjectNode toJson();

    /** Dimension of a grid. */
    enum Dimension { ROWS, COLUMNS }

    /** RGB colour with components from 0 to 1, as Google's {@code Color}. */
    record Color(double red, double green, double blue) {}

    /** Adds a tab with a grid of the given size. */
    record AddTab(String title, int rowCount, int columnCount) implements StructuralRequest {
        public AddTab {
            Objects.requireNonNull(title, "title");
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode props = Json.object();
            props.put("title", title);
            ObjectNode grid = props.putObject("gridProperties");
            grid.put("rowCount", rowCount);
            grid.put("columnCount", columnCount);
            ObjectNode req = Json.object();
            req.putObject("addSheet").set("properties", props);
            return req;
        }
    }

    /** Deletes a tab. */
    record DeleteTab(int sheetId) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            req.putObject("deleteSheet").put("sheetId", sheetId);
            return req;
        }
    }

    /** Grows a grid by {@code length} rows or columns at its end. */
    record AppendDimension(int sheetId, Dimension dimension, int length) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("appendDimension");
            body.put("sheetId", sheetId);
            body.put("dimension", dimension.name());
            body.put("length", length);
            return req;
        }
    }

    /** Inserts rows or columns at zero-based, half-open {@code [start, end)}. */
    record InsertDimension(int sheetId, Dimension dimension, int start, int end) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("insertDimension");
            body.set("range", Json.dimensionRange(sheetId, dimension, start, end));
            body.put("inheritFromBefore", start > 0);
            return req;
        }
    }

    /** Deletes rows or columns at zero-based, half-open {@code [start, end)}. */
    record DeleteDimension(int sheetId, Dimension dimension, int start, int end) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            req.putObject("deleteDimension").set("range", Json.dimensionRange(sheetId, dimension, start, end));
            return req;
        }
    }

    /**
     * Copies whole rows {@code [startRow, endRow)} of one tab, every column, to the top-left of rows from
     * {@code toRow} of another ({@code copyPaste}, PASTE_NORMAL: values, formulas and formats; blank source cells
     * clear their destination). Rows are zero-based. Row tags do not travel with a copy. Followed by a
     * {@link DeleteDimension} of the same rows in the same batch, it moves whatever rows hold those numbers when the
     * batch is applied: nothing can be deleted that was not copied.
     */
    record CopyRows(int fromSheetId, int startRow, int endRow, int toSheetId, int toRow) implements StructuralRequest {
        public CopyRows {
            if (startRow < 0 || endRow <= startRow || toRow < 0) {
                throw new IllegalArgumentException("bad rows [" + startRow + ", " + endRow + ") -> " + toRow);
            }
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("copyPaste");
            body.set("source", Json.gridRange(fromSheetId, startRow, endRow, null, null));
            // A one-row destination: Google pastes the whole source from its top-left cell.
            body.set("destination", Json.gridRange(toSheetId, toRow, toRow + 1, 0, 1));
            body.put("pasteType", "PASTE_NORMAL");
            body.put("pasteOrientation", "NORMAL");
            return req;
        }
    }

    /**
     * Appends rows of text after the last row holding data ({@code appendCells}, {@code fields=userEnteredValue}),
     * growing the grid as needed. Text is written as a string value, never parsed (like RAW). Unlike
     * {@code values.append} it can share one atomic batch with other structural requests.
     */
    record AppendRows(int sheetId, List<List<String>> rows) implements StructuralRequest {
        public AppendRows {
            rows = rows.stream().map(List::copyOf).toList();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("appendCells");
            body.put("sheetId", sheetId);
            ArrayNode out = body.putArray("rows");
            for (List<String> row : rows) {
                ArrayNode values = out.addObject().putArray("values");
                row.forEach(cell -> values.addObject().putObject("userEnteredValue").put("stringValue", cell));
            }
            body.put("fields", "userEnteredValue");
            return req;
        }
    }

    /**
     * Sorts whole rows from zero-based {@code startRow} to the end of the grid by one column ({@code sortRange}),
     * as a person sorting the data below the header in the Sheets UI.
     *
     * @param column zero-based column of the sheet to sort by
     */
    record SortRows(int sheetId, int startRow, int column, boolean descending) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("sortRange");
            body.set("range", Json.gridRange(sheetId, startRow, null, null, null));
            ObjectNode spec = body.putArray("sortSpecs").addObject();
            spec.put("dimensionIndex", column);
            spec.put("sortOrder", descending ? "DESCENDING" : "ASCENDING");
            return req;
        }
    }

    /** Freezes the first {@code rows} rows (the header). */
    record FreezeRows(int sheetId, int rows) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("updateSheetProperties");
            ObjectNode props = body.putObject("properties");
            props.put("sheetId", sheetId);
            props.putObject("gridProperties").put("frozenRowCount", rows);
            body.put("fields", "gridProperties.frozenRowCount");
            return req;
        }
    }

    /**
     * A dropdown of allowed values on one column below the header (non-strict: people may still type other
     * values, which ytdc reads leniently).
     */
    record Dropdown(int sheetId, int column, List<String> values) implements StructuralRequest {
        public Dropdown {
            values = List.copyOf(values);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("setDataValidation");
            body.set("range", Json.gridRange(sheetId, 1, null, column, column + 1));
            ObjectNode rule = body.putObject("rule");
            ObjectNode condition = rule.putObject("condition");
            condition.put("type", "ONE_OF_LIST");
            ArrayNode vals = condition.putArray("values");
            values.forEach(v -> vals.addObject().put("userEnteredValue", v));
            rule.put("strict", false);
            rule.put("showCustomUi", true);
            return req;
        }
    }

    /**
     * Colours whole rows (below the header) whose cell in {@code column} equals {@code value}, ignoring case and
     * surrounding spaces, through a custom-formula conditional format rule.
     */
    record ColorRowsWhen(int sheetId, int column, int columnCount, String value, Color background)
            implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode body = req.putObject("addConditionalFormatRule");
            body.put("index", 0);
            ObjectNode rule = body.putObject("rule");
            rule.putArray("ranges").add(Json.gridRange(sheetId, 1, null, 0, columnCount));
            ObjectNode booleanRule = rule.putObject("booleanRule");
            ObjectNode condition = booleanRule.putObject("condition");
            condition.put("type", "CUSTOM_FORMULA");
            String col = A1.column(column);
            condition.putArray("values").addObject()
                    .put("userEnteredValue", "=LOWER(TRIM($" + col + "2))=\"" + value.toLowerCase() + "\"");
            ObjectNode bg = booleanRule.putObject("format").putObject("backgroundColor");
            bg.put("red", background.red());
            bg.put("green", background.green());
            bg.put("blue", background.blue());
            return req;
        }
    }

    /**
     * Tags one row with developer metadata ({@code createDeveloperMetadata}, DOCUMENT visibility, no value): the tag
     * stays with its row through sorts, inserts and deletes above it, and is deleted with the row. Creating an id that
     * already exists fails the whole batch with a 400, as does going past Google's 30,000 characters of metadata
     * keys and values per tab.
     *
     * @param row        the zero-based grid row (row number minus one)
     * @param metadataId the caller-chosen id, positive and unique in the spreadsheet
     * @param key        the metadata key (its length counts against the storage limit)
     */
    record TagRow(int sheetId, int row, int metadataId, String key) implements StructuralRequest {
        public TagRow {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            ObjectNode meta = req.putObject("createDeveloperMetadata").putObject("developerMetadata");
            meta.put("metadataId", metadataId);
            meta.put("metadataKey", key);
            meta.putObject("location").set("dimensionRange", Json.dimensionRange(sheetId, Dimension.ROWS, row, row + 1));
            meta.put("visibility", "DOCUMENT");
            return req;
        }
    }

    /**
     * Removes a row tag ({@code deleteDeveloperMetadata} by id). An id that no longer exists (its row was deleted) is
     * a no-op: our assumption of Google's behaviour, which documents no error for a lookup matching nothing.
     */
    record UntagRow(int metadataId) implements StructuralRequest {
        @Override
        public ObjectNode toJson() {
            ObjectNode req = Json.object();
            req.putObject("deleteDeveloperMetadata").putObject("dataFilter").putObject("developerMetadataLookup")
                    .put("metadataId", metadataId);
            return req;
        }
    }

    /** Small JSON helpers shared by the records above. */
    final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}

        static ObjectNode object() {
            return MAPPER.createObjectNode();
        }

        static JsonNode dimensionRange(int sheetId, Dimension dimension, int start, int end) {
            ObjectNode r = object();
            r.put("sheetId", sheetId);
            r.put("dimension", dimension.name());
            r.put("startIndex", start);
            r.put("endIndex", end);
            return r;
        }

        static ObjectNode gridRange(int sheetId, Integer startRow, Integer endRow, Integer startCol, Integer endCol) {
            ObjectNode r = object();
            r.put("sheetId", sheetId);
            if (startRow != null) {
                r.put("startRowIndex", startRow);
            }
            if (endRow != null) {
                r.put("endRowIndex", endRow);
            }
            if (startCol != null) {
                r.put("startColumnIndex", startCol);
            }
            if (endCol != null) {
                r.put("endColumnIndex", endCol);
            }
            return r;
        }
    }
}
