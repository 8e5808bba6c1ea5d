package io.github.ytdc.toolchain;

import io.github.ytdc.util.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a short command (a version probe, {@code npm install}) and returns its output; never through a shell. */
final class Exec {
    private static final int MAX_OUTPUT = 1 << 20;

    /**
     * How a command ended.
     *
     * @param exitCode its exit code, or -1 when it timed out or could not start
     * @param stdout   standard output
     * @param stderr   standard error, or why it could not start
     */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The first non-blank line of stdout, else of stderr; {@code ""} when both are empty. */
        String firstLine() {
            for (String text : List.of(stdout, stderr)) {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "";
        }
    }

    private Exec() {}

    static Result run(List<String> argv, Path workDir, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, "", "could not run " + argv.get(0) + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "", argv.get(0) + " did not finish within " + Durations.format(timeout));
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        } catch (IOException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            return new Result(-1, "", argv.get(0) + ": " + e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            byte[] all = in.readNBytes(MAX_OUTPUT);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
