package io.github.ytdc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@link FaultSuite} run injected and counted.
 *
 * @param settings       what ran
 * @param finished       whether every task was done or dead-lettered before the timeout
 * @param elapsed        from the agents' start until then
 * @param kills          agents killed with {@code kill -9}
 * @param edits          hand edits of Video Tasks, per kind
 * @param emulator       the emulator's counts over the run (5xx injected, spikes, 429s, requests)
 * @param injections     every injection with its time, in order
 * @param tasks          tasks expected at the end: seeded, plus inserted by hand, minus deleted by hand
 * @param done           of those, done in Video Tasks
 * @param deadLettered   of those, on the dead-letter tab
 * @param lost           of those, neither done nor dead-lettered
 * @param completedTwice tasks marked done more than once (journals): must be none
 * @param processedTwice tasks run to the end more than once (journals): allowed after a kill, when the first run's
 *                       result never reached the sheet
 * @param duplicateRows  ids on more than one row of Video Tasks: must be none
 * @param doneUnprocessed tasks done in the sheet that no agent ever ran (another task's result written onto their
 *                       row): must be none
 * @param runByTwoLive   tasks two agents ran at the same time (journals; a run cut by a kill ends at the kill): must
 *                       be none
 * @param failedAttempts attempts that ended in a retry, dead-letter or lost claim
 * @param tornLines      journal lines cut short by a kill
 * @param journals       the folder with the agents' journals and logs
 */
record FaultReport(Bench.FaultSettings settings, boolean finished, Duration elapsed, int kills,
                          Map<HandEditor.Kind, Integer> edits, StatsSnapshot emulator, List<String> injections,
                          int tasks, long done, long deadLettered, List<String> lost, Map<String, Integer> completedTwice,
                          Map<String, Integer> processedTwice, Map<String, Integer> duplicateRows,
                          List<String> doneUnprocessed, java.util.Set<String> runByTwoLive, long failedAttempts,
                          int tornLines, Path journals) {
    public FaultReport {
        edits = Map.copyOf(edits);
        injections = List.copyOf(injections);
        lost = List.copyOf(lost);
        completedTwice = Map.copyOf(completedTwice);
        processedTwice = Map.copyOf(processedTwice);
        duplicateRows = Map.copyOf(duplicateRows);
        doneUnprocessed = List.copyOf(doneUnprocessed);
        runByTwoLive = java.util.Set.copyOf(runByTwoLive);
    }

    /**
     * Every task done or dead-lettered, none completed twice, no id on two rows, none done without running, none run
     * by two live agents at once.
     */
    public boolean passed() {
        return finished && lost.isEmpty() && completedTwice.isEmpty() && duplicateRows.isEmpty()
                && doneUnprocessed.isEmpty() && runByTwoLive.isEmpty();
    }

    /** Hand edits of every kind together. */
    public int editCount() {
        return edits.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The one line every run ends with. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "faults: %s agents=%d kills=%d hand_edits=%d injected_5xx=%d latency_spikes=%d "
                        + "quota_429s=%d tasks=%d done=%d dead_lettered=%d lost=%d completed_twice=%d done_never_run=%d "
                        + "run_by_two_live=%d",
                passed() ? "PASS" : "FAIL", settings.agents(), kills, editCount(), emulator.injectedFaults(),
                emulator.latencySpikes(), emulator.quotaRejected(), tasks, done, deadLettered, lost.size(),
                completedTwice.size(), doneUnprocessed.size(), runByTwoLive.size());
    }

    /** The report for a person: settings, what was injected, what was counted, and the summary line. */
    public String toText() {
        Bench.FaultSettings s = settings;
        List<String> l = new ArrayList<>();
        l.add("ytdc bench faults (seed " + s.seed() + "): " + s.agents() + " agent processes, concurrency "
                 + s.concurrency() + ", tasks " + s.taskTime().describe() + "; settle " + s.settleDelay().toMillis()
                + " ms, heartbeat " + s.heartbeat().toMillis() + " ms, stall timeout " + s.stallTimeout().toMillis()
                + " ms, " + s.maxRetries() + " retries");
        l.add("");
        l.add("injected (for " + s.faultWindow().toSeconds() + " s at most):");
        l.add(row("kill -9 (then restarted)", kills + ", about one per " + s.killEvery().toSeconds() + " s"));
        l.add(row("hand edits of Video Tasks", editCount() + " " + edits));
        l.add(row("5xx answers", emulator.injectedFaults() + " (rate " + s.failRate() + ", half of the failed writes "
                + "applied anyway)"));
        l.add(row("latency spikes", emulator.latencySpikes() + " of " + s.spike().toMillis() + " ms before applying (rate "
                + s.spikeProbability() + "; settle delay " + s.settleDelay().toMillis() + " ms)"));
        l.add(row("429s (Google's quotas)", Long.toString(emulator.quotaRejected())));
        l.add(row("requests answered", emulator.requests() + " (" + emulator.reads() + " reads, " + emulator.writes()
                + " writes)"));
        l.add("");
        l.add("counted:");
        l.add(row("finished", finished ? "yes, in " + seconds(elapsed) : "NO: timed out after " + seconds(elapsed)));
        l.add(row("tasks (seeded + inserted - deleted)", Integer.toString(tasks)));
        l.add(row("done", Long.toString(done)));
        l.add(row("dead-lettered", Long.toString(deadLettered)));
        l.add(row("lost", lost.size() + (lost.isEmpty() ? "" : " " + lost.subList(0, Math.min(10, lost.size())))));
        l.add(row("completed twice", completedTwice.size() + (completedTwice.isEmpty() ? "" : " " + completedTwice)));
        l.add(row("ids on two rows", duplicateRows.size() + (duplicateRows.isEmpty() ? "" : " " + duplicateRows)));
        l.add(row("done but never run", doneUnprocessed.size() + (doneUnprocessed.isEmpty() ? ""
                : " " + doneUnprocessed.subList(0, Math.min(10, doneUnprocessed.size())))));
        l.add(row("run by two live agents at once", runByTwoLive.size() + (runByTwoLive.isEmpty() ? ""
                : " " + runByTwoLive.stream().sorted().limit(10).toList())));
        l.add(row("processed twice (re-run after a kill)", Integer.toString(processedTwice.size())));
        l.add(row("failed attempts", failedAttempts + " (retry, dead-letter or lost claim)"));
        l.add(row("torn journal lines (kills)", Integer.toString(tornLines)));
        l.add(row("journals and logs", journals.toString()));
        l.add("");
        l.add("injections in order:");
        injections.forEach(i -> l.add("  " + i));
        l.add(summaryLine());
        return String.join(System.lineSeparator(), l) + System.lineSeparator();
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "  %-38s %s", name, value);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
