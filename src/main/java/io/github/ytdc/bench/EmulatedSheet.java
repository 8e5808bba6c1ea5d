package io.github.ytdc.bench;

import io.github.ytdc.coord.Status;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.RowWrite;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabNames;
import io.github.ytdc.coord.TabSnapshot;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.ops.Operations;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.TabInfo;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A Sheets emulator serving one spreadsheet prepared for ytdc: started in this process, or already running at an
 * endpoint ({@code ytdc emulator}). Agents reach it over real HTTP through the real Google client
 * ({@link #agentPort}); the bench seeds and inspects it through {@link #setup()}, which for an in-process emulator is
 * its model itself, so none of that shows up in the request counts being measured.
 */
final class EmulatedSheet implements AutoCloseable {
    static final String SPREADSHEET_ID = "bench";
    private static final int SEED_CHUNK = 10_000;
    private static final String SETUP_CALLER = "ytdc-bench-setup";

    private final SheetsEmulator emulator;
    private final URI baseUrl;
    private final String spreadsheetId;
    private final SpreadsheetPort setup;
    private final TabNames tabs = TabNames.DEFAULT;

    private EmulatedSheet(SheetsEmulator emulator, URI baseUrl, String spreadsheetId, SpreadsheetPort setup) {
        this.emulator = emulator;
        this.baseUrl = baseUrl;
        this.spreadsheetId = spreadsheetId;
        this.setup = setup;
        new SheetInitializer(setup, tabs).ensureColumns();
    }

    /** Starts an emulator on a free loopback port with the tabs and headers of {@code ytdc init}. */
    static EmulatedSheet start(SheetsEmulator.QuotaMode quota) {
        return start(quota, Duration.ZERO, Duration.ZERO);
    }

    /** The same, answering every request after {@code latency} plus up to {@code jitter}. */
    static EmulatedSheet start(SheetsEmulator.QuotaMode quota, Duration latency, Duration jitter) {
        return start(b -> b.quota(quota).latency(latency, jitter));
    }

    /** An emulator on a free loopback port, configured further by {@code configure} (faults, latency, quotas). */
    static EmulatedSheet start(UnaryOperator<SheetsEmulator.Builder> configure) {
        SheetsEmulator e = configure.apply(SheetsEmulator.builder().port(0)).create(SPREADSHEET_ID).start();
        return new EmulatedSheet(e, URI.create(e.baseUrl()), SPREADSHEET_ID,
                new InMemorySpreadsheetPort(e.spreadsheet(SPREADSHEET_ID)));
    }

    /**
     * An emulator already running at {@code endpoint} (its quotas and latency are its own); the spreadsheet must exist
     * ({@code ytdc emulator --create ID}). Seeding goes through the API as its own caller.
     *
     * @throws IllegalArgumentException when the endpoint is not a ytdc emulator
     */
    static EmulatedSheet remote(URI endpoint, String spreadsheetId) {
        URI base = endpoint.toString().endsWith("/") ? endpoint : URI.create(endpoint + "/");
        remoteStats(base); // fails early, before seeding, when this is not an emulator
        GoogleSpreadsheetPort setup = GoogleSpreadsheetPort.builder(new ConnectionSettings(spreadsheetId, null, base,
                null)).quotaUser(SETUP_CALLER).build();
        return new EmulatedSheet(null, base, spreadsheetId, setup);
    }

    /** The in-process emulator; only for scenarios that start one. */
    SheetsEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs in another process");
        }
        return emulator;
    }

    /** The spreadsheet as the bench sees it for seeding and inspection (not counted when in-process). */
    SpreadsheetPort setup() {
        return setup;
    }

    TabNames tabs() {
        return tabs;
    }

    String baseUrl() {
        return baseUrl.toString();
    }

    String spreadsheetId() {
        return spreadsheetId;
    }

    /** The emulator's counters now. */
    StatsSnapshot stats() {
        return StatsSnapshot.fromJson(emulator != null ? emulator.stats().toJson() : remoteStats(baseUrl));
    }

    private static JsonNode remoteStats(URI base) {
        URI uri = base.resolve("__emulator/stats");
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .timeout(java.time.Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalArgumentException(uri + " answered HTTP " + r.statusCode() + ": --endpoint must be a "
                        + "ytdc emulator (ytdc emulator), whose request counts the bench reads");
            }
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the emulator's request counts at " + uri + ": " + e
                    + " (is 'ytdc emulator' running there?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What an agent uses: the real Google client over HTTP, known to the emulator as {@code quotaUser}. */
    GoogleSpreadsheetPort agentPort(String quotaUser) {
        return GoogleSpreadsheetPort.builder(settings()).quotaUser(quotaUser).build();
    }

    /**
     * The arguments of a {@code ytdc agent} process working this sheet on simulated tasks as its own quota caller
     * ({@code --worker-name} and {@code --journal} are {@link AgentProcesses}' business).
     */
    List<String> simulatedAgentArgs(String name, Bench.TaskTime taskTime, int concurrency,
                                    Duration settleDelay) {
        return List.of("--endpoint", baseUrl(), "--spreadsheet", spreadsheetId, "--quota-user", name,
                "--simulate=" + taskTime, "--concurrency", Integer.toString(concurrency),
                "--settle-delay", settleDelay.toMillis() + "ms", "--idle-poll", "1s");
    }

    /** Connection settings of an agent ({@code --endpoint} and {@code --spreadsheet}). */
    ConnectionSettings settings() {
        return new ConnectionSettings(spreadsheetId, null, baseUrl, null);
    }

    /**
     * Appends {@code done} finished video rows (as agents leave them: claim columns, DoneAt, Output filled) and then
     * {@code pending} pending ones, and returns the pending ones' ids. Video ids are {@code v0000000000},
     * {@code v0000000001}, ... in row order.
     */
    List<String> seedVideos(int done, int pending, Instant doneAt) {
        return seedVideos("v", done, pending, doneAt);
    }

    /** The same with ids {@code PREFIX0000000000}, ... (a run against a shared emulator keeps its ids apart). */
    List<String> seedVideos(String prefix, int done, int pending, Instant doneAt) {
        List<String> pendingIds = new ArrayList<>();
        Header header = header(tabs.videos());
        List<List<String>> chunk = new ArrayList<>();
        for (int i = 0; i < done + pending; i++) {
            String id = prefix + String.format("%010d", i);
            chunk.add(videoRow(header, id, "UCbench", i, i < done ? doneAt : null));
            if (i >= done) {
                pendingIds.add(id);
            }
            if (chunk.size() == SEED_CHUNK) {
                setup.append(A1.cell(tabs.videos(), 0, 1), chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            setup.append(A1.cell(tabs.videos(), 0, 1), chunk);
        }
        return pendingIds;
    }

    /**
     * One Video Tasks row laid out by {@code header}: finished at {@code doneAt} as agents leave a row (claim columns,
     * DoneAt, Output filled), or pending when {@code doneAt} is {@code null}; {@code i} varies its duration, title and
     * claim token.
     */
    static List<String> videoRow(Header header, String id, String sourceId, long i, Instant doneAt) {
        Map<String, String> row = new HashMap<>(Map.of(Columns.ID, id, Columns.SOURCE_ID, sourceId,
                Columns.URL, "https://www.youtube.com/watch?v=" + id, Columns.DURATION, Long.toString(60 + i % 900),
                Columns.TITLE, "Benchmark video number " + i));
        if (doneAt != null) {
            String at = Timestamps.format(doneAt);
            row.putAll(Map.of(Columns.STATUS, Status.DONE.label(), Columns.CLAIMED_BY, "seed-agent-" + i % 10,
                    Columns.CLAIMED_AT, at, Columns.HEARTBEAT_AT, at, Columns.CLAIM_TOKEN,
                    Long.toHexString(0x8000_0000_0000_0000L | i * 0x9E37_79B9_7F4A_7C15L), Columns.DONE_AT, at,
                    Columns.OUTPUT, "/data/videos/" + id + ".mp4", Columns.RETRY_COUNT, "0"));
        } else {
            row.put(Columns.STATUS, Status.PENDING.label());
        }
        return RowWrite.newRow(header, row);
    }

    /**
     * Lays the sheet out as {@code ytdc init} does: frozen headers and formatting, then the grid trimmed to the
     * headers plus two spare columns and the empty default tab deleted (Google counts every grid cell).
     */
    void initializeAsYtdcInit() {
        SheetInitializer init = new SheetInitializer(setup, tabs);
        init.trimGrid(init.initialize().headers());
    }

    /** Cells of every tab's grid, blank ones included: what Google counts against its cap (as coord's budget does). */
    static long cells(SpreadsheetInfo info) {
        long used = 0;
        for (TabInfo t : info.tabs()) {
            used += (long) t.rowCount() * t.columnCount();
        }
        return used;
    }

    /** The workbook's tabs now, read directly. */
    SpreadsheetInfo setupInfo() {
        return setup.getInfo();
    }

    /** {@link #cells} of the workbook now, read directly. */
    long cellsUsed() {
        return cells(setup.getInfo());
    }

    /** Grid rows of a tab now (header and blank rows included), read directly; 0 when the tab is missing. */
    int gridRows(String tab) {
        return setup.getInfo().tab(tab).map(TabInfo::rowCount).orElse(0);
    }

    /** Videos in the Archive tab: the sum of its {@code Videos} column, read directly. */
    long archivedVideos() {
        List<CellRange> got = setup.batchGet(List.of(A1.quote(tabs.archive()) + "!A:B"));
        long n = 0;
        List<List<String>> rows = got.get(0).rows();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() > 1 && r.get(1).matches("\\d+")) {
                n += Long.parseLong(r.get(1));
            }
        }
        return n;
    }

    /** What {@code ytdc status --json} prints for this sheet now, read directly (not counted as requests). */
    JsonNode status(Clock clock) {
        try {
            return new ObjectMapper().readTree(new Operations(clock).status(setup, tabs, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one pending source row. */
    void seedSource(String id, String url) {
        Header header = header(tabs.sources());
        setup.append(A1.cell(tabs.sources(), 0, 1), List.of(RowWrite.newRow(header,
                Map.of(Columns.ID, id, Columns.URL, url, Columns.STATUS, Status.PENDING.label()))));
    }

    /**
     * Adds a Workers row for {@code worker}, as an agent that ran before leaves it: its next start updates the row in
     * the requests it makes anyway instead of appending one.
     */
    void seedWorker(String worker) {
        Header header = header(tabs.workers());
        setup.append(A1.cell(tabs.workers(), 0, 1), List.of(RowWrite.newRow(header,
                Map.of(Columns.WORKER, worker, Columns.STATUS, "stopped"))));
    }

    /** Requests the emulator answered so far, per API method. */
    Map<String, Long> requestsByMethod() {
        return stats().byMethod();
    }

    static String videoId(int i) {
        return String.format("v%010d", i);
    }

    /** Every non-blank row of a tab, read directly. */
    List<WorkRow> rows(String tab) {
        List<CellRange> got = setup.batchGet(List.of(A1.rows(tab, 1, 1), A1.tab(tab)));
        return TabSnapshot.parse(tab, got.get(0), got.get(1), 1, 0).rows();
    }

    /** Video rows whose status is {@code status}. */
    long countVideos(Status status) {
        return rows(tabs.videos()).stream().filter(r -> r.hasStatus(status)).count();
    }

    Header header(String tab) {
        CellRange r = setup.batchGet(List.of(A1.rows(tab, 1, 1))).get(0);
        return new Header(r.rows().get(0));
    }

    /** Stops the in-process emulator; leaves a remote one running. */
    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        } else {
            setup.close();
        }
    }
}
