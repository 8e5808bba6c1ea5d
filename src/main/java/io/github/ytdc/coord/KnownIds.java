package io.github.ytdc.coord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row IDs present in some tabs (Video Tasks, the dead-letter tabs and the Archive tab, whose {@code IDs} cells
 * hold many IDs each), kept by one agent across expansions,
 * re-syncs and dead-letter appends, so that deduplicating by ID does not re-read a whole ID column every time.
 *
 * <p>While an entry is fresh, a refresh reads only the ID column from the last ID it knows downwards, in the same
 * {@code batchGet} as the header rows. That is enough for G6 because every agent (and {@code ytdc sources add})
 * adds rows with {@code values.append}, which lands below the last row: other agents' rows appear past the known
 * tail. The remembered tail ID must still be on its row; rows a person inserted above, deleted, or sorted move it,
 * and then the whole column is read again. An edit that moves nothing (as many rows deleted as inserted above the
 * tail) is not seen, which is why entries expire: the whole column is re-read at least every {@code fullReadEvery}.
 *
 * <p>IDs are also reserved while an expansion of this agent is about to append them, so two expansions running at
 * once in one agent (a channel and one of its playlists) do not append the same video twice. Thread-safe.
 */
final class KnownIds {
    private static final Logger LOG = LoggerFactory.getLogger(KnownIds.class);
    /** How long a full read of a tab's IDs is trusted to be extended incrementally. */
    static final Duration FULL_READ_EVERY = Duration.ofMinutes(10);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final SpreadsheetPort port;
    private final Cache<String, TabIds> byTab;
    private final Set<String> reserved = new HashSet<>();
    /** The ID column each tab's header had when last seen: a first read guesses it (one request instead of two). */
    private final Map<String, Integer> idColumnSeen = new HashMap<>();

    /** IDs of one tab as read, and where the last of them sits. Guarded by the enclosing instance. */
    private static final class TabIds {
        final int idColumn;
        final IdSet ids = new IdSet();
        /** One-based row of the last non-blank ID read; 1 (the header) when none. */
        int lastRow = 1;
        String lastId = "";

        TabIds(int idColumn) {
            this.idColumn = idColumn;
        }

        /** Row the next read starts at: the known tail itself (to check it did not move), else row 2. */
        int readFrom() {
            return lastRow < 2 ? 2 : lastRow;
        }

        /** Adds the IDs of a read starting at {@link #readFrom()}; false if the known tail moved. */
        boolean extend(CellRange column) {
            int from = readFrom();
            List<List<String>> rows = column.rows();
            if (lastRow >= 2 && !column.cell(0, 0).trim().equals(lastId)) {
                return false;
            }
            for (int i = lastRow >= 2 ? 1 : 0; i < rows.size(); i++) {
                String cell = column.cell(i, 0).trim();
                if (!cell.isEmpty()) {
                    // An Archive row holds many IDs, space-separated; a work tab's cell holds one.
                    for (String id : SPACES.split(cell)) {
                        ids.add(id);
                    }
                    lastRow = from + i;
                    lastId = cell;
                }
            }
            return true;
        }
    }

    KnownIds(SpreadsheetPort port, Clock clock, Duration fullReadEvery) {
        this.port = port;
        this.byTab = Caffeine.newBuilder()
                .expireAfterWrite(fullReadEvery)
                .ticker(ticker(clock))
                .executor(Runnable::run)
                .build();
    }

    /** Caffeine reads time through this, so tests that move a mutable clock move expiry with it. */
    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        };
    }

    /** Headers seen elsewhere (the schema check): the next first read of their tabs reads the ID column at once. */
    synchronized void knowHeaders(Map<String, Header> headers) {
        headers.forEach((tab, header) -> idColumnSeen.put(tab, idColumn(header)));
    }

    /**
     * Brings the known IDs of {@code tabs} up to date and returns their headers. One {@code batchGet} when every
     * entry is fresh and its tail is in place, or when a stale tab's ID column is where its header last had it (the
     * whole column is then read with the header); otherwise a second one reads the stale tabs' whole ID columns.
     */
    synchronized Map<String, Header> refresh(List<String> tabs) {
        List<String> ranges = new ArrayList<>();
        List<TabIds> cached = new ArrayList<>();
        for (String tab : tabs) {
            ranges.add(A1.rows(tab, 1, 1));
            TabIds t = byTab.getIfPresent(tab);
            if (t == null && idColumnSeen.containsKey(tab)) {
                t = new TabIds(idColumnSeen.get(tab)); // empty: reads the whole column, from row 2
            }
            cached.add(t);
            if (t != null) {
                ranges.add(A1.columnFrom(tab, t.idColumn, t.readFrom()));
            }
        }
        List<CellRange> got;
        try {
            got = port.batchGet(ranges);
        } catch (SheetsException e) {
            if (e.retryable() || cached.stream().allMatch(t -> t == null)) {
                throw e;
            }
            // A tail read that starts past the grid (rows deleted at the end) is refused: read everything again.
            LOG.debug("incremental ID read refused ({}); reading whole ID columns", e.getMessage());
            tabs.forEach(byTab::invalidate);
            return refresh(tabs);
        }
        Map<String, Header> headers = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < tabs.size(); i++) {
            Header header = Header.of(got.get(next++));
            headers.put(tabs.get(i), header);
            idColumnSeen.put(tabs.get(i), idColumn(header));
            TabIds t = cached.get(i);
            CellRange tail = t == null ? null : got.get(next++);
            if (t == null || t.idColumn != idColumn(header) || !t.extend(tail)) {
                stale.add(tabs.get(i));
            } else if (byTab.getIfPresent(tabs.get(i)) != t) {
                byTab.put(tabs.get(i), t); // a guessed column was read whole: the entry is fresh from now
            }
        }
        if (!stale.isEmpty()) {
            readWhole(stale, headers);
        }
        return headers;
    }

    private void readWhole(List<String> tabs, Map<String, Header> headers) {
        List<CellRange> columns = port.batchGet(tabs.stream()
                .map(tab -> A1.columnFrom(tab, idColumn(headers.get(tab)), 2)).toList());
        for (int i = 0; i < tabs.size(); i++) {
            TabIds t = new TabIds(idColumn(headers.get(tabs.get(i))));
            t.extend(columns.get(i));
            // put (not an in-place update) starts the entry's lifetime: only full reads make an entry fresh.
            byTab.put(tabs.get(i), t);
        }
    }

    private static int idColumn(Header header) {
        return header.column(Columns.ID).orElse(header.column(ArchiveTab.IDS).orElse(0));
    }

    /** True when {@code id} was seen in {@code tab} by the last refresh, or appended there since. */
    synchronized boolean contains(String tab, String id) {
        TabIds t = byTab.getIfPresent(tab);
        return t != null && t.ids.contains(id);
    }

    /**
     * Reserves {@code id} for appending when it is in none of {@code tabs} and no other expansion of this agent
     * reserved it. The caller must later {@link #appended} or {@link #release} it.
     */
    synchronized boolean reserve(String id, Collection<String> tabs) {
        for (String tab : tabs) {
            if (contains(tab, id)) {
                return false;
            }
        }
        return reserved.add(id);
    }

    /** {@code ids} are now in {@code tab} (an append succeeded, or a re-read found them there). */
    synchronized void appended(String tab, Collection<String> ids) {
        TabIds t = byTab.getIfPresent(tab);
        if (t != null) {
            // The rows' position is not recorded: the next refresh reads from the old tail and checks it.
            ids.forEach(t.ids::add);
        }
        reserved.removeAll(ids);
    }

    /** Gives up reservations whose append did not happen. */
    synchronized void release(Collection<String> ids) {
        reserved.removeAll(ids);
    }

    private io.github.ytdc.sheets.SpreadsheetInfo workbook;
    private java.time.Instant workbookAt = java.time.Instant.MIN;

    /** The tabs as the engine just read them, so an expansion right after needs no read of its own. */
    synchronized void workbookSeen(io.github.ytdc.sheets.SpreadsheetInfo info, java.time.Instant at) {
        workbook = info;
        workbookAt = at;
    }

    /** The tabs as read at most {@code maxAge} ago, else read now. */
    synchronized io.github.ytdc.sheets.SpreadsheetInfo workbook(java.time.Instant now, java.time.Duration maxAge) {
        if (workbook == null || workbookAt.plus(maxAge).isBefore(now)) {
            workbook = port.getInfo();
            workbookAt = now;
        }
        return workbook;
    }
}
