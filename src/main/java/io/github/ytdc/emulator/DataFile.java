package io.github.ytdc.emulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.YtdcException;
import io.github.ytdc.sheets.memory.SheetsApiError;
import io.github.ytdc.sheets.memory.Spreadsheet;
import io.github.ytdc.util.OperationLog;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's data: a snapshot of every spreadsheet in one JSON file, plus an {@link OperationLog} next to it
 * ({@code FILE.log}) of the changes made since. A change is appended and forced to the disk before it becomes visible
 * and before the emulator answers, so a {@code kill -9} at any moment loses no acknowledged write; it costs what it
 * wrote, however big the spreadsheet.
 *
 * <p>Once the log holds more than the snapshot (and at least {@link #minCompactionBytes}), a background thread
 * compacts: it copies every spreadsheet at one instant (copy-on-write, while no change is half applied), writes the
 * snapshot with no lock held while requests go on, then renames it in and starts the log's next epoch with the changes
 * made meanwhile. The snapshot records the log position it includes ({@code logEpoch}, {@code logOffset}); files
 * written by earlier versions have none and load as they are.
 */
final class DataFile implements AutoCloseable {
    static final String FORMAT = "ytdc-emulator/1";
    static final long DEFAULT_MIN_COMPACTION_BYTES = 16L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(DataFile.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final Path logPath;
    private final Path previousLogPath;
    private final long minCompactionBytes;
    private final ExecutorService compactor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emulator-compaction");
        t.setDaemon(true);
        return t;
    });
    private Supplier<List<Spreadsheet>> spreadsheets = List::of;
    private long epoch;
    private long offset = OperationLog.HEADER;
    private long snapshotBytes;
    private boolean compactionQueued;

    DataFile(Path path) {
        this(path, DEFAULT_MIN_COMPACTION_BYTES);
    }

    DataFile(Path path, long minCompactionBytes) {
        this.path = path.toAbsolutePath();
        this.logPath = this.path.resolveSibling(this.path.getFileName() + ".log");
        this.previousLogPath = this.path.resolveSibling(this.path.getFileName() + ".log.prev");
        this.minCompactionBytes = minCompactionBytes;
    }

    /**
     * The spreadsheets stored: the snapshot with the log replayed; empty when there is no file yet. Later compactions
     * write the spreadsheets {@code current} lists.
     */
    synchronized Map<String, Spreadsheet> load(RandomGenerator random, Supplier<List<Spreadsheet>> current) {
        this.spreadsheets = current;
        Map<String, Spreadsheet> loaded = new LinkedHashMap<>();
        try {
            long logOffset = OperationLog.HEADER;
            if (!Files.exists(path)) {
                // A data file from the start, so it always names what it is; the log holds what follows.
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(previousLogPath);
                Files.deleteIfExists(logPath);
                writeSnapshot(List.of(), 0, OperationLog.HEADER);
            }
            if (Files.exists(path)) {
                long[] position = {0, OperationLog.HEADER};
                try (JsonParser in = MAPPER.createParser(path.toFile())) {
                    readSnapshot(in, random, loaded, position);
                }
                epoch = position[0];
                logOffset = position[1];
                snapshotBytes = Files.size(path);
            }
            OperationLog.Header h = OperationLog.header(logPath);
            if (h == null) {
                // No log yet (a new file, or one from an earlier version): the next epoch starts after the snapshot.
                OperationLog.create(logPath, epoch + 1, logOffset);
                epoch++;
                offset = OperationLog.HEADER;
            } else if (h.epoch() == epoch + 1 && h.base() == logOffset) {
                epoch = h.epoch();
                offset = replay(loaded, random, OperationLog.HEADER);
            } else if (h.epoch() == epoch) {
                // A compaction was cut short after the snapshot: the log goes on from the position it records.
                offset = replay(loaded, random, logOffset);
            } else {
                throw new YtdcException("the emulator's log " + logPath + " (epoch " + h.epoch() + ") does not continue "
                        + path + " (epoch " + epoch + "); move both away or restore them together");
            }
            return loaded;
        } catch (IOException | IllegalArgumentException e) {
            throw new YtdcException("cannot read emulator data file " + path + ": " + e.getMessage(), e);
        }
    }

    private void readSnapshot(JsonParser in, RandomGenerator random, Map<String, Spreadsheet> into, long[] position)
            throws IOException {
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw notOurs();
        }
        String format = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "format" -> format = in.getValueAsString();
                case "logEpoch" -> position[0] = in.getValueAsLong();
                case "logOffset" -> position[1] = in.getValueAsLong();
                case "spreadsheets" -> {
                    while (in.nextToken() == JsonToken.START_OBJECT) {
                        Spreadsheet s = Spreadsheet.readSnapshot(in, (name, value) -> { }, random);
                        into.put(s.spreadsheetId(), s);
                    }
                }
                default -> in.skipChildren();
            }
        }
        if (!FORMAT.equals(format)) {
            throw notOurs();
        }
    }

    private YtdcException notOurs() {
        return new YtdcException("emulator data file " + path + " is not a ytdc emulator file"
                + " (expected \"format\": \"" + FORMAT + "\"); move it away or pass another --data file");
    }

    private long replay(Map<String, Spreadsheet> into, RandomGenerator random, long from) throws IOException {
        return OperationLog.read(logPath, from, Long.MAX_VALUE, payload -> {
            JsonNode record = MAPPER.readTree(payload);
            String id = record.path("spreadsheetId").asText();
            try {
                if (record.has("snapshot")) {
                    into.put(id, Spreadsheet.fromSnapshot(record.get("snapshot"), random));
                    return;
                }
                Spreadsheet s = into.get(id);
                if (s == null) {
                    throw new IOException("the log changes spreadsheet " + id + ", which it never created");
                }
                s.replay(record);
            } catch (SheetsApiError | IllegalArgumentException e) {
                throw new IOException("a change in " + logPath + " no longer applies: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Stores a spreadsheet added whole (created, or replaced by a test), then runs {@code publish} to make it visible;
     * both at once for a compaction, which must see either neither or both.
     */
    synchronized void added(Spreadsheet spreadsheet, Runnable publish) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("spreadsheetId", spreadsheet.spreadsheetId());
        record.set("snapshot", spreadsheet.toSnapshot());
        append(record);
        publish.run();
    }

    /** Stores one committed change of a spreadsheet: the mutation listener of every spreadsheet served. */
    synchronized void changed(String spreadsheetId, ObjectNode change) {
        change.put("spreadsheetId", spreadsheetId);
        append(change);
    }

    private void append(ObjectNode record) {
        try {
            offset = OperationLog.append(logPath, offset, MAPPER.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator data file " + logPath + ": " + e.getMessage(), e);
        }
        if (!compactionQueued && !compactor.isShutdown()
                && offset - OperationLog.HEADER > Math.max(minCompactionBytes, snapshotBytes)) {
            compactionQueued = true;
            // Not here: the caller holds a spreadsheet's lock, and its change is not visible yet.
            compactor.execute(this::compact);
        }
    }

    /** Writes every spreadsheet as of now into a new snapshot and starts the log's next epoch. */
    void compact() {
        Path temp = path.resolveSibling(path.getFileName() + ".compact");
        try {
            List<Spreadsheet> all = new ArrayList<>(spreadsheets.get());
            all.sort(Comparator.comparing(Spreadsheet::spreadsheetId));
            long[] position = new long[2];
            List<Spreadsheet> copies = Spreadsheet.copyAll(all, () -> {
                synchronized (this) {
                    // A spreadsheet added since the list was taken is in the log before this position: try later.
                    List<Spreadsheet> now = new ArrayList<>(spreadsheets.get());
                    now.sort(Comparator.comparing(Spreadsheet::spreadsheetId));
                    boolean same = now.size() == all.size();
                    for (int i = 0; same && i < now.size(); i++) {
                        same = now.get(i) == all.get(i);
                    }
                    position[0] = same ? epoch : -1;
                    position[1] = offset;
                }
            });
            if (position[0] < 0) {
                return;
            }
            writeTo(temp, copies, position[0], position[1]);
            synchronized (this) {
                if (epoch != position[0]) {
                    return;
                }
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                OperationLog.rotate(logPath, previousLogPath, position[1], offset);
                epoch++;
                offset = OperationLog.HEADER + offset - position[1];
                snapshotBytes = Files.size(path);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Compacting the emulator data file {} failed; its log keeps growing until a later try: {}", path,
                    e.toString());
        } finally {
            synchronized (this) {
                compactionQueued = false;
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", temp, e);
            }
        }
    }

    /** Writes a snapshot of {@code sheets} that includes the log up to ({@code logEpoch}, {@code logOffset}). */
    private void writeSnapshot(List<Spreadsheet> sheets, long logEpoch, long logOffset) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        writeTo(temp, sheets, logEpoch, logOffset);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeTo(Path file, List<Spreadsheet> sheets, long logEpoch, long logOffset) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("logEpoch", logEpoch);
            g.writeNumberField("logOffset", logOffset);
            g.writeArrayFieldStart("spreadsheets");
            for (Spreadsheet s : sheets) {
                s.writeSnapshot(g, Map.of());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Stops the compaction thread, letting a compaction under way finish. */
    @Override
    public void close() {
        compactor.shutdown();
        try {
            compactor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
