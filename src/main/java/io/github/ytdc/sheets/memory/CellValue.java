package io.github.ytdc.sheets.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one non-empty cell holds: text, a number (a double, as in Google), a boolean, or a formula (kept as its
 * text; the model never evaluates formulas). An empty cell is {@code null} throughout the model.
 */
sealed interface CellValue {

    /** Google's limit on the characters of one cell. */
    int MAX_CHARS = 50_000;

    record Text(String value) implements CellValue {}

    record Num(double value) implements CellValue {}

    record Bool(boolean value) implements CellValue {}

    record Formula(String text) implements CellValue {}

    /** How a write's values are interpreted ({@code valueInputOption}). */
    enum Input { RAW, USER_ENTERED }

    /** How values are rendered in reads ({@code valueRenderOption}). */
    enum Render { FORMATTED_VALUE, UNFORMATTED_VALUE, FORMULA }

    Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * The cell a JSON value of a {@code values} array writes. Returns {@code null} for {@code ""} (clear); JSON
     * {@code null} (skip) must be handled by the caller.
     *
     * @param field where the value sits, for Google's error text
     */
    static CellValue fromJson(JsonNode v, Input input, String field) {
        if (v.isBoolean()) {
            return new Bool(v.booleanValue());
        }
        if (v.isNumber()) {
            return new Num(v.doubleValue());
        }
        if (!v.isTextual()) {
            throw SheetsApiError.invalidArgument(
                    "Invalid value at '" + field + "' (type.googleapis.com/google.protobuf.ListValue), " + v);
        }
        String s = v.textValue();
        if (s.length() > MAX_CHARS) {
            throw SheetsApiError.invalidArgument("Your input contains more than the maximum of " + MAX_CHARS
                    + " characters in a single cell.");
        }
        if (s.isEmpty()) {
            return null;
        }
        return input == Input.RAW ? new Text(s) : userEntered(s);
    }

    /**
     * A string as if a person typed it: {@code 'x} forces text (the apostrophe is not stored), {@code =...} is a
     * formula, numbers and TRUE/FALSE are parsed. Dates, percentages and currencies stay text (a documented
     * divergence from Google, which also parses those).
     */
    static CellValue userEntered(String s) {
        if (s.startsWith("'")) {
            return s.length() == 1 ? null : new Text(s.substring(1));
        }
        if (s.startsWith("=") && s.length() > 1) {
            return new Formula(s);
        }
        String t = s.trim();
        if (NUMBER.matcher(t).matches()) {
            return new Num(Double.parseDouble(t));
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return new Bool(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT)));
        }
        return new Text(s);
    }

    /** This cell under a render option: FORMATTED_VALUE is always a string, the others keep numbers and booleans. */
    default JsonNode render(Render render) {
        if (this instanceof Num n) {
            return render == Render.FORMATTED_VALUE ? TextNode.valueOf(format(n.value())) : number(n.value());
        }
        if (this instanceof Bool b) {
            return render == Render.FORMATTED_VALUE
                    ? TextNode.valueOf(b.value() ? "TRUE" : "FALSE") : BooleanNode.valueOf(b.value());
        }
        return TextNode.valueOf(this instanceof Formula f ? f.text() : ((Text) this).value());
    }

    /** The text a person sees in the cell (what findReplace searches). */
    default String display() {
        return render(Render.FORMATTED_VALUE).asText();
    }

    private static JsonNode number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return LongNode.valueOf((long) d);
        }
        return DoubleNode.valueOf(d);
    }

    private static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "#NUM!";
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
