package io.github.ytdc.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads sources files ({@link SourceFormat}): validates every URL, keeps the other values by column name, skips
 * repeats of a source within the file, and reports each bad line with its number instead of giving up. Pure: it
 * reads the file and touches nothing else.
 *
 * <p>Text is UTF-8 (a byte-order mark is ignored; UTF-16 with a byte-order mark, as Excel's "Unicode text"
 * writes, is also read), with any line ending.
 */
final class SourceFileParser {
    /** The columns of {@code URL|Accent|Type} lines, as the Python tool's {@code sources.txt}. */
    public static final List<String> DEFAULT_TXT_COLUMNS = List.of("Accent", "Type");

    private static final Set<String> URL_COLUMNS = Set.of("url", "channel_url");
    private static final Set<String> JSON_LISTS = Set.of("channels", "sources");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPPORTED = "ytdc imports text (.txt), CSV (.csv) and JSON (.json) files";

    private final List<String> txtColumns;

    /** A parser for {@code URL|Accent|Type} text files. */
    public SourceFileParser() {
        this(DEFAULT_TXT_COLUMNS);
    }

    /**
     * A parser whose text files name their fields after the URL {@code txtColumns} (for example the Python
     * tool's longer {@code Name, Gender, Accent, ContentType, Type, MultispeakerPercentage}). A text file may
     * also name them itself in a first line such as {@code URL|Name|Accent}.
     */
    public SourceFileParser(List<String> txtColumns) {
        this.txtColumns = List.copyOf(txtColumns);
    }

    /**
     * Reads a file, choosing the format by extension or, for any other name, by its content.
     *
     * @throws io.github.ytdc.YtdcException when the file cannot be read or is not text in a known format
     */
    public ParsedSources parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SourceFileException("sources file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new SourceFileException("sources file " + file + " cannot be read: permission denied");
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "it is a folder" : e.getClass().getSimpleName() + " " + e.getMessage();
            throw new SourceFileException("sources file " + file + " cannot be read: " + why, e);
        }
        try {
            return parse(file.getFileName() == null ? "" : file.getFileName().toString(), bytes);
        } catch (SourceFileException e) {
            if (e.getMessage().startsWith("sources file ")) {
                throw e;
            }
            throw new SourceFileException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Reads a file's bytes; {@code fileName} chooses the format, as for {@link #parse(Path)}. */
    ParsedSources parse(String fileName, byte[] content) {
        refuseUnsupported(fileName, content);
        String text = decode(fileName, content);
        SourceFormat format = SourceFormat.fromFileName(fileName).orElseGet(() -> sniff(text));
        return parse(format, text);
    }

    /** Reads decoded text in a known format. */
    ParsedSources parse(SourceFormat format, String text) {
        Collector out = new Collector(format);
        switch (format) {
            case TXT -> readTxt(text, out);
            case CSV -> readCsv(text, out);
            case JSON -> readJson(text, out);
        }
        return out.result();
    }

    /** JSON if it opens with a bracket; CSV if its first line names a URL column; text lines otherwise. */
    static SourceFormat sniff(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return SourceFormat.JSON;
        }
        for (String line : lines(text)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (!t.contains("|")) {
                for (String cell : t.split("[,;\t]")) {
                    if (URL_COLUMNS.contains(unquote(cell).toLowerCase(Locale.ROOT))) {
                        return SourceFormat.CSV;
                    }
                }
            }
            break;
        }
        return SourceFormat.TXT;
    }

    private void readTxt(String text, Collector out) {
        List<String> columns = txtColumns;
        boolean firstContentLine = true;
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            for (int f = 0; f < fields.length; f++) {
                fields[f] = fields[f].strip();
            }
            if (firstContentLine && URL_COLUMNS.contains(fields[0].toLowerCase(Locale.ROOT))) {
                columns = List.of(fields).subList(1, fields.length);
                firstContentLine = false;
                continue;
            }
            firstContentLine = false;
            Map<String, String> values = new LinkedHashMap<>();
            for (int f = 1; f < fields.length; f++) {
                String name = f - 1 < columns.size() && !columns.get(f - 1).isEmpty() ? columns.get(f - 1) : "Field" + (f + 1);
                putIfPresent(values, name, fields[f]);
            }
            out.add(i + 1, fields[0], values);
        }
    }

    private static void readCsv(String text, Collector out) {
        String firstLine = lines(text).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        List<CsvReader.Row> rows = new CsvReader(text, CsvReader.guessDelimiter(firstLine)).readAll();
        List<String> header = null;
        int urlColumn = -1;
        for (CsvReader.Row row : rows) {
            if (row.isBlank() || row.fields().get(0).stripLeading().startsWith("#")) {
                continue;
            }
            if (header == null) {
                header = row.fields().stream().map(h -> h.strip()).toList();
                urlColumn = urlColumn(header);
                continue;
            }
            if (row.error() != null) {
                out.reject(row.errorLine(), row.errorColumn(), row.error());
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            List<String> fields = row.fields();
            for (int f = 0; f < fields.size(); f++) {
                if (f != urlColumn) {
                    String name = f < header.size() && !header.get(f).isEmpty() ? header.get(f) : "Field" + (f + 1);
                    putIfPresent(values, name, fields.get(f));
                }
            }
            out.add(row.line(), urlColumn < fields.size() ? fields.get(urlColumn) : "", values);
        }
    }

    private static int urlColumn(List<String> header) {
        for (String wanted : List.of("url", "channel_url")) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(wanted)) {
                    return i;
                }
            }
        }
        throw new SourceFileException("the CSV header has no 'url' or 'channel_url' column (it has: "
                + String.join(", ", header) + "); name the column holding the URLs 'url'");
    }

    private static void readJson(String text, Collector out) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                if (!moveToList(p)) {
                    throw new SourceFileException("the JSON object has no \"channels\" list; expected {\"channels\": [\"https://...\", ...]}");
                }
            } else if (first != JsonToken.START_ARRAY) {
                throw new SourceFileException("the JSON file holds neither {\"channels\": [...]} nor a list of sources");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = p.readValueAsTree();
                readJsonEntry(line, node, out);
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SourceFileException("the JSON is malformed" + where + ": " + plainJsonError(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new SourceFileException("the JSON cannot be read: " + plainJsonError(e.getMessage()), e);
        }
    }

    /** Moves to the start of the object's {@code channels} (or {@code sources}) array. */
    private static boolean moveToList(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (JSON_LISTS.contains(name.toLowerCase(Locale.ROOT)) && value == JsonToken.START_ARRAY) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    private static void readJsonEntry(int line, JsonNode node, Collector out) {
        if (node.isTextual()) {
            out.add(line, node.textValue(), Map.of());
            return;
        }
        if (!node.isObject()) {
            out.reject(line, "expected a URL string or an object with a \"url\", found " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
            return;
        }
        String url = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (url == null && URL_COLUMNS.contains(field.getKey().toLowerCase(Locale.ROOT)) && value.isTextual()) {
                url = value.textValue();
            } else if (!value.isNull()) {
                putIfPresent(values, field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
        if (url == null) {
            out.reject(line, "the object has no \"url\" text: " + abbreviate(node.toString()));
        } else {
            out.add(line, url, values);
        }
    }

    private static final java.util.regex.Pattern START_MARKER = java.util.regex.Pattern.compile(
            "\\s*\\(start marker at \\[Source:.*?line: (\\d+), column: (\\d+)\\]\\)", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern CHARACTER = java.util.regex.Pattern.compile(
            "Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");

    /**
     * Jackson's message for a parse error in words a person can act on, without the parser's internals (source
     * descriptions, character codes, Java type names).
     */
    static String plainJsonError(String message) {
        String m = message == null ? "" : message.strip();
        java.util.regex.Matcher start = START_MARKER.matcher(m);
        String opened = start.find() ? " opened at line " + start.group(1) + ", column " + start.group(2) : "";
        m = start.replaceAll("");
        if (m.startsWith("Unexpected end-of-input") && m.contains("Array")) {
            return "the file ends before the list" + opened + " is closed with ']'";
        }
        if (m.startsWith("Unexpected end-of-input") && m.contains("Object")) {
            return "the file ends before the object" + opened + " is closed with '}'";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the file ends in the middle of a value (a missing closing quote?)";
        }
        m = CHARACTER.matcher(m).replaceAll("unexpected '$1'");
        m = m.replace("was expecting double-quote to start field name", "expected a field name in double quotes")
                .replace("was expecting comma to separate Array entries", "expected ',' between list entries")
                .replace("was expecting comma to separate Object entries", "expected ',' between fields")
                .replace("was expecting a colon to separate field name and value", "expected ':' after the field name")
                .replaceAll("Unrecognized token '(.*?)': was expecting .*", "unexpected text '$1': expected a "
                        + "\"string\", a number, a [list] or an {object}")
                .replaceAll("\\s*\\[Source:.*", "")
                .replaceAll("\\s*at \\[Source:.*", "");
        m = m.lines().findFirst().orElse("").strip();
        return m.isEmpty() ? "not valid JSON" : m;
    }

    /** Spreadsheets, documents and archives: name what the file is and what to do, instead of reading it as text. */
    private static void refuseUnsupported(String fileName, byte[] content) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        String sheet = switch (ext) {
            case "xlsx", "xlsm", "xls" -> "an Excel workbook";
            case "ods" -> "an OpenDocument spreadsheet";
            case "numbers" -> "a Numbers spreadsheet";
            default -> null;
        };
        String what = switch (ext) {
            case "docx", "doc", "odt", "rtf" -> "a word-processor document";
            case "pdf" -> "a PDF";
            case "zip", "gz", "tgz", "bz2", "xz", "7z" -> "a compressed archive";
            default -> null;
        };
        if (sheet == null && what == null && content.length >= 4 && content[0] == 'P' && content[1] == 'K'
                && content[2] == 3 && content[3] == 4) {
            sheet = "a zip archive (an Excel or OpenDocument file?)";
        }
        if (sheet != null) {
            throw new SourceFileException("sources file " + fileName + " is " + sheet + "; " + SUPPORTED
                    + ": save the sheet as \"CSV UTF-8\" and import that");
        }
        if (what == null && content.length >= 4) {
            if ((content[0] & 0xFF) == 0xD0 && (content[1] & 0xFF) == 0xCF && (content[2] & 0xFF) == 0x11
                    && (content[3] & 0xFF) == 0xE0) {
                what = "an old Office document (.xls or .doc?)";
            } else if (content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F') {
                what = "a PDF";
            }
        }
        if (what == null && !startsWithUtf16Bom(content) && hasNul(content)) {
            what = "a binary file, not text"; // a program, an image, ...: text never holds NUL bytes
        }
        if (what != null) {
            throw new SourceFileException("sources file " + fileName + " is " + what + "; " + SUPPORTED);
        }
    }

    private static boolean startsWithUtf16Bom(byte[] b) {
        return b.length >= 2 && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE
                || (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF);
    }

    private static boolean hasNul(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        String v = value.strip();
        if (!v.isEmpty()) {
            values.putIfAbsent(name, v);
        }
    }

    private static String decode(String fileName, byte[] bytes) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
                    .toString();
        } catch (MalformedInputException e) {
            throw new SourceFileException("sources file " + fileName + " is not UTF-8 text (line "
                    + lineAt(bytes, skip) + "); save it as UTF-8", e);
        } catch (CharacterCodingException e) {
            throw new SourceFileException("sources file " + fileName + " is not UTF-8 text; save it as UTF-8", e);
        }
        if (text.indexOf('\0') >= 0) {
            throw new SourceFileException("sources file " + fileName + " is a binary file, not text; " + SUPPORTED);
        }
        return text;
    }

    /** The 1-based line of the first byte that is not valid UTF-8, for the error message. */
    private static int lineAt(byte[] bytes, int from) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int line = 1;
        int start = from;
        for (int i = from; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\r\n|\r|\n", -1));
    }

    private static String unquote(String cell) {
        String c = cell.strip();
        return c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1).strip() : c;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Validates each URL once, and keeps the first line of every source. */
    private static final class Collector {
        private final SourceFormat format;
        private final Map<String, Integer> firstLineByKey = new HashMap<>();
        private final List<SourceEntry> accepted = new ArrayList<>();
        private final List<DuplicateLine> duplicates = new ArrayList<>();
        private final List<RejectedLine> rejected = new ArrayList<>();
        private final java.util.SortedSet<String> ignoredColumns = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        private final List<String> notes = new ArrayList<>();

        Collector(SourceFormat format) {
            this.format = format;
        }

        void add(int line, String rawUrl, Map<String, String> columns) {
            SourceUrl url;
            try {
                url = SourceUrl.parse(rawUrl);
            } catch (InvalidSourceUrlException e) {
                reject(line, e.getMessage());
                return;
            }
            // The protocol's columns come from ytdc, never from a file: a copied ClaimedBy would fake a claim.
            Map<String, String> own = new LinkedHashMap<>();
            columns.forEach((name, value) -> {
                if (SourceImporter.writtenByYtdc(name)) {
                    ignoredColumns.add(name);
                } else {
                    own.put(name, value);
                }
            });
            SourceUrl.playlistAlongside(rawUrl).ifPresent(playlist -> notes.add("line " + line + ": "
                    + SourceImporter.playlistNote(playlist.url())));
            columns = own;
            Integer first = firstLineByKey.putIfAbsent(url.key(), line);
            if (first != null) {
                duplicates.add(new DuplicateLine(line, url, "duplicate of line " + first));
            } else {
                accepted.add(new SourceEntry(line, url, columns));
            }
        }

        void reject(int line, String reason) {
            rejected.add(new RejectedLine(line, reason));
        }

        void reject(int line, int column, String reason) {
            rejected.add(new RejectedLine(line, column, reason));
        }

        ParsedSources result() {
            List<String> all = new ArrayList<>();
            if (!ignoredColumns.isEmpty()) {
                all.add("left out the column" + (ignoredColumns.size() == 1 ? " " : "s ") + String.join(", ",
                        ignoredColumns) + ": ytdc writes " + (ignoredColumns.size() == 1 ? "it" : "them") + " itself");
            }
            all.addAll(notes);
            return new ParsedSources(format, accepted, duplicates, rejected, all);
        }
    }
}
