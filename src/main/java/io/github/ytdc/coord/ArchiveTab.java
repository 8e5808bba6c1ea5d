package io.github.ytdc.coord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compact archive tab: one row per archived block, {@code ArchivedAt, Videos, Sources, IDs, Records}. A block
 * of hundreds of finished videos costs five cells instead of fifteen per video, which is what keeps a campaign of a
 * million videos under Google's 10,000,000-cell cap. {@code IDs} (space-separated) lets expansion skip archived
 * videos (G6); {@code Sources} ({@code {"sourceId": count}} of the block's done videos; error rows are counted from the
 * dead-letter tab, which keeps them) lets {@code ytdc status} count them without parsing records; {@code Records} ({@code [[ID, SourceID, Status, DoneAt, Output, Title], ...]}) keeps each video findable.
 */
public final class ArchiveTab {
    /** The header, in column order. */
    public static final List<String> COLUMNS = Columns.ARCHIVE;
    /** Column of the space-separated video IDs. */
    public static final String IDS = "IDs";
    /** Column of the per-source counts. */
    public static final String SOURCES = "Sources";
    /** Google's cap is 50,000 characters per cell; the margin covers JSON escaping we do not count exactly. */
    static final int MAX_CELL_CHARS = 45_000;
    static final int MAX_TITLE_CHARS = 80;
    static final int MAX_FIELD_CHARS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveTab() {}

    /**
     * The archive rows for these entries: titles shortened, then the entries split into as many rows as keep every
     * cell under {@link #MAX_CELL_CHARS}.
     */
    static List<List<String>> rows(List<ArchiveEntry> entries, Instant archivedAt) {
        List<List<String>> rows = new ArrayList<>();
        List<ArchiveEntry> chunk = new ArrayList<>();
        int recordChars = 2;
        int idChars = 0;
        for (ArchiveEntry raw : entries) {
            ArchiveEntry e = raw.shortened(MAX_FIELD_CHARS, MAX_TITLE_CHARS);
            int rec = json(e.fields()).length() + 1;
            int ids = e.id().length() + 1;
            if (!chunk.isEmpty() && (recordChars + rec > MAX_CELL_CHARS || idChars + ids > MAX_CELL_CHARS)) {
                rows.add(row(chunk, archivedAt));
                chunk = new ArrayList<>();
                recordChars = 2;
                idChars = 0;
            }
            chunk.add(e);
            recordChars += rec;
            idChars += ids;
        }
        if (!chunk.isEmpty()) {
            rows.add(row(chunk, archivedAt));
        }
        return rows;
    }

    private static List<String> row(List<ArchiveEntry> chunk, Instant archivedAt) {
        Map<String, Integer> sources = new TreeMap<>();
        List<List<String>> records = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        for (ArchiveEntry e : chunk) {
            // Only done videos: an archived error row is still in the dead-letter tab, where status counts it.
            if (Status.read(e.status()).filter(Status.DONE::equals).isPresent()) {
                sources.merge(e.sourceId(), 1, Integer::sum);
            }
            records.add(e.fields());
            if (!e.id().isEmpty()) {
                ids.append(ids.length() == 0 ? "" : " ").append(e.id());
            }
        }
        return List.of(Timestamps.format(archivedAt), Integer.toString(chunk.size()), json(sources), ids.toString(),
                json(records));
    }

    /**
     * The per-source counts of one {@code Sources} cell; empty for a blank or unreadable cell (a person edited it),
     * so one bad row never stops {@code ytdc status}.
     */
    public static Map<String, Integer> sourceCounts(String cell) {
        if (cell == null || cell.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Integer> m = JSON.readValue(cell, new TypeReference<LinkedHashMap<String, Integer>>() {});
            return m == null ? Map.of() : m;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** The records of one {@code Records} cell, each {@code [ID, SourceID, Status, DoneAt, Output, Title]}. */
    static List<List<String>> records(String cell) {
        try {
            return JSON.readValue(cell, new TypeReference<List<List<String>>>() {});
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
