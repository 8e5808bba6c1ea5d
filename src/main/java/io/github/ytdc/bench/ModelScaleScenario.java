package io.github.ytdc.bench;

import io.github.ytdc.emulator.SheetsEmulator;
import io.github.ytdc.sheets.A1;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import io.github.ytdc.sheets.TabInfo;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.sheets.local.LocalSpreadsheetPort;
import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;
import io.github.ytdc.sheets.memory.Spreadsheet;
import io.github.ytdc.util.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How the embedded spreadsheet model scales with the size of a tab (issue 12, item 4): on a tab of
 * {@code baseRows} rows it times one append of {@code bulkRows} rows, then single-row appends, updates of a small
 * window and reads of a small window, through one backend: the model in memory, the emulator over HTTP (with a
 * data file, as {@code ytdc emulator --data} runs) or local mode. It also counts the bytes written per write, the
 * figure that shows whether a write rewrites the whole sheet.
 *
 * <p>Every step is checked (row numbers of appends, values read back), so a run that is fast but wrong fails with
 * {@link IllegalStateException}. Times are wall-clock and only meaningful on an otherwise idle machine.
 *
 * <p>Google caps a spreadsheet at 10,000,000 cells, so the tab has {@code columns} columns of data (6 by default)
 * and two empty ones: a 1,000,000-row tab then holds 8,000,000 cells.
 *
 * <p>As the {@code model-scale} scenario of {@code ytdc bench targets} (run only when named) it measures every backend
 * in turn on a tab of {@link Bench.TargetSettings#modelRows()} rows, judging the bulk append against issue 12's target.
 */
final class ModelScaleScenario extends Scenario {
    static final String NAME = "model-scale";
    /** Issue 12's target: 10,000 rows appended to a 200,000-row tab in under 2 s. */
    static final int DEFAULT_ROWS = 200_000;
    private static final double BULK_APPEND_TARGET_SECONDS = 2.0;

    /** Where the model runs. */
    public enum Backend {
        /** The model in this JVM, no persistence. */
        MEMORY,
        /** The emulator with a data file, reached over HTTP by the real Google client. */
        EMULATOR,
        /** Local mode in a folder. */
        LOCAL
    }

    /**
     * What to run.
     *
     * @param backend  where the model runs
     * @param baseRows data rows on the tab before the timed steps
     * @param bulkRows rows of the one bulk append
     * @param samples  single-row appends, window updates and window reads, each
     * @param window   rows per window update and read
     * @param columns  columns of data (the grid has two more, empty)
     * @param dir      a folder for the emulator's data file or the local spreadsheet (created if missing)
     */
    public record Settings(Backend backend, int baseRows, int bulkRows, int samples, int window, int columns,
                           Path dir) {
        public Settings {
            Objects.requireNonNull(backend, "backend");
            if (baseRows < 0 || bulkRows < 1 || samples < 1 || window < 1 || columns < 4) {
                throw new IllegalArgumentException("baseRows >= 0, bulkRows, samples, window >= 1, columns >= 4");
            }
            if (backend != Backend.MEMORY) {
                Objects.requireNonNull(dir, "dir");
            }
        }

        /** The figures: 10,000 rows appended to a tab of {@code baseRows}, 20 samples of 10-row windows. */
        public static Settings of(Backend backend, int baseRows, Path dir) {
            return new Settings(backend, baseRows, 10_000, 20, 10, 6, dir);
        }
    }

    /**
     * Latencies of one kind of request.
     *
     * @param median the median
     * @param max    the slowest
     */
    public record Latency(Duration median, Duration max) {
        static Latency of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(Duration.ofNanos(sorted[sorted.length / 2]), Duration.ofNanos(sorted[sorted.length - 1]));
        }
    }

    /**
     * What a run measured.
     *
     * @param settings        what ran
     * @param seed            time to fill the tab with {@code baseRows} rows (grid growth plus range writes)
     * @param bulkAppend      the one append of {@code bulkRows} rows onto the filled tab
     * @param append          single-row appends
     * @param update          window updates
     * @param read            window reads
     * @param bytesPerWrite   bytes this process wrote per single-row append or window update (mean; files and
     *                        sockets; 0 in memory)
     * @param rowsAtEnd       data rows on the tab at the end, header included
     */
    public record Result(Settings settings, Duration seed, Duration bulkAppend, Latency append, Latency update,
                         Latency read, long bytesPerWrite, int rowsAtEnd) {
        /** One line per figure, for a terminal or a commit message. */
        public String toText() {
            return String.format(Locale.ROOT, "%s: %,d rows x %d columns%n"
                            + "  seed %,d rows          %s%n"
                            + "  append %,d rows        %s%n"
                            + "  append 1 row          median %s, max %s%n"
                            + "  update %d-row window  median %s, max %s%n"
                            + "  read %d-row window    median %s, max %s%n"
                            + "  bytes written/write   %,d%n"
                            + "  rows at end           %,d%n",
                    settings.backend(), settings.baseRows(), settings.columns(), settings.baseRows(), ms(seed),
                    settings.bulkRows(), ms(bulkAppend), ms(append.median()), ms(append.max()), settings.window(),
                    ms(update.median()), ms(update.max()), settings.window(), ms(read.median()), ms(read.max()),
                    bytesPerWrite, rowsAtEnd);
        }

        private static String ms(Duration d) {
            return String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
        }
    }

    static final String TAB = "Video Tasks";
    private static final int SEED_CHUNK = 10_000;
    private static final int SPARE_COLUMNS = 2;
    private static final String SPREADSHEET_ID = "scale";

    ModelScaleScenario(Bench.TargetSettings settings, Clock clock, Sleeper sleeper) {
        super(NAME, settings, clock, sleeper);
    }

    /** Each backend in turn with the figures, in a new temporary folder. */
    @Override
    ScenarioResult run() throws IOException {
        long t0 = clock.millis();
        Path dir = Files.createTempDirectory("ytdc-model-scale-");
        List<Measurement> m = new ArrayList<>();
        Settings last = null;
        for (Backend backend : Backend.values()) {
            Result r = run(Settings.of(backend, settings.modelRows(), dir));
            last = r.settings();
            String on = backend.name().toLowerCase(Locale.ROOT) + ": ";
            m.add(Measurement.judged(on + "append " + last.bulkRows() + " rows", seconds(r.bulkAppend()), "s",
                    Target.atMost(BULK_APPEND_TARGET_SECONDS)));
            m.add(Measurement.info(on + "append 1 row, median", millis(r.append().median()), "ms"));
            m.add(Measurement.info(on + "update " + last.window() + "-row window, median", millis(r.update().median()),
                    "ms"));
            m.add(Measurement.info(on + "read " + last.window() + "-row window, median", millis(r.read().median()),
                    "ms"));
            m.add(Measurement.info(on + "bytes written per write", r.bytesPerWrite(), "B"));
        }
        List<String> notes = List.of(String.format(Locale.ROOT, "a tab of %,d rows x %d columns on each backend: the "
                        + "model in memory, the emulator with a data file over HTTP, local mode; medians of %d "
                        + "operations; wall-clock times, meaningful only on an idle machine; folders in %s",
                last.baseRows(), last.columns(), last.samples(), dir));
        return new ScenarioResult(NAME, m, notes, Duration.ofMillis(clock.millis() - t0));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** Runs the measurement once on one backend; see the class comment. */
    static Result run(Settings settings) {
        try (Backing backing = Backing.open(settings)) {
            return measure(settings, backing.port, backing::bytesWritten);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result measure(Settings s, SpreadsheetPort port, LongSupplier bytesWritten) {
        int sheetId = createTab(port, s.columns());
        long t0 = System.nanoTime();
        seed(port, sheetId, s.baseRows(), s.columns());
        Duration seed = Duration.ofNanos(System.nanoTime() - t0);
        int rows = 1 + s.baseRows(); // the header
        expectLastRow(port, rows, s.columns());

        List<List<String>> bulk = new ArrayList<>(s.bulkRows());
        for (int i = 0; i < s.bulkRows(); i++) {
            bulk.add(row(rows + 1 + i, s.columns()));
        }
        t0 = System.nanoTime();
        AppendResult bulkResult = port.append(A1.cell(TAB, 0, 1), bulk);
        Duration bulkAppend = Duration.ofNanos(System.nanoTime() - t0);
        expect(bulkResult.firstRow() == rows + 1 && bulkResult.rowCount() == s.bulkRows(),
                "bulk append landed at " + bulkResult + ", expected row " + (rows + 1));
        rows += s.bulkRows();

        long bytesBefore = bytesWritten.getAsLong();
        long[] appendNanos = new long[s.samples()];
        for (int i = 0; i < s.samples(); i++) {
            List<String> r = row(rows + 1, s.columns());
            long a = System.nanoTime();
            AppendResult got = port.append(A1.cell(TAB, 0, 1), List.of(r));
            appendNanos[i] = System.nanoTime() - a;
            rows++;
            expect(got.firstRow() == rows, "append " + i + " landed at " + got + ", expected row " + rows);
        }

        long[] updateNanos = new long[s.samples()];
        long[] readNanos = new long[s.samples()];
        for (int i = 0; i < s.samples(); i++) {
            // Windows spread over the whole tab, as agents write wherever their claimed rows are.
            int first = 2 + (int) ((long) (rows - 1 - s.window()) * i / s.samples());
            List<List<String>> values = new ArrayList<>();
            for (int r = 0; r < s.window(); r++) {
                values.add(List.of("done", "agent-" + i));
            }
            String statusRange = A1.range(TAB, 3, first, 4, first + s.window() - 1);
            long a = System.nanoTime();
            port.batchUpdateValues(List.of(new RangeWrite(statusRange, values)));
            updateNanos[i] = System.nanoTime() - a;

            String window = A1.range(TAB, 0, first, s.columns() - 1, first + s.window() - 1);
            a = System.nanoTime();
            CellRange got = port.batchGet(List.of(window)).get(0);
            readNanos[i] = System.nanoTime() - a;
            expect(got.rows().size() == s.window(), "read " + window + " returned " + got.rows().size() + " rows");
            for (int r = 0; r < s.window(); r++) {
                expect(got.cell(r, 0).equals(id(first + r)) && got.cell(r, 3).equals("done")
                                && got.cell(r, 4).equals("agent-" + i),
                        "row " + (first + r) + " reads " + got.rows().get(r));
            }
        }
        long bytesPerWrite = (bytesWritten.getAsLong() - bytesBefore) / (2L * s.samples());
        expectLastRow(port, rows, s.columns());
        return new Result(s, seed, bulkAppend, Latency.of(appendNanos), Latency.of(updateNanos),
                Latency.of(readNanos), bytesPerWrite, rows);
    }

    /** The tab with a header row, its grid just big enough for the header; returns its sheet id. */
    private static int createTab(SpreadsheetPort port, int columns) {
        // Spare empty columns right of the table, as tabs made by ytdc init have (26 columns for 15 used).
        port.batchUpdate(List.of(new StructuralRequest.AddTab(TAB, 1, columns + SPARE_COLUMNS)));
        TabInfo tab = port.getInfo().tab(TAB).orElseThrow();
        List<String> header = new ArrayList<>(List.of("ID", "SourceID", "URL", "Status"));
        for (int c = header.size(); c < columns; c++) {
            header.add("Extra" + c);
        }
        port.batchUpdateValues(List.of(new RangeWrite(A1.range(TAB, 0, 1, columns - 1, 1), List.of(header))));
        return tab.sheetId();
    }

    /** Grows the grid and writes the rows in chunks: no table detection, so the seed costs the same everywhere. */
    private static void seed(SpreadsheetPort port, int sheetId, int rows, int columns) {
        for (int done = 0; done < rows; ) {
            int n = Math.min(SEED_CHUNK, rows - done);
            port.batchUpdate(List.of(new StructuralRequest.AppendDimension(sheetId,
                    StructuralRequest.Dimension.ROWS, n)));
            List<List<String>> chunk = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                chunk.add(row(2 + done + i, columns));
            }
            int first = 2 + done;
            port.batchUpdateValues(List.of(new RangeWrite(A1.range(TAB, 0, first, columns - 1, first + n - 1),
                    chunk)));
            done += n;
        }
    }

    /** The values of data row {@code rowNumber}: an id, a source, a URL, a status and short extras. */
    static List<String> row(int rowNumber, int columns) {
        String id = id(rowNumber);
        List<String> r = new ArrayList<>(columns);
        r.add(id);
        r.add("src" + (rowNumber % 97));
        r.add("https://youtu.be/" + id);
        r.add("pending");
        for (int c = 4; c < columns; c++) {
            r.add(c == 4 ? "" : Integer.toString(rowNumber % 1000));
        }
        return r;
    }

    /** {@code v} and the row number in ten digits; String.format would cost more than the model does. */
    static String id(int rowNumber) {
        String digits = Integer.toString(rowNumber);
        return "v" + "0".repeat(Math.max(0, 10 - digits.length())) + digits;
    }

    private static void expectLastRow(SpreadsheetPort port, int rowNumber, int columns) {
        CellRange last = port.batchGet(List.of(A1.range(TAB, 0, rowNumber, columns - 1, rowNumber + 1))).get(0);
        expect(last.rows().size() == 1 && last.cell(0, 0).equals(rowNumber == 1 ? "ID" : id(rowNumber)),
                "row " + rowNumber + " should be the last one, read " + last.rows());
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("model scale scenario: " + what);
        }
    }

    /** A port on a fresh spreadsheet of the chosen backend, and the bytes its folder holds. */
    private static final class Backing implements AutoCloseable {
        final SpreadsheetPort port;
        private final SheetsEmulator emulator;
        private final Path dir;

        private Backing(SpreadsheetPort port, SheetsEmulator emulator, Path dir) {
            this.port = port;
            this.emulator = emulator;
            this.dir = dir;
        }

        static Backing open(Settings s) throws IOException {
            return switch (s.backend()) {
                case MEMORY -> new Backing(InMemorySpreadsheetPort.create(SPREADSHEET_ID), null, null);
                case LOCAL -> {
                    Path dir = Files.createDirectories(s.dir()).resolve("local");
                    yield new Backing(LocalSpreadsheetPort.open(dir), null, dir);
                }
                case EMULATOR -> {
                    Path dir = Files.createDirectories(s.dir()).resolve("emulator");
                    Files.createDirectories(dir);
                    SheetsEmulator emulator = SheetsEmulator.builder().port(0).quota(SheetsEmulator.QuotaMode.OFF)
                            .dataFile(dir.resolve("emulator.json")).start();
                    emulator.add(Spreadsheet.create(SPREADSHEET_ID, "ytdc"));
                    SpreadsheetPort port = GoogleSpreadsheetPort.builder(new ConnectionSettings(SPREADSHEET_ID, null,
                                    URI.create(emulator.baseUrl()), null))
                            // The client-side pacing of Google's quota would measure the pacing, not the model.
                            .unpaced()
                            .readTimeout(Duration.ofMinutes(10))
                            .build();
                    yield new Backing(port, emulator, dir);
                }
            };
        }

        /**
         * Bytes this process has handed to {@code write} calls so far ({@code wchar} of {@code /proc/self/io}): files
         * and sockets alike, so it shows a whole-file rewrite that a file's size would hide. 0 where unavailable.
         */
        long bytesWritten() {
            if (dir == null) {
                return 0;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                    if (line.startsWith("wchar:")) {
                        return Long.parseLong(line.substring(6).trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux: the figure is left out.
            }
            return 0;
        }

        @Override
        public void close() {
            port.close();
            if (emulator != null) {
                emulator.close();
            }
        }
    }
}
