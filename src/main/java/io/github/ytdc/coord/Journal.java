package io.github.ytdc.coord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.YtdcException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per line per task event (SPEC section 5). Several processes may share one file: it is
 * opened with {@code O_APPEND} and each event is one {@code write} of a whole line, so lines never interleave.
 */
final class Journal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;

    private Journal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (creating if needed) the journal at {@code path}. */
    static Journal open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new Journal(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new YtdcException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** The line written for {@code event}, without the newline. */
    static String toJson(TaskEvent event) {
        ObjectNode o = JSON.createObjectNode();
        // Milliseconds, unlike cells: readers order events of several agents and find runs that overlapped.
        o.put("at", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                event.at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        o.put("event", event.type().label());
        o.put("worker", event.worker());
        o.put("kind", event.kind().label());
        o.put("id", event.id());
        if (event.attempt() > 0) {
            o.put("attempt", event.attempt());
        }
        if (!event.error().isEmpty()) {
            o.put("error", event.error());
        }
        if (!event.elapsed().isZero()) {
            o.put("elapsed_ms", event.elapsed().toMillis());
        }
        return o.toString();
    }

    /** Appends one event; a full disk is reported, never swallowed. */
    public synchronized void record(TaskEvent event) {
        ByteBuffer line = ByteBuffer.wrap((toJson(event) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new YtdcException("cannot append to journal " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new YtdcException("cannot close journal " + path + ": " + e.getMessage(), e);
        }
    }
}
