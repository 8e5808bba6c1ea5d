package io.github.ytdc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@link FleetRun} measured.
 *
 * @param settings       what ran
 * @param finished       whether the journals accounted for every task before the timeout
 * @param elapsed        from the agents' start until then (or the timeout)
 * @param finishedTasks  tasks marked done or dead-lettered, by the journals
 * @param doneTasks      tasks done in the sheet after the agents stopped
 * @param deadLettered   tasks on the dead-letter tab after the agents stopped
 * @param requests       what the emulator answered in {@code elapsed} (seeding and the final check excluded)
 * @param completedTwice tasks marked done more than once, with how often
 * @param processedTwice tasks the processor ran to the end more than once, with how often
 * @param lost           tasks neither done nor dead-lettered in the sheet after the agents stopped
 * @param failedAttempts attempts that ended in a retry, dead-letter or lost claim (every task succeeds, so these
 *                       come from the Sheets side or from kills)
 * @param claimLatencies each won claim's latency, from the journals
 * @param peakMemoryKib  peak resident memory per agent (VmHWM), in KiB
 * @param journals       the folder with the agents' journals (and logs, for processes)
 */
record FleetReport(Bench.FleetSettings settings, boolean finished, Duration elapsed, long finishedTasks,
                          long doneTasks, long deadLettered, StatsSnapshot requests, Map<String, Integer> completedTwice,
                          Map<String, Integer> processedTwice, List<String> lost, long failedAttempts,
                          List<Duration> claimLatencies, Map<String, Long> peakMemoryKib, Path journals) {
    public FleetReport {
        completedTwice = Map.copyOf(completedTwice);
        processedTwice = Map.copyOf(processedTwice);
        lost = List.copyOf(lost);
        claimLatencies = List.copyOf(claimLatencies);
        peakMemoryKib = Map.copyOf(peakMemoryKib);
    }

    /** Tasks finished per minute of the run. */
    public double tasksPerMinute() {
        return elapsed.isZero() ? Double.NaN : finishedTasks * 60_000.0 / elapsed.toMillis();
    }

    /** Sheets requests (reads and writes) per task done. */
    public double requestsPerTask() {
        return perDone(requests.requests());
    }

    private double perDone(long n) {
        return doneTasks == 0 ? Double.NaN : (double) n / doneTasks;
    }

    /** Tasks completed twice: the count the protocol must keep at zero. */
    public int duplicates() {
        return completedTwice.size();
    }

    /** Bytes of API answers per won claim: what a claim costs to read, flat in the sheet's size if all is well. */
    public double bytesPerClaim() {
        return claimLatencies.isEmpty() ? Double.NaN : (double) requests.responseBytes() / claimLatencies.size();
    }

    /** The highest peak resident memory of any agent, in MiB. */
    public double peakMemoryMib() {
        return peakMemoryKib.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0;
    }

    /** Whether nothing went wrong: every task finished, none completed twice, none lost. */
    public boolean clean() {
        return finished && duplicates() == 0 && lost.isEmpty();
    }

    /** The one line every run ends with. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "bench: agents=%d tasks=%d tasks_per_min=%.1f requests_per_task=%.3f "
                        + "duplicates=%d lost=%d", settings.agents(), settings.tasks(), tasksPerMinute(),
                requestsPerTask(), duplicates(), lost.size());
    }

    /** The report for a person, ending with {@link #summaryLine()}. */
    public String toText() {
        List<String> l = new ArrayList<>();
        Bench.FleetSettings s = settings;
        l.add("ytdc bench: " + s.agents() + " agent" + (s.agents() == 1 ? "" : "s") + " ("
                + (s.processes() ? "separate JVMs" : "threads in one JVM") + "), concurrency " + s.concurrency()
                 + ", " + s.tasks() + " tasks (" + s.taskTime().describe() + "), " + s.doneRows() + " done rows above them");
        l.add("  emulator: " + (s.endpoint() == null ? "in-process, quotas " + s.quota().name().toLowerCase(Locale.ROOT)
                + ", latency " + s.latency().toMillis() + " ms + up to " + s.jitter().toMillis() + " ms"
                : s.endpoint() + " (its own quotas and latency)") + "; settle delay " + s.settleDelay().toMillis()
                + " ms; each agent its own quota caller");
        l.add(String.format(Locale.ROOT, "  %-34s %s", "finished", finished ? "yes, in " + seconds(elapsed)
                : "NO: timed out after " + seconds(elapsed) + " with " + finishedTasks + " of " + s.tasks()));
        l.add(row("tasks per minute", fmt(tasksPerMinute())));
        l.add(row("done / dead-lettered", doneTasks + " / " + deadLettered));
        l.add(row("Sheets requests per task", fmt3(requestsPerTask()) + " (reads " + fmt3(perDone(requests.reads()))
                + ", writes " + fmt3(perDone(requests.writes())) + ")"));
        l.add(row("Sheets requests", requests.requests() + " (" + requests.reads() + " reads, " + requests.writes()
                + " writes): " + requests.byMethod()));
        l.add(row("429s answered", Long.toString(requests.quotaRejected())));
        l.add(row("failed attempts", failedAttempts + " (retry, dead-letter or lost claim)"));
        l.add(row("duplicates (completed twice)", duplicates() + (completedTwice.isEmpty() ? "" : " " + first(completedTwice))));
        l.add(row("processed twice", processedTwice.size() + (processedTwice.isEmpty() ? "" : " " + first(processedTwice))));
        l.add(row("lost", lost.size() + (lost.isEmpty() ? "" : " " + lost.subList(0, Math.min(10, lost.size())))));
        l.add(row("claim latency p50 / p95", millis(Percentiles.of(claimLatencies, 50)) + " / "
                + millis(Percentiles.of(claimLatencies, 95)) + " (" + claimLatencies.size() + " claims)"));
        l.add(row("bytes read per claim", fmt(bytesPerClaim())));
        l.add(row("peak memory per agent", String.format(Locale.ROOT, "%.1f MiB", peakMemoryMib())
                + (peakMemoryKib.size() > 1 ? " (highest of " + peakMemoryKib.size() + ")" : "")
                + (s.processes() ? "" : " (threads: the whole JVM, emulator included)")));
        l.add(row("journals", journals.toString()));
        l.add(summaryLine());
        return String.join(System.lineSeparator(), l) + System.lineSeparator();
    }

    /** The same as JSON. */
    public ObjectNode toJson() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("agents", settings.agents());
        o.put("processes", settings.processes());
        o.put("tasks", settings.tasks());
        o.put("taskTime", settings.taskTime().toString());
        o.put("concurrency", settings.concurrency());
        o.put("doneRows", settings.doneRows());
        o.put("finished", finished);
        o.put("elapsedMs", elapsed.toMillis());
        o.put("tasksPerMinute", tasksPerMinute());
        o.put("doneTasks", doneTasks);
        o.put("deadLettered", deadLettered);
        o.put("requestsPerTask", requestsPerTask());
        o.put("reads", requests.reads());
        o.put("writes", requests.writes());
        ObjectNode methods = o.putObject("requestsByMethod");
        requests.byMethod().forEach(methods::put);
        o.put("quota429s", requests.quotaRejected());
        o.put("failedAttempts", failedAttempts);
        o.put("duplicates", duplicates());
        o.put("processedTwice", processedTwice.size());
        o.put("lost", lost.size());
        o.put("claims", claimLatencies.size());
        putMillis(o, "claimLatencyP50Ms", Percentiles.of(claimLatencies, 50));
        putMillis(o, "claimLatencyP95Ms", Percentiles.of(claimLatencies, 95));
        o.put("bytesPerClaim", bytesPerClaim());
        o.put("peakMemoryMiB", peakMemoryMib());
        o.put("summary", summaryLine());
        return o;
    }

    private static void putMillis(ObjectNode o, String field, Duration d) {
        if (d == null) {
            o.putNull(field);
        } else {
            o.put(field, d.toMillis());
        }
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "  %-34s %s", name, value);
    }

    private static String first(Map<String, Integer> m) {
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(5).map(e -> e.getKey() + " x" + e.getValue())
                .toList().toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String millis(Duration d) {
        return d == null ? "n/a" : d.toMillis() + " ms";
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
