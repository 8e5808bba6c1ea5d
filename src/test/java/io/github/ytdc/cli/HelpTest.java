package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"agent", "init", "sources", "status", "requeue", "doctor", "emulator", "bench",
        "bench targets", "tools"})
    void every_command_prints_its_help_without_picocli_warnings(String command) {
        // picocli reports a malformed description (e.g. an unescaped '%') on System.err, not on the command's writer.
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        int exit;
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            CommandLine cl = YtdcCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            exit = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(0, exit);
        assertTrue(out.toString().startsWith("Usage: ytdc " + command), out.toString());
        assertEquals("", stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void version_names_ytdc_and_the_java_runtime() {
        StringWriter out = new StringWriter();
        CommandLine cl = YtdcCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--version"));
        assertTrue(out.toString().startsWith("ytdc "), out.toString());
        assertTrue(out.toString().contains("\nJava "), out.toString());
    }
}
