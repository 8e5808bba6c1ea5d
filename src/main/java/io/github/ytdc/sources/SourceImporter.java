package io.github.ytdc.sources;

import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TabInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds sources to the Sources tab: skips those already there (compared by a normalised key, so a URL typed
 * another way by a person or by the Python tool still counts), and writes the new rows in one append.
 *
 * <p>What to add is checked first, without the sheet: {@link #parseUrl} for one URL, {@link #parseFile} for a sources
 * file. So a bad URL or file is reported before any sheet is opened, whatever is wrong with the sheet.
 *
 * <p>Columns a file brings that the sheet lacks (e.g. {@code Accent}) are added to Sources and to Video Tasks first,
 * so the values are kept and later carried into each video row.
 *
 * <p>Not thread-safe: one caller (the CLI, or an agent's supervisor loop) owns an importer.
 */
public final class SourceImporter {
    /** The columns of {@code URL|Accent|Type} lines, as the Python tool's {@code sources.txt}. */
    public static final List<String> DEFAULT_TXT_COLUMNS = SourceFileParser.DEFAULT_TXT_COLUMNS;

    private final SpreadsheetPort port;
    private final TabNames tabs;
    /** The files {@link #importIfChanged} watches, each with the content last imported from it. */
    private final Map<Path, SourceFileWatch> watches = new HashMap<>();

    /** An importer into the tabs {@code tabs} of the spreadsheet behind {@code port}. */
    public SourceImporter(SpreadsheetPort port, TabNames tabs) {
        this.port = Objects.requireNonNull(port, "port");
        this.tabs = Objects.requireNonNull(tabs, "tabs");
    }

    /**
     * Validates and normalises one source as a person typed it: a channel ({@code @handle}, {@code /channel/UC...},
     * {@code /c/name}, {@code /user/name}), a playlist, a video, or any other http(s) URL, left to yt-dlp.
     *
     * @throws io.github.ytdc.YtdcException saying why the text is not a usable source
     */
    public static Source parseUrl(String url) {
        return new Source(SourceUrl.parse(url), url);
    }

    /** Reads a sources file with the {@link #DEFAULT_TXT_COLUMNS}; see {@link #parseFile(Path, List)}. */
    public static ParsedFile parseFile(Path file) {
        return parseFile(file, DEFAULT_TXT_COLUMNS);
    }

    /**
     * Reads a sources file: {@code URL|Accent|Type} text lines with {@code #} comments, CSV with a header naming a
     * {@code url} or {@code channel_url} column, or JSON, chosen by extension or else by content. Bad lines are kept
     * as rejections (with their line numbers) for the import's summary; repeats within the file as duplicates.
     *
     * @param txtColumns names of the fields after the URL in text lines (a text file may name them itself in a first
     *                   line such as {@code URL|Name|Accent})
     * @throws io.github.ytdc.YtdcException when the file cannot be read or is not text in a known format
     */
    public static ParsedFile parseFile(Path file, List<String> txtColumns) {
        return new ParsedFile(new SourceFileParser(txtColumns).parse(file));
    }

    /** A source checked by {@link #parseUrl}, ready for {@link #add(Source, Map)}. */
    public static final class Source {
        private final SourceUrl url;
        private final String typed;

        private Source(SourceUrl url, String typed) {
            this.url = url;
            this.typed = typed;
        }

        /** The normalised URL, as written to the sheet and handed to yt-dlp. */
        public String url() {
            return url.url();
        }

        /** What it points at: {@code channel}, {@code playlist}, {@code video}, or {@code other} (left to yt-dlp). */
        public String kind() {
            return url.kind().name().toLowerCase(Locale.ROOT);
        }

        /**
         * The URL of the playlist a YouTube video link also names ({@code watch?v=ID&list=PL...}, as YouTube writes
         * links to a video played within a playlist): the source is the video only, and a caller may offer the
         * playlist. Empty for anything else, and for the lists YouTube makes per viewer (watch later, liked, mixes).
         */
        public Optional<String> playlistAlongside() {
            return SourceUrl.playlistAlongside(typed).map(SourceUrl::url);
        }

        @Override
        public String toString() {
            return url.url();
        }
    }

    /** A sources file read by {@link #parseFile(Path)}, ready for {@link #importSources(ParsedFile)}. */
    public static final class ParsedFile {
        private final ParsedSources sources;

        private ParsedFile(ParsedSources sources) {
            this.sources = sources;
        }
    }

    /**
     * The result of adding one source.
     *
     * @param added whether a row was written
     * @param row   the one-based row of the source: the new row, or the existing one it duplicates
     */
    public record AddResult(boolean added, int row) {}

    /**
     * The one-line outcome of an import, for people: {@code added 12, skipped 3 duplicates, rejected 2: line 4: ...,
     * line 9: ...}.
     *
     * @param added      sources written to the sheet
     * @param duplicates lines skipped because their source was already known
     * @param rejected   lines that were not valid sources
     */
    public record ImportSummary(int added, int duplicates, List<RejectedLine> rejected, List<String> notes) {
        /** How many rejected lines {@link #render()} spells out before summarising the rest. */
        static final int MAX_LISTED_REJECTIONS = 10;

        public ImportSummary {
            rejected = List.copyOf(rejected);
            notes = List.copyOf(notes);
        }

        /** A summary with nothing to note. */
        public ImportSummary(int added, int duplicates, List<RejectedLine> rejected) {
            this(added, duplicates, rejected, List.of());
        }

        /** The summary of importing every accepted entry of {@code parsed}. */
        static ImportSummary of(ParsedSources parsed) {
            return new ImportSummary(parsed.accepted().size(), parsed.duplicates().size(), parsed.rejected(),
                    parsed.notes());
        }

        /** Whether any line was rejected (a caller may want a non-zero exit code). */
        public boolean hasRejections() {
            return !rejected.isEmpty();
        }

        /** The summary line. */
        public String render() {
            StringBuilder out = new StringBuilder("added ").append(added)
                    .append(", skipped ").append(duplicates).append(duplicates == 1 ? " duplicate" : " duplicates")
                    .append(", rejected ").append(rejected.size());
            if (!rejected.isEmpty()) {
                out.append(": ").append(rejected.stream()
                        .limit(MAX_LISTED_REJECTIONS)
                        .map(RejectedLine::toString)
                        .collect(Collectors.joining(", ")));
                if (rejected.size() > MAX_LISTED_REJECTIONS) {
                    out.append(", and ").append(rejected.size() - MAX_LISTED_REJECTIONS).append(" more");
                }
            }
            return out.toString();
        }
    }

    /**
     * Columns a person may not set, by {@code --field} or in a sources file: the protocol's (Status, ID, ClaimedBy,
     * ...), except the per-source settings MaxVideos and Resync.
     */
    public static boolean writtenByYtdc(String column) {
        return Columns.isProtocol(column) && !column.strip().equalsIgnoreCase(Columns.MAX_VIDEOS)
                && !column.strip().equalsIgnoreCase(Columns.RESYNC);
    }

    /** What to tell a person whose video link also names {@code playlistUrl}: what was taken, and how to get the rest. */
    public static String playlistNote(String playlistUrl) {
        return "the link also names playlist " + playlistUrl.substring(playlistUrl.indexOf("list=") + 5)
                + "; only the video was taken. For the whole playlist: ytdc sources add '" + playlistUrl + "'";
    }

    /** Imports every accepted entry of {@code file} not already in the sheet; rejected lines are only reported. */
    public ImportSummary importSources(ParsedFile file) {
        return importSources(file.sources);
    }

    /**
     * Adds one source unless the sheet already has it.
     *
     * @param source  the source, as {@link #parseUrl} checked it
     * @param columns further values for its row by column name (e.g. {@code Accent -> british}); a column the
     *                sheet lacks is added to Sources and Video Tasks
     */
    public AddResult add(Source source, Map<String, String> columns) {
        return add(new SourceEntry(0, source.url, columns));
    }

    /**
     * Imports {@code file} (text, CSV or JSON, read with the default text columns) when its content differs from
     * what this importer last imported from it: what an agent does with its sources file, polling. A missing or
     * unusable file is logged once and is no change; the last import stands.
     *
     * @return the import's summary, or empty when the content was unchanged or could not be read
     * @throws io.github.ytdc.YtdcException when the sheet cannot be written; the same content is offered again
     */
    public Optional<ImportSummary> importIfChanged(Path file) {
        SourceFileWatch watch = watches.computeIfAbsent(file, f -> new SourceFileWatch(f, new SourceFileParser()));
        Optional<SourceFileWatch.Change> change = watch.changed();
        if (change.isEmpty()) {
            return Optional.empty();
        }
        ImportSummary summary = importSources(change.get().sources());
        watch.imported(change.get()); // only once it is in the sheet, so a failed write is retried
        return Optional.of(summary);
    }

    /** Imports every accepted entry not already in the sheet; rejected lines are only reported. */
    ImportSummary importSources(ParsedSources parsed) {
        Existing existing = readExisting(columnsOf(parsed.accepted()));
        ParsedSources fresh = parsed.excluding(existing.urls);
        append(existing.header, fresh.accepted());
        return ImportSummary.of(fresh);
    }

    /** Adds one source unless the sheet already has it. */
    AddResult add(SourceEntry entry) {
        Existing existing = readExisting(columnsOf(List.of(entry)));
        Integer row = existing.rowByKey.get(entry.url().key());
        if (row != null) {
            return new AddResult(false, row);
        }
        int first = append(existing.header, List.of(entry));
        return new AddResult(true, first);
    }

    private static Set<String> columnsOf(List<SourceEntry> entries) {
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(e -> names.addAll(e.columns().keySet()));
        return names;
    }

    /** The Sources header, the URLs in the tab, and each URL's key with the first row holding it. */
    private record Existing(Header header, List<String> urls, Map<String, Integer> rowByKey) {}

    /** Prepares the tabs (creating them on a new sheet), then reads the Sources tab's URLs. */
    private Existing readExisting(Set<String> extraColumns) {
        SheetInitializer.Report report = new SheetInitializer(port, tabs).ensureColumns();
        Header sources = report.headers().get(tabs.sources());
        Header videos = report.headers().get(tabs.videos());
        List<String> missingInSources = sources.missing(List.copyOf(extraColumns));
        List<String> missingInVideos = videos.missing(List.copyOf(extraColumns));
        if (!missingInSources.isEmpty() || !missingInVideos.isEmpty()) {
            addColumns(Map.of(tabs.sources(), sources, tabs.videos(), videos),
                    Map.of(tabs.sources(), missingInSources, tabs.videos(), missingInVideos));
            sources = sources.plus(missingInSources);
        }
        int urlColumn = sources.column(Columns.URL).orElseThrow();
        CellRange urls = port.batchGet(List.of(A1.columnFrom(tabs.sources(), urlColumn, 2))).get(0);
        List<String> present = new ArrayList<>();
        Map<String, Integer> rowByKey = new HashMap<>();
        for (int i = 0; i < urls.rows().size(); i++) {
            String url = urls.cell(i, 0);
            if (!url.isBlank()) {
                present.add(url);
                rowByKey.putIfAbsent(SourceUrl.keyOf(url), i + 2);
            }
        }
        return new Existing(sources, present, rowByKey);
    }

    /** Appends {@code columns} to the end of each tab's header, widening the grid where needed. */
    private void addColumns(Map<String, Header> headers, Map<String, List<String>> missing) {
        SpreadsheetInfo info = port.getInfo();
        List<StructuralRequest> widen = new ArrayList<>();
        List<RangeWrite> writes = new ArrayList<>();
        missing.forEach((tab, columns) -> {
            if (columns.isEmpty()) {
                return;
            }
            Header h = headers.get(tab);
            TabInfo t = info.tab(tab).orElseThrow();
            int width = h.width() + columns.size();
            if (width > t.columnCount()) {
                widen.add(new StructuralRequest.AppendDimension(t.sheetId(), StructuralRequest.Dimension.COLUMNS,
                        width - t.columnCount()));
            }
            writes.add(new RangeWrite(A1.range(tab, h.width(), 1, width - 1, 1), List.of(columns)));
        });
        if (!widen.isEmpty()) {
            port.batchUpdate(widen);
        }
        port.batchUpdateValues(writes);
    }

    /** One append of every entry; returns the first row written (0 when there was nothing to write). */
    private int append(Header header, List<SourceEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (SourceEntry e : entries) {
            rows.add(RowWrite.newPendingRow(header, e.url().url(), e.columns()));
        }
        return port.append(A1.cell(tabs.sources(), 0, 1), rows).firstRow();
    }
}
