package io.github.ytdc.bench;

import io.github.ytdc.coord.CoordinatorConfig;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.Durations;
import io.github.ytdc.util.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * A minimal agent process for the memory scenario, used while {@code ytdc agent} is not available: one
 * {@link io.github.ytdc.coord.Coordinator} over the real Google client, simulating each task by sleeping, until
 * SIGTERM. Arguments: {@code ENDPOINT SPREADSHEET_ID CONCURRENCY SIMULATE_MAX SETTLE}.
 */
public final class BenchAgentMain {
    private BenchAgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: BenchAgentMain ENDPOINT SPREADSHEET_ID CONCURRENCY SIMULATE_MAX SETTLE");
            System.exit(2);
        }
        ConnectionSettings settings = new ConnectionSettings(args[1], null, URI.create(args[0]), null);
        int concurrency = Integer.parseInt(args[2]);
        Duration simulate = Durations.parse(args[3]);
        Duration settle = Durations.parse(args[4]);
        SplittableRandom random = new SplittableRandom();
        Sleeper sleeper = Sleeper.system();
        TaskTally tally = new TaskTally();
        GoogleSpreadsheetPort port = GoogleSpreadsheetPort.builder(settings).quotaUser("bench-memory-agent").build();
        CoordinatorConfig cfg = CoordinatorConfig.builder(port).workerName("bench-memory-agent")
                .concurrency(concurrency).settleDelay(settle).listener(tally.listener()).build();
        AgentFleet fleet = new AgentFleet(List.of(cfg), (task, context) -> {
            long ms;
            synchronized (random) {
                ms = random.nextLong(simulate.toMillis() + 1);
            }
            sleeper.sleep(Duration.ofMillis(ms));
            return null;
        }, tally, Clock.systemUTC(), sleeper);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            port.close();
            stopped.countDown();
        }, "bench-agent-stop"));
        stopped.await();
    }
}
