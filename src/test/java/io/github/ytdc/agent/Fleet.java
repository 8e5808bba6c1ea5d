package io.github.ytdc.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Agents as separate JVMs ({@code ytdc agent ...}), each with its own journal and log file. */
final class Fleet implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One agent process. */
    record Member(String name, Process process, Path journal, Path log) {
        String logText() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path dir;
    private final List<Member> members = new ArrayList<>();

    Fleet(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code ytdc agent --worker-name NAME --journal ... <args>}. */
    Member start(String name, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.github.ytdc.cli.Main", "agent",
                "--worker-name", name, "--journal", dir.resolve(name + ".jsonl").toString()));
        argv.addAll(args);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        Member m = new Member(name, p, dir.resolve(name + ".jsonl"), log);
        members.add(m);
        return m;
    }

    List<Member> members() {
        return members;
    }

    /** Waits for every agent still running to exit on its own; fails naming the ones that did not. */
    void awaitAll(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Member m : members) {
            long left = deadline - System.nanoTime();
            if (!m.process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("agent " + m.name + " did not exit within " + seconds + "s; its log:\n"
                        + tail(m.logText()));
            }
        }
    }

    /** Every journal line of every agent, parsed. */
    List<JsonNode> events() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (Member m : members) {
            if (Files.exists(m.journal)) {
                for (String line : Files.readAllLines(m.journal)) {
                    if (!line.isBlank()) {
                        all.add(JSON.readTree(line));
                    }
                }
            }
        }
        return all;
    }

    /** How many events of {@code type} each video id has, across all journals. */
    Map<String, Integer> videoEventCounts(String type) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode e : events()) {
            if (e.get("event").asText().equals(type) && e.get("kind").asText().equals("video")) {
                counts.merge(e.get("id").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.process.destroyForcibly();
        }
    }
}
