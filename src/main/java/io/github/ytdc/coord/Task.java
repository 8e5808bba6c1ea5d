package io.github.ytdc.coord;

import java.util.Map;
import java.util.Objects;

/**
 * A claimed unit of work as handed to a processor.
 *
 * @param kind     source or video
 * @param id       the row's ID (for videos, the video id)
 * @param url      what to download or expand
 * @param title    the title where known, else {@code ""}
 * @param sourceId for videos, the ID of the source it came from; {@code ""} for sources
 * @param fields   every column of the row by header name, including pass-through columns such as
 *                 {@code Accent} or {@code Type}
 * @param attempt  one-based attempt number (1 on the first try)
 */
public record Task(TaskKind kind, String id, String url, String title, String sourceId,
                   Map<String, String> fields, int attempt) {
    public Task {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        title = title == null ? "" : title;
        sourceId = sourceId == null ? "" : sourceId;
        fields = Map.copyOf(fields);
    }

    /** A column's value by header name (case-insensitive), or {@code ""}. */
    public String field(String header) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().trim().equalsIgnoreCase(header.trim())) {
                return e.getValue();
            }
        }
        return "";
    }
}
