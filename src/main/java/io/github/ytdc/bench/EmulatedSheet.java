package io.github.ytdc.bench;

import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.coord.sheet.Columns;
import io.github.ytdc.coord.sheet.Header;
import io.github.ytdc.coord.sheet.RowWrite;
import io.github.ytdc.coord.sheet.SheetInitializer;
import io.github.ytdc.coord.sheet.TabNames;
import io.github.ytdc.coord.sheet.TabSnapshot;
import io.github.ytdc.coord.sheet.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-process {@link SheetsEmulator} serving one spreadsheet prepared for ytdc. Agents reach it over real HTTP
 * through the real Google client ({@link #agentPort}); the bench seeds and inspects it through the emulator's model
 * directly ({@link #direct()}), so none of that shows up in the request counts being measured.
 */
final class EmulatedSheet implements AutoCloseable {
    static final String SPREADSHEET_ID = "bench";
    private static final int SEED_CHUNK = 10_000;

    private final SheetsEmulator emulator;
    private final InMemorySpreadsheetPort direct;
    private final TabNames tabs = TabNames.DEFAULT;

    private EmulatedSheet(SheetsEmulator emulator) {
        this.emulator = emulator;
        this.direct = new InMemorySpreadsheetPort(emulator.spreadsheet(SPREADSHEET_ID));
        new SheetInitializer(direct, tabs).ensureColumns();
    }

    /** Starts an emulator on a free loopback port with the tabs and headers of {@code ytdc init}. */
    static EmulatedSheet start(SheetsEmulator.QuotaMode quota) {
        return new EmulatedSheet(SheetsEmulator.builder().port(0).quota(quota).create(SPREADSHEET_ID).start());
    }

    SheetsEmulator emulator() {
        return emulator;
    }

    /** The spreadsheet without HTTP: seeding and inspection, never counted by the emulator's stats. */
    InMemorySpreadsheetPort direct() {
        return direct;
    }

    TabNames tabs() {
        return tabs;
    }

    /** What an agent uses: the real Google client over HTTP, known to the emulator as {@code quotaUser}. */
    GoogleSpreadsheetPort agentPort(String quotaUser) {
        return GoogleSpreadsheetPort.builder(settings()).quotaUser(quotaUser).build();
    }

    /** Connection settings of an agent in another process ({@code --endpoint} and {@code --spreadsheet}). */
    ConnectionSettings settings() {
        return new ConnectionSettings(SPREADSHEET_ID, null, URI.create(emulator.baseUrl()), null);
    }

    /**
     * Appends {@code done} finished video rows (as agents leave them: claim columns, DoneAt, Output filled) and then
     * {@code pending} pending ones. Video ids are {@code v0000000000}, {@code v0000000001}, ... in row order.
     */
    void seedVideos(int done, int pending, Instant doneAt) {
        Header header = header(tabs.videos());
        String at = Timestamps.format(doneAt);
        List<List<String>> chunk = new ArrayList<>();
        for (int i = 0; i < done + pending; i++) {
            String id = videoId(i);
            Map<String, String> row = new HashMap<>(Map.of(Columns.ID, id, Columns.SOURCE_ID, "UCbench",
                    Columns.URL, "https://www.youtube.com/watch?v=" + id, Columns.DURATION, Integer.toString(60 + i % 900),
                    Columns.TITLE, "Benchmark video number " + i));
            if (i < done) {
                row.putAll(Map.of(Columns.STATUS, Status.DONE.label(), Columns.CLAIMED_BY, "seed-agent-" + i % 10,
                        Columns.CLAIMED_AT, at, Columns.HEARTBEAT_AT, at, Columns.CLAIM_TOKEN,
                        Long.toHexString(0x8000_0000_0000_0000L | i * 0x9E37_79B9_7F4A_7C15L), Columns.DONE_AT, at,
                        Columns.OUTPUT, "/data/videos/" + id + ".mp4", Columns.RETRY_COUNT, "0"));
            } else {
                row.put(Columns.STATUS, Status.PENDING.label());
            }
            chunk.add(RowWrite.newRow(header, row));
            if (chunk.size() == SEED_CHUNK) {
                direct.append(A1.cell(tabs.videos(), 0, 1), chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            direct.append(A1.cell(tabs.videos(), 0, 1), chunk);
        }
    }

    /** Adds one pending source row. */
    void seedSource(String id, String url) {
        Header header = header(tabs.sources());
        direct.append(A1.cell(tabs.sources(), 0, 1), List.of(RowWrite.newRow(header,
                Map.of(Columns.ID, id, Columns.URL, url, Columns.STATUS, Status.PENDING.label()))));
    }

    /** Requests the emulator answered so far, per API method. */
    Map<String, Long> requestsByMethod() {
        Map<String, Long> out = new TreeMap<>();
        emulator.stats().toJson().path("requests").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    static String videoId(int i) {
        return String.format("v%010d", i);
    }

    /** Every non-blank row of a tab, read directly. */
    List<WorkRow> rows(String tab) {
        List<CellRange> got = direct.batchGet(List.of(A1.rows(tab, 1, 1), A1.tab(tab)));
        return TabSnapshot.parse(tab, got.get(0), got.get(1), 1, 0).rows();
    }

    /** Video rows whose status is {@code status}. */
    long countVideos(Status status) {
        return rows(tabs.videos()).stream().filter(r -> r.hasStatus(status)).count();
    }

    private Header header(String tab) {
        CellRange r = direct.batchGet(List.of(A1.rows(tab, 1, 1))).get(0);
        return new Header(r.rows().get(0));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
