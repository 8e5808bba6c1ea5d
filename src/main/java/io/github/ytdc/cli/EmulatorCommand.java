package io.github.ytdc.cli;

import io.github.ytdc.emulator.SheetsEmulator;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytdc emulator}: serves the Sheets v4 REST API locally until SIGTERM or SIGINT. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {
            "Run a local Google Sheets API emulator.",
            "",
            "Point ytdc (--endpoint) or the Google client (root URL) at it. Prints one line "
                    + "'Sheets emulator listening on http://ADDR:PORT/' once it accepts requests.",
            "No authentication: any or no Authorization header is accepted."
        })
final class EmulatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8089", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String bind;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Persist every change (FILE holds a snapshot, FILE.log the changes since, forced to disk "
                    + "before each answer) and reload them on start.")
    Path data;

    @Option(names = "--quota", paramLabel = "MODE", defaultValue = "off",
            description = "'google' enforces 60 reads/60 writes per minute per caller and 300/300 per project; 'off' (default).")
    String quota;

    @Option(names = "--sliding-window", description = "Quota windows slide over the last 60 s instead of resetting each minute.")
    boolean sliding;

    @Option(names = "--latency", paramLabel = "MS[:JITTER_MS]", description = "Delay every answer, e.g. 50 or 50:20.")
    String latency;

    @Option(names = "--fail-rate", paramLabel = "P", defaultValue = "0",
            description = "Share of requests (0..1) answered 500/503; some writes fail after being applied.")
    double failRate;

    @Option(names = "--latency-spikes", paramLabel = "P:DURATION",
            description = "With probability P (0..1) a request waits DURATION more before it is applied, e.g. 0.05:3s.")
    String latencySpikes;

    @Option(names = "--create", paramLabel = "SPREADSHEET_ID",
            description = "Create a spreadsheet with this id on start (repeatable) unless the data file has it.")
    List<String> create = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        SheetsEmulator.Builder builder = configure();
        CountDownLatch stopped = new CountDownLatch(1);
        SheetsEmulator emulator = builder.start();
        // SIGTERM and SIGINT run shutdown hooks: stop serving, then let the main thread return.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Sheets emulator listening on " + emulator.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    /** The emulator these options describe, not started; bad values fail here, before anything listens. */
    SheetsEmulator.Builder configure() {
        SheetsEmulator.Builder builder = SheetsEmulator.builder()
                .port(port)
                .bind(address(bind))
                .dataFile(data)
                .quota(EmulatorValues.quotaMode(quota))
                .slidingQuotaWindow(sliding)
                .failRate(failRate);
        if (latency != null) {
            EmulatorValues.Latency l = EmulatorValues.Latency.parse(latency);
            builder.latency(l.base(), l.jitter());
        }
        if (latencySpikes != null) {
            EmulatorValues.LatencySpikes spikes = EmulatorValues.LatencySpikes.parse(latencySpikes);
            builder.latencySpikes(spikes.probability(), spikes.spike());
        }
        create.forEach(builder::create);
        return builder;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: unknown address '" + text + "'");
        }
    }

}
