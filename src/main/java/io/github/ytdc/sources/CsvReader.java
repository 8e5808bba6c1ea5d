package io.github.ytdc.sources;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF, LF and CR
 * all end a record. Lenient where spreadsheets are sloppy (a quote inside an unquoted field is kept as text), and
 * a malformed record is reported with its line number instead of failing the file.
 */
final class CsvReader {

    /**
     * One record.
     *
     * @param line        the 1-based line it starts on
     * @param fields      its fields, unquoted
     * @param error       why it is malformed, or {@code null}
     * @param errorLine   the 1-based line of the mistake (a quoted field may have moved it past {@code line})
     * @param errorColumn the 1-based column of the mistake on that line, or 0 without an error
     */
    record Row(int line, List<String> fields, String error, int errorLine, int errorColumn) {
        boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private final String text;
    private final char delimiter;
    private int pos;
    private int line = 1;
    private int lineStart;

    CsvReader(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
    }

    /** Picks the delimiter that splits the first line the most: comma, semicolon (European Excel) or tab. */
    static char guessDelimiter(String firstLine) {
        char best = ',';
        long bestCount = 0;
        for (char c : new char[] {',', ';', '\t'}) {
            long count = firstLine.chars().filter(ch -> ch == c).count();
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    List<Row> readAll() {
        List<Row> rows = new ArrayList<>();
        while (pos < text.length()) {
            rows.add(readRow());
        }
        return rows;
    }

    private Row readRow() {
        int start = line;
        List<String> fields = new ArrayList<>();
        String error = null;
        int errorLine = 0;
        int errorColumn = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (at('"')) {
                int quoteLine = line;
                int quoteColumn = column();
                pos++;
                boolean closed = false;
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    if (c == '"') {
                        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                            field.append('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        closed = true;
                        break;
                    }
                    countLineBreak(c);
                    field.append(c);
                    pos++;
                }
                if (!closed && error == null) {
                    error = "unterminated quoted field: its closing quote is missing (it runs to the end of the file)";
                    errorLine = quoteLine;
                    errorColumn = quoteColumn;
                } else if (closed && !atFieldEnd()) {
                    if (error == null) {
                        errorLine = line;
                        errorColumn = column();
                        error = "unexpected text '" + abbreviate(restOfField()) + "' after a closing quote (a quote "
                                + "inside a quoted field is written twice: \"\")";
                    }
                    skipToLineEnd();
                }
            } else {
                while (!atFieldEnd()) {
                    field.append(text.charAt(pos++));
                }
            }
            fields.add(field.toString());
            if (pos < text.length() && text.charAt(pos) == delimiter) {
                pos++;
                continue;
            }
            consumeLineBreak();
            return new Row(start, fields, error, errorLine, errorColumn);
        }
    }

    /** The 1-based column of the current position on its line. */
    private int column() {
        return pos - lineStart + 1;
    }

    /** The text from here to the end of the field, to quote in an error. */
    private String restOfField() {
        int end = pos;
        while (end < text.length() && text.charAt(end) != delimiter && text.charAt(end) != '\n'
                && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(pos, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean atFieldEnd() {
        if (pos >= text.length()) {
            return true;
        }
        char c = text.charAt(pos);
        return c == delimiter || c == '\n' || c == '\r';
    }

    private void skipToLineEnd() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void consumeLineBreak() {
        if (at('\r')) {
            pos++;
            if (at('\n')) {
                pos++;
            }
            line++;
            lineStart = pos;
        } else if (at('\n')) {
            pos++;
            line++;
            lineStart = pos;
        }
    }

    /** Counts a line break inside a quoted field; a CR of a CRLF pair is counted with its LF. */
    private void countLineBreak(char c) {
        if (c == '\n' || (c == '\r' && !(pos + 1 < text.length() && text.charAt(pos + 1) == '\n'))) {
            line++;
            lineStart = pos + 1;
        }
    }
}
