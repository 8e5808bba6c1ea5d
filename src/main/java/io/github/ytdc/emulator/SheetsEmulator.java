package io.github.ytdc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.ytdc.YtdcException;
import io.github.ytdc.sheets.memory.SheetsApiError;
import io.github.ytdc.sheets.memory.Spreadsheet;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import io.github.ytdc.util.HttpServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Google Sheets v4 REST emulator: the real Google client (or any HTTP client) talks to it through its
 * root URL, e.g. {@code new Sheets.Builder(transport, json, null).setRootUrl(emulator.baseUrl())}.
 *
 * <p>Serves {@code POST /v4/spreadsheets} (create), {@code GET /v4/spreadsheets/{id}} ({@code ranges},
 * {@code includeGridData}, {@code fields}), {@code POST /v4/spreadsheets/{id}:batchUpdate}, and the values methods
 * {@code get}, {@code batchGet}, {@code update} (PUT), {@code batchUpdate}, {@code {range}:append},
 * {@code {range}:clear}, {@code batchClear}, {@code batchGetByDataFilter} and {@code batchUpdateByDataFilter}, and
 * {@code developerMetadata:search} and {@code developerMetadata/{id}} (GET), with the semantics of
 * {@link Spreadsheet}; data-filter reads and metadata lookups count as reads, data-filter writes as writes, as at
 * Google. Request bodies may be
 * gzip-compressed. {@code GET /__emulator/stats} returns request counts per method and per caller, and 429s.
 *
 * <p>Options: Google's per-minute quotas per caller and per project (60/300 reads and writes, a batch counting
 * once, Google's exact 429 body without {@code Retry-After}); latency with jitter; a failure rate that answers
 * 500 or 503 with Google's bodies, for writes sometimes <em>after</em> the write was applied; a data file (a
 * snapshot plus a log of the changes since, each change forced to the disk before it is answered, compacted in the
 * background) reloaded on start.
 *
 * <p>Divergences from Google's recorded behaviour, kept on purpose:
 * <ul>
 *   <li>No authentication: any {@code Authorization} header, or none, is accepted (Google answers 401 for a bad
 *       token and 403 without one). The bearer token only identifies the caller for quotas and stats; it is
 *       stored as a digest.</li>
 *   <li>Every spreadsheet is shared with every caller (no 403 {@code The caller does not have permission}).</li>
 *   <li>Formulas are stored as text and never evaluated: every render option returns the formula text.</li>
 *   <li>USER_ENTERED parses numbers, TRUE/FALSE, {@code =formulas} and a leading apostrophe; dates,
 *       percentages and currencies stay text. FORMATTED_VALUE prints numbers plainly (no locale grouping).</li>
 *   <li>R1C1 notation, named ranges, {@code getByDataFilter}, {@code values:batchClearByDataFilter} and
 *       {@code updateDeveloperMetadata} are not served; {@code spreadsheets.batchUpdate} supports addSheet,
 *       deleteSheet, updateSheetProperties, updateSpreadsheetProperties, insertDimension, deleteDimension,
 *       appendDimension, findReplace, sortRange, setDataValidation, addConditionalFormatRule, appendCells,
 *       updateCells (values only; formats are accepted and ignored), createDeveloperMetadata and
 *       deleteDeveloperMetadata. Other kinds are refused with a 400 naming the kind.</li>
 *   <li>Developer metadata exists only on single rows (column, sheet and spreadsheet locations are refused). It
 *       moves with its row through inserts, deletes, sorts and INSERT_ROWS appends, as Google documents and was
 *       measured for sortRange and insertDimension. Assumed where Google documents nothing: deleting an id that
 *       does not exist deletes nothing without error; a data-filter write whose filter matches no row writes
 *       nothing and has no {@code responses} entry; filters of a data-filter read that select the same range
 *       share one {@code MatchedValueRange}; search answers in id order. The messages for a taken id, a
 *       multi-row location and a missing key or visibility are inferred. Metadata is not listed in
 *       {@code spreadsheets.get} answers.</li>
 *   <li>sortRange puts numbers before text before booleans, compares text ignoring case and formulas by their
 *       text, and leaves empty cells last in both orders.</li>
 *   <li>Data validation is stored, never enforced. Validation and conditional-format ranges do not shift when
 *       rows or columns are inserted or deleted.</li>
 *   <li>values.append refuses rows wider than the grid (whether Google adds columns is unsettled); a
 *       {@code values.update} body's own {@code range} is not compared with the URL's.</li>
 *   <li>findReplace runs under the spreadsheet's lock, so it is a linearizable compare-and-set here; Google
 *       does not promise that. Replacing inside a text cell keeps it text.</li>
 *   <li>Table detection for values.append takes the region around the last non-empty cell of the range, grown
 *       while an adjacent row or column holds data; it reproduces the recorded cases.</li>
 * </ul>
 */
public final class SheetsEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SheetsEmulator.class);

    /** Whether Google's per-minute quotas are enforced. */
    public enum QuotaMode { GOOGLE, OFF }

    private final Builder config;
    private final Map<String, Spreadsheet> spreadsheets = new ConcurrentHashMap<>();
    private final EmulatorStats stats = new EmulatorStats();
    private final QuotaLimiter quota;
    private final DataFile dataFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private HttpServer server;
    private ExecutorService executor;

    private SheetsEmulator(Builder config) {
        this.config = config;
        this.quota = config.quotaMode == QuotaMode.GOOGLE ? new QuotaLimiter(config.clock, config.window) : null;
        this.dataFile = config.dataFile == null ? null : new DataFile(config.dataFile);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads the data file, creates the requested spreadsheets and starts serving. */
    public SheetsEmulator start() {
        if (dataFile != null) {
            dataFile.load(config.random, () -> List.copyOf(spreadsheets.values())).values().forEach(this::register);
        }
        for (String id : config.create) {
            if (!spreadsheets.containsKey(id)) {
                add(Spreadsheet.create(id, id, config.random));
            }
        }
        try {
            server = HttpServers.create(new InetSocketAddress(config.bind, config.port), 128);
        } catch (IOException e) {
            throw new YtdcException("cannot listen on " + config.bind.getHostAddress() + ":" + config.port + ": "
                    + e.getMessage(), e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sheets-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new SheetsHandler(this));
        server.start();
        LOG.info("Sheets emulator serving {} spreadsheet(s) at {}", spreadsheets.size(), baseUrl());
        return this;
    }

    /** The root URL to give the Google client, e.g. {@code http://127.0.0.1:8089/}. */
    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("emulator not started");
        }
        String host = config.bind.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + server.getAddress().getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public EmulatorStats stats() {
        return stats;
    }

    /** The spreadsheet with this id, e.g. for a test that edits it as a person would between two calls. */
    public Spreadsheet spreadsheet(String id) {
        Spreadsheet s = spreadsheets.get(id);
        if (s == null) {
            throw SheetsApiError.notFound();
        }
        return s;
    }

    /** Adds (or replaces) a spreadsheet, persisting it when a data file is used. */
    public Spreadsheet add(Spreadsheet spreadsheet) {
        if (dataFile != null) {
            dataFile.added(spreadsheet, () -> register(spreadsheet));
        } else {
            register(spreadsheet);
        }
        return spreadsheet;
    }

    private void register(Spreadsheet s) {
        if (dataFile != null) {
            s.setMutationListener(dataFile::changed);
        }
        spreadsheets.put(s.spreadsheetId(), s);
    }

    /** {@code POST /v4/spreadsheets}: a new spreadsheet with a random id, its title and sheets from the body. */
    JsonNode createFromRequest(JsonNode body) {
        String id;
        do {
            id = randomId();
        } while (spreadsheets.containsKey(id));
        Spreadsheet s = Spreadsheet.create(id, body.path("properties").path("title").asText("Untitled spreadsheet"),
                config.random);
        JsonNode sheets = body.path("sheets");
        if (sheets.isArray() && !sheets.isEmpty()) {
            ObjectNode batch = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            var requests = batch.putArray("requests");
            boolean keepsIdZero = false;
            for (JsonNode sheet : sheets) {
                requests.addObject().putObject("addSheet").set("properties", sheet.path("properties"));
                keepsIdZero |= sheet.path("properties").path("sheetId").asInt(-1) == 0;
            }
            if (keepsIdZero) {
                throw SheetsApiError.invalidArgument("sheetId 0 is reserved by the emulator for the default sheet");
            }
            requests.addObject().putObject("deleteSheet").put("sheetId", 0);
            s.batchUpdate(batch);
        }
        add(s);
        return s.get(List.of(), false);
    }

    private String randomId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder sb = new StringBuilder(44);
        for (int i = 0; i < 44; i++) {
            sb.append(alphabet.charAt(config.random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    void acquireQuota(String caller, boolean write) {
        if (quota != null) {
            quota.acquire(caller, write);
        }
    }

    /**
     * Waits the configured latency plus a random jitter, plus a latency spike at the configured probability.
     * Called before a request is handled, so a spiked write lands late, as a slow Google write does.
     */
    void delay() {
        Duration wait = Duration.ZERO;
        if (!config.latency.isZero() || !config.jitter.isZero()) {
            long jitterMs = config.jitter.toMillis() <= 0 ? 0 : config.random.nextLong(config.jitter.toMillis() + 1);
            wait = config.latency.plusMillis(jitterMs);
        }
        if (config.spikeProbability > 0 && config.random.nextDouble() < config.spikeProbability) {
            stats.latencySpike();
            wait = wait.plus(config.spike);
        }
        if (wait.isZero()) {
            return;
        }
        try {
            config.sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 500 or 503 to answer instead of the real response, drawn at the configured rate, or {@code null}. */
    SheetsApiError injectedFailure() {
        if (config.failRate <= 0 || config.random.nextDouble() >= config.failRate) {
            return null;
        }
        stats.injectedFailure();
        return config.random.nextBoolean()
                ? new SheetsApiError(503, "UNAVAILABLE", "The service is currently unavailable.", null)
                : new SheetsApiError(500, "INTERNAL", "Internal error encountered.", null);
    }

    /** Whether an injected failure on a write comes after the write was applied (half of them). */
    boolean failAfterApplying() {
        return config.random.nextBoolean();
    }

    /** Stops serving; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (dataFile != null) {
            dataFile.close();
        }
    }

    /** Settings of an emulator; every one has a default that suits tests. */
    public static final class Builder {
        private int port;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private Path dataFile;
        private QuotaMode quotaMode = QuotaMode.OFF;
        private QuotaLimiter.Window window = QuotaLimiter.Window.FIXED;
        private Duration latency = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double failRate;
        private double spikeProbability;
        private Duration spike = Duration.ZERO;
        private final List<String> create = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new java.util.Random();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {}

        /** TCP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Address to bind, loopback by default. */
        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Persist every spreadsheet to this file and reload it on start. */
        public Builder dataFile(Path file) {
            this.dataFile = file;
            return this;
        }

        public Builder quota(QuotaMode mode) {
            this.quotaMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sliding 60-second windows instead of fixed whole minutes. */
        public Builder slidingQuotaWindow(boolean sliding) {
            this.window = sliding ? QuotaLimiter.Window.SLIDING : QuotaLimiter.Window.FIXED;
            return this;
        }

        /** Added to every answer: {@code latency} plus a uniform random part up to {@code jitter}. */
        public Builder latency(Duration latency, Duration jitter) {
            if (latency.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("latency and jitter must not be negative");
            }
            this.latency = latency;
            this.jitter = jitter;
            return this;
        }

        /** Share of requests answered with an injected 500 or 503, from 0 to 1. */
        public Builder failRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("fail rate must be between 0 and 1, was " + rate);
            }
            this.failRate = rate;
            return this;
        }

        /**
         * With {@code probability} (0 to 1), a request waits {@code spike} more than the ordinary latency before it
         * is handled, so a write can land after a claimant's settle delay has passed.
         */
        public Builder latencySpikes(double probability, Duration spike) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("latency spike probability must be between 0 and 1, was "
                        + probability);
            }
            if (spike == null || spike.isNegative()) {
                throw new IllegalArgumentException("latency spike must be a non-negative duration, was "
                        + (spike == null ? "none" : Durations.format(spike)));
            }
            this.spikeProbability = probability;
            this.spike = spike;
            return this;
        }

        /** Creates a spreadsheet with this id on start unless the data file already holds it. */
        public Builder create(String spreadsheetId) {
            if (spreadsheetId == null || spreadsheetId.isBlank() || spreadsheetId.contains("/")
                    || spreadsheetId.contains(":")) {
                throw new IllegalArgumentException("spreadsheet id must be non-blank without '/' or ':': "
                        + spreadsheetId);
            }
            this.create.add(spreadsheetId);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Source of chance (sheet ids, jitter, spikes, failures); shared by request threads, so it must be thread-safe. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public SheetsEmulator build() {
            return new SheetsEmulator(this);
        }

        /** Builds and starts. */
        public SheetsEmulator start() {
            return build().start();
        }
    }
}
