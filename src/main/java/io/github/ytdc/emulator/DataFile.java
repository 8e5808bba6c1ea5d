package io.github.ytdc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.YtdcException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator's data file: every spreadsheet's snapshot in one JSON document, rewritten after each mutation
 * through a temporary file, fsync and an atomic rename, so a {@code kill -9} at any moment leaves either the
 * old or the new state on disk, never a torn one.
 */
final class DataFile {
    static final String FORMAT = "ytdc-emulator/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final Map<String, JsonNode> snapshots = new LinkedHashMap<>();

    DataFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** The snapshots stored in the file, by spreadsheet id; empty when the file does not exist yet. */
    synchronized Map<String, JsonNode> load() {
        if (!Files.exists(path)) {
            return Map.of();
        }
        try {
            JsonNode root = MAPPER.readTree(path.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new YtdcException("emulator data file " + path + " is not a ytdc emulator file (expected "
                        + "\"format\": \"" + FORMAT + "\"); move it away or pass another --data file");
            }
            for (JsonNode s : root.path("spreadsheets")) {
                snapshots.put(s.path("spreadsheetId").asText(), s);
            }
            return Map.copyOf(snapshots);
        } catch (IOException e) {
            throw new YtdcException("cannot read emulator data file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Stores one spreadsheet's new snapshot and rewrites the file durably before returning. */
    synchronized void save(String spreadsheetId, JsonNode snapshot) {
        snapshots.put(spreadsheetId, snapshot);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("spreadsheets");
        snapshots.values().forEach(list::add);
        Path dir = path.getParent();
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                MAPPER.writeValue(nonClosing(out), root);
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new YtdcException("cannot write emulator data file " + path + ": " + e.getMessage(), e);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
