package io.github.ytdc.sheets.google;

import com.google.api.client.googleapis.services.GoogleClientRequestInitializer;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Data;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import com.google.api.services.sheets.v4.model.BatchClearValuesRequest;
import com.google.api.services.sheets.v4.model.BatchGetValuesByDataFilterRequest;
import com.google.api.services.sheets.v4.model.BatchGetValuesByDataFilterResponse;
import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;
import com.google.api.services.sheets.v4.model.BatchUpdateSpreadsheetRequest;
import com.google.api.services.sheets.v4.model.BatchUpdateValuesByDataFilterRequest;
import com.google.api.services.sheets.v4.model.BatchUpdateValuesByDataFilterResponse;
import com.google.api.services.sheets.v4.model.BatchUpdateValuesRequest;
import com.google.api.services.sheets.v4.model.DataFilter;
import com.google.api.services.sheets.v4.model.DataFilterValueRange;
import com.google.api.services.sheets.v4.model.DeveloperMetadata;
import com.google.api.services.sheets.v4.model.DeveloperMetadataLookup;
import com.google.api.services.sheets.v4.model.DimensionRange;
import com.google.api.services.sheets.v4.model.GridProperties;
import com.google.api.services.sheets.v4.model.MatchedDeveloperMetadata;
import com.google.api.services.sheets.v4.model.MatchedValueRange;
import com.google.api.services.sheets.v4.model.Request;
import com.google.api.services.sheets.v4.model.SearchDeveloperMetadataRequest;
import com.google.api.services.sheets.v4.model.SearchDeveloperMetadataResponse;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.UpdateValuesByDataFilterResponse;
import com.google.api.services.sheets.v4.model.UpdateValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import io.github.ytdc.Version;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.FilteredRead;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.RowTagLocation;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TabInfo;
import io.github.ytdc.sheets.TagWrite;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SpreadsheetPort} over the Google Sheets API v4 client: the real service, or any server speaking its
 * REST API at another root URL (the emulator).
 *
 * <p>Every attempt first takes a slot from the caller's request budget (its reads and writes a minute), shared by
 * all ports of the same key in this JVM. 429 answers are always retried after Google's backoff (a 429 is refused
 * before anything executes). 5xx answers and network failures are retried only for idempotent calls (reads,
 * {@code values.batchUpdate}, {@code values.batchUpdateByDataFilter}, {@code values.batchClear}); for
 * {@code values.append} and structural
 * {@code batchUpdate} a 5xx may come after the write was applied, so it surfaces as
 * {@link Reason#UNAVAILABLE} and the caller re-reads and reconciles.
 */
public final class GoogleSpreadsheetPort implements SpreadsheetPort {
    private static final Logger LOG = LoggerFactory.getLogger(GoogleSpreadsheetPort.class);
    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    private static final Pattern FIRST_ROW = Pattern.compile("^\\$?[A-Za-z]*\\$?(\\d+)");

    private final String spreadsheetId;
    private final Sheets sheets;
    private final HttpTransport transport;
    private final RequestBudget budget;
    /** Cells this short may repeat across rows (statuses); one String serves each distinct value of a read. */
    private static final int SHARED_CELL_LENGTH = 16;
    /** Distinct short cells shared per read, at most. */
    private static final int SHARED_CELLS = 4096;
    private final ProjectQuota projectQuota;
    private final BackoffPolicy backoff;
    private final CallLimits limits;
    private final java.util.function.LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final GoogleErrors errors;
    private final RequestCounters counters = new RequestCounters();

    private GoogleSpreadsheetPort(Builder b, Sheets sheets, HttpTransport transport, RequestBudget budget,
                                  CallLimits limits, ServiceAccountKey key) {
        this.spreadsheetId = b.settings.spreadsheetId();
        this.sheets = sheets;
        this.transport = transport;
        this.budget = budget;
        this.projectQuota = b.projectQuota;
        this.backoff = b.backoff;
        this.limits = limits;
        this.nanoTime = b.nanoTime;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.errors = new GoogleErrors(spreadsheetId, key == null ? null : key.clientEmail(), sheets.getRootUrl(),
                b.settings.endpoint() != null, limits, key == null ? null : key.tokenUri());
    }

    /** A port with Google's default quotas and an agent's patience (see {@link Builder}). */
    public static GoogleSpreadsheetPort open(ConnectionSettings settings) {
        return builder(settings).build();
    }

    /** Options for a port on {@code settings} (backend GOOGLE or ENDPOINT). */
    public static Builder builder(ConnectionSettings settings) {
        return new Builder(settings);
    }

    /**
     * The e-mail of the service account whose JSON key is in {@code keyFile}: the address the spreadsheet must be
     * shared with. Checks the key as {@link Builder#build()} would, without connecting.
     *
     * @throws SheetsException with {@link Reason#BAD_CREDENTIALS} and an actionable message when the key cannot be
     *                         used
     */
    public static String serviceAccountEmail(java.nio.file.Path keyFile) {
        return ServiceAccountKey.load(keyFile).clientEmail();
    }

    @Override
    public String spreadsheetId() {
        return spreadsheetId;
    }

    @Override
    public Duration writeDelay() {
        return budget.writeDelay();
    }

    @Override
    public Duration readDelay() {
        return budget.readDelay();
    }

    @Override
    public void shareQuotaAmong(int agents) {
        budget.shareProject(projectQuota, agents);
    }

    /**
     * {@inheritDoc} Here no retry, quota wait, connection, answer or token request outlasts the deadline; a call
     * made after it fails at once with {@link Reason#UNAVAILABLE}, sending nothing.
     */
    @Override
    public void finishWithin(Duration timeLeft) {
        limits.finishWithin(Objects.requireNonNull(timeLeft, "timeLeft"));
    }

    /** What this port has sent so far. */
    public RequestCounters.Snapshot counters() {
        return counters.snapshot();
    }

    @Override
    public SpreadsheetInfo getInfo() {
        Spreadsheet s = call("spreadsheets.get", Kind.READ, () -> sheets.spreadsheets().get(spreadsheetId)
                .setFields("spreadsheetId,properties.title,sheets.properties").execute());
        List<TabInfo> tabs = new ArrayList<>();
        if (s.getSheets() != null) {
            s.getSheets().forEach(sheet -> tabs.add(tabInfo(sheet.getProperties())));
        }
        String title = s.getProperties() == null ? "" : s.getProperties().getTitle();
        return new SpreadsheetInfo(s.getSpreadsheetId(), title, tabs);
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        BatchGetValuesResponse r = call("values.batchGet", Kind.READ, () -> sheets.spreadsheets().values()
                .batchGet(spreadsheetId).setRanges(List.copyOf(ranges))
                .setMajorDimension("ROWS").setValueRenderOption("FORMATTED_VALUE").execute());
        List<ValueRange> got = r.getValueRanges() == null ? List.of() : r.getValueRanges();
        if (got.size() != ranges.size()) {
            throw new SheetsException(Reason.UNAVAILABLE, 200, "Sheets API answered " + got.size()
                    + " ranges to a request for " + ranges.size());
        }
        return got.stream().map(v -> new CellRange(v.getRange(), strings(v.getValues()))).toList();
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<ValueRange> data = writes.stream()
                .map(w -> new ValueRange().setRange(w.range()).setMajorDimension("ROWS").setValues(cells(w.rows())))
                .toList();
        BatchUpdateValuesRequest body = new BatchUpdateValuesRequest().setValueInputOption("RAW").setData(data);
        call("values.batchUpdate", Kind.IDEMPOTENT_WRITE,
                () -> sheets.spreadsheets().values().batchUpdate(spreadsheetId, body).execute());
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        ValueRange body = new ValueRange().setMajorDimension("ROWS").setValues(cells(rows));
        AppendValuesResponse r = call("values.append", Kind.WRITE, () -> sheets.spreadsheets().values()
                .append(spreadsheetId, range, body).setValueInputOption("RAW").setInsertDataOption("INSERT_ROWS")
                .setIncludeValuesInResponse(false).execute());
        UpdateValuesResponse u = r.getUpdates();
        if (u == null || u.getUpdatedRange() == null) {
            return new AppendResult(range, 0, 0);
        }
        int rowCount = u.getUpdatedRows() == null ? 0 : u.getUpdatedRows();
        return new AppendResult(u.getUpdatedRange(), firstRow(u.getUpdatedRange()), rowCount);
    }

    @Override
    public void batchClear(List<String> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        BatchClearValuesRequest body = new BatchClearValuesRequest().setRanges(List.copyOf(ranges));
        call("values.batchClear", Kind.IDEMPOTENT_WRITE,
                () -> sheets.spreadsheets().values().batchClear(spreadsheetId, body).execute());
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        List<Request> converted = new ArrayList<>(requests.size());
        for (StructuralRequest request : requests) {
            converted.add(toClientModel(request));
        }
        BatchUpdateSpreadsheetRequest body = new BatchUpdateSpreadsheetRequest().setRequests(converted);
        call("spreadsheets.batchUpdate", Kind.WRITE,
                () -> sheets.spreadsheets().batchUpdate(spreadsheetId, body).execute());
    }

    @Override
    public FilteredRead batchGetByDataFilter(List<String> a1Ranges, List<Integer> tagIds) {
        if (a1Ranges.isEmpty() && tagIds.isEmpty()) {
            return new FilteredRead(List.of(), Map.of());
        }
        List<DataFilter> filters = new ArrayList<>();
        a1Ranges.forEach(r -> filters.add(new DataFilter().setA1Range(r)));
        tagIds.forEach(id -> filters.add(byTag(id)));
        BatchGetValuesByDataFilterRequest body = new BatchGetValuesByDataFilterRequest().setDataFilters(filters)
                .setMajorDimension("ROWS").setValueRenderOption("FORMATTED_VALUE");
        BatchGetValuesByDataFilterResponse r = call("values.batchGetByDataFilter", Kind.READ,
                () -> sheets.spreadsheets().values().batchGetByDataFilter(spreadsheetId, body).execute());
        List<FilteredRead.Match> matches = new ArrayList<>();
        for (MatchedValueRange m : r.getValueRanges() == null ? List.<MatchedValueRange>of() : r.getValueRanges()) {
            ValueRange vr = m.getValueRange() == null ? new ValueRange() : m.getValueRange();
            List<String> a1 = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (DataFilter f : m.getDataFilters() == null ? List.<DataFilter>of() : m.getDataFilters()) {
                if (f.getA1Range() != null) {
                    a1.add(f.getA1Range());
                } else if (f.getDeveloperMetadataLookup() != null
                        && f.getDeveloperMetadataLookup().getMetadataId() != null) {
                    ids.add(f.getDeveloperMetadataLookup().getMetadataId());
                }
            }
            matches.add(new FilteredRead.Match(Objects.toString(vr.getRange(), ""), strings(vr.getValues()), a1,
                    ids));
        }
        return FilteredRead.assemble(a1Ranges, matches);
    }

    @Override
    public Set<Integer> batchUpdateByDataFilter(List<RangeWrite> a1Writes, List<TagWrite> tagWrites) {
        if (a1Writes.isEmpty() && tagWrites.isEmpty()) {
            return Set.of();
        }
        List<DataFilterValueRange> data = new ArrayList<>();
        for (RangeWrite w : a1Writes) {
            data.add(new DataFilterValueRange().setDataFilter(new DataFilter().setA1Range(w.range()))
                    .setMajorDimension("ROWS").setValues(cells(w.rows())));
        }
        for (TagWrite w : tagWrites) {
            // cells() turns null into Data.NULL_STRING: JSON null leaves the cell alone, a Java null would shift.
            data.add(new DataFilterValueRange().setDataFilter(byTag(w.metadataId()))
                    .setMajorDimension("ROWS").setValues(cells(List.of(w.values()))));
        }
        BatchUpdateValuesByDataFilterRequest body = new BatchUpdateValuesByDataFilterRequest()
                .setValueInputOption("RAW").setData(data);
        // Writing the same values to the same rows again is harmless, so a 5xx is retried as for values.batchUpdate.
        BatchUpdateValuesByDataFilterResponse r = call("values.batchUpdateByDataFilter", Kind.IDEMPOTENT_WRITE,
                () -> sheets.spreadsheets().values().batchUpdateByDataFilter(spreadsheetId, body).execute());
        Set<Integer> written = new LinkedHashSet<>();
        if (r.getResponses() != null) {
            for (UpdateValuesByDataFilterResponse u : r.getResponses()) {
                DeveloperMetadataLookup lookup = u.getDataFilter() == null ? null
                        : u.getDataFilter().getDeveloperMetadataLookup();
                if (lookup != null && lookup.getMetadataId() != null) {
                    written.add(lookup.getMetadataId());
                }
            }
        }
        return written;
    }

    @Override
    public List<RowTagLocation> searchTags(String key) {
        SearchDeveloperMetadataRequest body = new SearchDeveloperMetadataRequest().setDataFilters(List.of(
                new DataFilter().setDeveloperMetadataLookup(new DeveloperMetadataLookup().setMetadataKey(key))));
        SearchDeveloperMetadataResponse r = call("developerMetadata.search", Kind.READ,
                () -> sheets.spreadsheets().developerMetadata().search(spreadsheetId, body).execute());
        List<RowTagLocation> out = new ArrayList<>();
        if (r.getMatchedDeveloperMetadata() != null) {
            for (MatchedDeveloperMetadata m : r.getMatchedDeveloperMetadata()) {
                DeveloperMetadata meta = m.getDeveloperMetadata();
                DimensionRange range = meta == null || meta.getLocation() == null ? null
                        : meta.getLocation().getDimensionRange();
                if (range != null && "ROWS".equals(range.getDimension()) && meta.getMetadataId() != null) {
                    out.add(new RowTagLocation(meta.getMetadataId(), orZero(range.getSheetId()),
                            orZero(range.getStartIndex())));
                }
            }
        }
        out.sort(Comparator.comparingInt(RowTagLocation::metadataId));
        return out;
    }

    private static DataFilter byTag(int metadataId) {
        return new DataFilter().setDeveloperMetadataLookup(new DeveloperMetadataLookup().setMetadataId(metadataId));
    }

    @Override
    public void close() {
        try {
            transport.shutdown();
        } catch (IOException e) {
            LOG.debug("closing the HTTP transport failed", e);
        }
    }

    @Override
    public String toString() {
        return "GoogleSpreadsheetPort[" + spreadsheetId + " at " + sheets.getRootUrl() + "]";
    }

    /** How a call counts against the quota and whether it may be sent again after a 5xx. */
    private enum Kind {
        READ(false, true), IDEMPOTENT_WRITE(true, true), WRITE(true, false);

        final boolean write;
        final boolean idempotent;

        Kind(boolean write, boolean idempotent) {
            this.write = write;
            this.idempotent = idempotent;
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    private <T> T call(String method, Kind kind, IoCall<T> request) {
        long started = nanoTime.getAsLong();
        SheetsException previous = null;
        for (int retry = 0; ; retry++) {
            SheetsException failure;
            boolean mayRetry;
            try {
                if (!budget.acquire(kind.write, limits.left())) {
                    counters.failure();
                    throw errors.pastDeadline(method, previous);
                }
                counters.sent(kind.write);
                return request.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counters.failure();
                throw new SheetsException(Reason.UNAVAILABLE, 0, method + " interrupted while waiting for quota", e);
            } catch (IOException e) {
                failure = errors.translate(e);
                mayRetry = switch (failure.reason()) {
                    case QUOTA_EXCEEDED -> true;
                    case UNAVAILABLE -> kind.idempotent || GoogleErrors.nothingSent(e);
                    default -> false;
                };
            }
            if (failure.reason() == Reason.QUOTA_EXCEEDED) {
                counters.quotaError();
            }
            Duration wait = backoff.delay(retry, random);
            Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - started);
            if (!mayRetry || retry >= backoff.maxRetries() || !limits.mayRetry(elapsed, wait)) {
                counters.failure();
                throw retry == 0 ? failure : errors.gaveUp(failure, retry + 1, elapsed);
            }
            if (failure.reason() == Reason.QUOTA_EXCEEDED || limits.policy().giveUpAfter() != null) {
                // A person waiting for a command hears once, when it gives up; an agent's log tells each retry.
                LOG.debug("{} failed ({}); retry {} in {}", method, failure.getMessage(), retry + 1,
                        Durations.format(wait));
            } else {
                LOG.warn("{} failed ({}); retry {} of {} in {}", method, failure.getMessage(), retry + 1,
                        backoff.maxRetries(), Durations.format(wait));
            }
            counters.retry();
            previous = failure;
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counters.failure();
                failure.addSuppressed(e);
                throw failure;
            }
        }
    }

    private static Request toClientModel(StructuralRequest request) {
        try {
            return JSON.fromString(request.toJson().toString(), Request.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot convert " + request + " to the Sheets client model", e);
        }
    }

    private static TabInfo tabInfo(SheetProperties p) {
        GridProperties g = p.getGridProperties() == null ? new GridProperties() : p.getGridProperties();
        return new TabInfo(orZero(p.getSheetId()), p.getTitle(), orZero(p.getIndex()), orZero(g.getRowCount()),
                orZero(g.getColumnCount()), orZero(g.getFrozenRowCount()));
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    /**
     * The client's cells as text rows. why: an agent's sweep reads a whole Status column, a million one-cell rows in
     * a big campaign; each client row is released as soon as it is converted, and repeated short cells (statuses,
     * flags) share one String, so the copy costs a fraction of what the client's parse did.
     */
    private static List<List<String>> strings(List<List<Object>> values) {
        if (values == null) {
            return List.of();
        }
        Map<String, String> shared = new HashMap<>();
        List<List<String>> rows = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            List<Object> row = values instanceof ArrayList ? values.set(i, null) : values.get(i);
            String[] out = new String[row == null ? 0 : row.size()];
            for (int j = 0; j < out.length; j++) {
                String t = text(row.get(j));
                out[j] = t.length() > SHARED_CELL_LENGTH ? t
                        : shared.size() < SHARED_CELLS ? shared.computeIfAbsent(t, k -> k) : shared.getOrDefault(t, t);
            }
            rows.add(List.of(out));
        }
        return rows;
    }

    private static String text(Object cell) {
        if (cell == null || Data.isNull(cell)) {
            return "";
        }
        return cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
    }

    // A Java null inside a row is dropped by the client's serialiser, shifting cells left; JSON null skips the cell.
    private static List<List<Object>> cells(List<List<String>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<Object> cells = new ArrayList<>(row.size());
            for (String v : row) {
                cells.add(v == null ? Data.NULL_STRING : v);
            }
            out.add(cells);
        }
        return out;
    }

    static int firstRow(String updatedRange) {
        String cells = updatedRange.substring(updatedRange.lastIndexOf('!') + 1);
        Matcher m = FIRST_ROW.matcher(cells);
        if (!m.find()) {
            throw new SheetsException(Reason.UNAVAILABLE, 200, "unexpected updatedRange in append answer: "
                    + updatedRange);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Options of a {@link GoogleSpreadsheetPort}. By default a port is patient, as an agent should be: Google's
     * truncated exponential backoff with ten retries and a 200 s read timeout (Google allows 180 s of processing),
     * paced to Google's per-user quota (60 reads and 60 writes a minute, shared by every port of the same key in
     * this JVM) and, once {@link SpreadsheetPort#shareQuotaAmong} is called, to a share of the project's quota.
     */
    public static final class Builder {
        private final ConnectionSettings settings;
        private QuotaPolicy quota = QuotaPolicy.GOOGLE_PER_USER;
        private RequestBudget budget;
        private ProjectQuota projectQuota = ProjectQuota.GOOGLE_DEFAULT;
        private CallPolicy policy = CallPolicy.AGENT;
        private BackoffPolicy backoff = policy.backoff();
        private Sleeper sleeper = Sleeper.system();
        private java.util.function.LongSupplier nanoTime = System::nanoTime;
        private RandomGenerator random = RandomGenerator.getDefault();
        private Duration connectTimeout = policy.connectTimeout();
        private Duration readTimeout = policy.readTimeout();
        private String quotaUser;
        private java.util.function.Predicate<URI> isLocalEndpoint = Builder::isLoopback;

        private Builder(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The per-minute quota of the shared budget, used only if this caller has no budget yet. */
        Builder quota(QuotaPolicy quota) {
            this.quota = Objects.requireNonNull(quota);
            return this;
        }

        /**
         * The Sheets quota of the Google Cloud project, shared by every key and agent in it: Google's default is 300
         * reads and 300 writes a minute; set it if Google raised the project's.
         *
         * @throws IllegalArgumentException if either is below 1
         */
        public Builder projectQuota(int readsPerMinute, int writesPerMinute) {
            this.projectQuota = new ProjectQuota(readsPerMinute, writesPerMinute);
            return this;
        }

        /**
         * No client-side pacing: a budget of this port's own that lets a million requests a minute through. For
         * benchmarks against a server without Google's quota, where pacing would measure the pacing, not the model.
         */
        public Builder unpaced() {
            return budget(new RequestBudget(QuotaPolicy.UNPACED, Clock.systemUTC(), Sleeper.system()));
        }

        /** A budget of this port's own instead of the one shared per caller (tests). */
        Builder budget(RequestBudget budget) {
            this.budget = Objects.requireNonNull(budget);
            return this;
        }

        /**
         * For commands a person waits for ({@code status}, {@code init}, {@code sources}, {@code requeue},
         * {@code doctor}): two quick retries and a 15 s read timeout, so a refused endpoint is reported in about two
         * seconds and a silent one after 15 s, instead of an agent's minutes of patience. Later calls of
         * {@link #connectTimeout} and {@link #readTimeout} override parts of it.
         */
        public Builder interactive() {
            return policy(CallPolicy.INTERACTIVE);
        }

        /**
         * How patiently to wait and retry: {@link CallPolicy#AGENT} (the default) or {@link CallPolicy#INTERACTIVE}.
         * Sets the timeouts and the backoff; later calls of {@link #backoff}, {@link #connectTimeout} and
         * {@link #readTimeout} override parts of it.
         */
        Builder policy(CallPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            this.backoff = policy.backoff();
            this.connectTimeout = policy.connectTimeout();
            this.readTimeout = policy.readTimeout();
            return this;
        }

        Builder backoff(BackoffPolicy backoff) {
            this.backoff = Objects.requireNonNull(backoff);
            return this;
        }

        /** The clock measuring how long a call has been retried, for {@link CallPolicy#giveUpAfter()}. */
        Builder nanoTime(java.util.function.LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime);
            return this;
        }

        private CallPolicy policy() {
            return new CallPolicy(connectTimeout, readTimeout, backoff, policy.giveUpAfter());
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * The caller identity sent as {@code quotaUser} when no credentials are sent (loopback endpoints), so an
         * emulator enforcing per-user quotas can tell agents apart. Defaults to the key's e-mail, if any.
         */
        public Builder quotaUser(String quotaUser) {
            this.quotaUser = quotaUser;
            return this;
        }

        /**
         * Which endpoints count as local (no credentials sent, {@code quotaUser} instead); loopback by default.
         * For tests of the token flow against a server that can only listen on loopback.
         */
        Builder localEndpointWhen(java.util.function.Predicate<URI> isLocal) {
            this.isLocalEndpoint = Objects.requireNonNull(isLocal);
            return this;
        }

        /**
         * Connects. Loads and checks the key first, so a bad key fails here with
         * {@link Reason#BAD_CREDENTIALS} before any request.
         */
        public GoogleSpreadsheetPort build() {
            if (settings.backend() == ConnectionSettings.Backend.LOCAL) {
                throw new IllegalArgumentException("these settings select local mode, not the Sheets API: give "
                        + "--credentials or --endpoint");
            }
            String id = settings.spreadsheetId();
            if (id == null || id.isBlank()) {
                throw new SheetsException(Reason.INVALID_REQUEST, 0, "No spreadsheet id: pass --spreadsheet ID "
                        + "(or set YTDC_SPREADSHEET); the id is the token between /d/ and /edit in the "
                        + "spreadsheet's URL.");
            }
            ServiceAccountKey key = settings.credentials() == null ? null : ServiceAccountKey.load(settings.credentials());
            URI endpoint = settings.endpoint();
            boolean sendAuth = key != null && (endpoint == null || !isLocalEndpoint.test(endpoint));
            CallLimits limits = new CallLimits(policy(), nanoTime);
            // Google now recommends the plain JDK transport (the JDK's trust store) over GoogleNetHttpTransport.
            HttpTransport transport = new NetHttpTransport.Builder().setConnectionFactory(limits.connections()).build();
            // Token requests keep to the same limits, and are retried by call() like any failure before sending.
            HttpCredentialsAdapter auth = sendAuth
                    ? new HttpCredentialsAdapter(key.fetchingTokensOver(TokenTransport.within(limits))) : null;
            HttpRequestInitializer init = request -> {
                if (auth != null) {
                    auth.initialize(request);
                }
                // Asked per request: once a deadline is set, what is left of it caps both.
                request.setConnectTimeout(limits.connectMillis());
                request.setReadTimeout(limits.readMillis());
            };
            Sheets.Builder client = new Sheets.Builder(transport, JSON, init)
                    .setApplicationName("ytdc/" + Version.get());
            if (endpoint != null) {
                client.setRootUrl(endpoint.toString());
            }
            String identity = quotaUser != null ? quotaUser : key == null ? null : key.clientEmail();
            if (!sendAuth && identity != null) {
                client.setGoogleClientRequestInitializer(
                        (GoogleClientRequestInitializer) r -> r.set("quotaUser", identity));
            }
            String caller = key != null ? key.clientEmail()
                    : identity != null ? identity + "@" + endpoint : String.valueOf(endpoint);
            RequestBudget b = budget != null ? budget : RequestBudget.shared(caller, quota);
            return new GoogleSpreadsheetPort(this, client.build(), transport, b, limits, key);
        }

        static boolean isLoopback(URI endpoint) {
            String host = endpoint.getHost();
            if (host == null) {
                return false;
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
