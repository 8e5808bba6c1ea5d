package io.github.ytdc.coord;

import java.util.List;

/**
 * What the compact archive keeps of one finished Video Tasks row: enough to find the video's file again and to
 * count it per source. Everything else (claims, leases, retries) only mattered while the row was being worked.
 */
record ArchiveEntry(String id, String sourceId, String status, String doneAt, String output, String title) {

    static ArchiveEntry of(WorkRow row) {
        return new ArchiveEntry(row.id(), row.get(Columns.SOURCE_ID), row.get(Columns.STATUS), row.get(Columns.DONE_AT),
                row.get(Columns.OUTPUT), row.get(Columns.TITLE));
    }

    /** The same entry with each field cut to {@code max} characters (titles are cut harder by the caller). */
    ArchiveEntry shortened(int max, int maxTitle) {
        return new ArchiveEntry(cut(id, max), cut(sourceId, max), cut(status, max), cut(doneAt, max), cut(output, max),
                cut(title, maxTitle));
    }

    List<String> fields() {
        return List.of(id, sourceId, status, doneAt, output, title);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
