package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code findReplace}: scope by {@code range}, {@code sheetId} or {@code allSheets}; {@code matchCase},
 * {@code matchEntireCell}, {@code searchByRegex} (Java regex, {@code $n} groups in the replacement) and
 * {@code includeFormulas}. The reply's counts leave zeros out, as proto3 JSON does. It runs under the
 * spreadsheet's lock, so it is a linearizable compare-and-set here (real Google does not promise that).
 */
final class FindReplace {
    private FindReplace() {}

    static JsonNode apply(Workbook wb, JsonNode body) {
        String find = Jsons.text(body, "find", "");
        if (find.isEmpty()) {
            throw SheetsApiError.invalidArgument("find must not be empty");
        }
        String replacement = Jsons.text(body, "replacement", "");
        boolean matchCase = Jsons.flag(body, "matchCase");
        boolean entire = Jsons.flag(body, "matchEntireCell");
        boolean regex = Jsons.flag(body, "searchByRegex");
        boolean formulas = Jsons.flag(body, "includeFormulas");
        Pattern pattern;
        try {
            int flags = matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            pattern = Pattern.compile(regex ? find : Pattern.quote(find), flags);
        } catch (PatternSyntaxException e) {
            throw SheetsApiError.invalidArgument("Invalid regular expression: " + find);
        }
        String replace = regex ? replacement : Matcher.quoteReplacement(replacement);

        List<GridArea> scope = scope(wb, body);
        int occurrences = 0;
        int values = 0;
        int formulaCells = 0;
        Set<Long> rows = new HashSet<>();
        Set<Integer> sheets = new HashSet<>();
        for (GridArea area : scope) {
            Sheet s = wb.sheetById(area.sheetId());
            for (int r = area.startRow(); r < Math.min(area.endRow(), s.storedRows()); r++) {
                for (int c = area.startCol(); c < area.endCol(); c++) {
                    CellValue cell = s.get(r, c);
                    if (cell == null || (cell instanceof CellValue.Formula && !formulas)) {
                        continue;
                    }
                    String text = cell.display();
                    Matcher m = pattern.matcher(text);
                    int found;
                    String result;
                    if (entire) {
                        if (!m.matches()) {
                            continue;
                        }
                        found = 1;
                        result = m.replaceFirst(replace);
                    } else {
                        found = 0;
                        while (m.find()) {
                            found++;
                        }
                        if (found == 0) {
                            continue;
                        }
                        result = m.replaceAll(replace);
                    }
                    occurrences += found;
                    rows.add(((long) s.sheetId << 32) | r);
                    sheets.add(s.sheetId);
                    if (cell instanceof CellValue.Formula) {
                        formulaCells++;
                        s.set(r, c, result.isEmpty() ? null : CellValue.userEntered(result));
                    } else {
                        values++;
                        // Text stays text (a claim token never turns into a number); other cells are re-parsed.
                        s.set(r, c, result.isEmpty() ? null
                                : cell instanceof CellValue.Text ? new CellValue.Text(result) : CellValue.userEntered(result));
                    }
                }
            }
        }
        ObjectNode reply = Jsons.object();
        putIfPositive(reply, "valuesChanged", values);
        putIfPositive(reply, "formulasChanged", formulaCells);
        putIfPositive(reply, "rowsChanged", rows.size());
        putIfPositive(reply, "sheetsChanged", sheets.size());
        putIfPositive(reply, "occurrencesChanged", occurrences);
        return reply;
    }

    private static void putIfPositive(ObjectNode node, String field, int n) {
        if (n > 0) {
            node.put(field, n);
        }
    }

    private static List<GridArea> scope(Workbook wb, JsonNode body) {
        int set = (body.hasNonNull("range") ? 1 : 0) + (body.hasNonNull("sheetId") ? 1 : 0)
                + (Jsons.flag(body, "allSheets") ? 1 : 0);
        if (set != 1) {
            throw SheetsApiError.invalidArgument("Exactly one of range, sheetId or allSheets must be set.");
        }
        List<GridArea> areas = new ArrayList<>();
        if (body.hasNonNull("range")) {
            areas.add(CellData.gridRange(wb, body.get("range")));
        } else if (body.hasNonNull("sheetId")) {
            Sheet s = StructuralOps.sheet(wb, body);
            areas.add(new GridArea(s.title, s.sheetId, 0, s.rowCount, 0, s.columnCount));
        } else {
            wb.sheets.forEach(s -> areas.add(new GridArea(s.title, s.sheetId, 0, s.rowCount, 0, s.columnCount)));
        }
        return areas;
    }
}
