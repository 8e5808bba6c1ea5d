package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar's bundled {@code logback.xml} (src/agent/resources, added to target/ytdc.jar by the shade plugin
 * and to nothing else; the test classpath uses {@code logback-test.xml}, so nothing else would notice it breaking):
 * it must configure Logback without a single error or warning status.
 */
class LogbackConfigTest {
    /** Where the runnable jar's configuration lives (tests run in the project's base directory). */
    static final Path AGENT_LOGBACK_XML = Path.of("src/agent/resources/logback.xml");

    /** Configures a fresh context (not the test run's own) from {@code xml}; returns the context and its statuses. */
    private static LoggerContext configure(InputStream xml) {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(xml);
        } catch (JoranException e) {
            // reported in the status manager as well, which is what the tests check
        }
        return context;
    }

    private static List<String> problems(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : ": " + s.getThrowable()))
                .toList();
    }

    @Test
    void the_bundled_logback_xml_configures_logback_without_errors_or_warnings() throws Exception {
        try (InputStream xml = Files.newInputStream(AGENT_LOGBACK_XML)) {
            LoggerContext context = configure(xml);
            try {
                assertEquals(List.of(), problems(context));
                assertTrue(new StatusUtil(context).containsMatch("About to instantiate appender"),
                        "the configuration was actually read");
                assertEquals(Level.INFO, context.getLogger("io.github.ytdc").getLevel());
                assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());

                // The prefix separates worker and task, and shows no stray space when there is no task.
                @SuppressWarnings("unchecked")
                ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>)
                        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
                assertEquals("System.err", stderr.getTarget());
                Encoder<ILoggingEvent> encoder = stderr.getEncoder();
                assertTrue(line(context, encoder, Map.of("worker", "w1", "task", "v42")).endsWith(" INFO  [w1 v42] X: hello\n"));
                assertTrue(line(context, encoder, Map.of("worker", "w1")).endsWith(" INFO  [w1] X: hello\n"));
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void the_check_catches_a_broken_configuration() {
        // What once shipped: "--" inside an XML comment is not well-formed XML.
        String broken = "<configuration><!-- set with --verbose --><root level=\"INFO\"/></configuration>";
        LoggerContext context = configure(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)));
        assertFalse(problems(context).isEmpty(), "a parse error is reported as an error status");
        context.stop();
    }

    private static String line(LoggerContext context, Encoder<ILoggingEvent> encoder, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.github.ytdc.X"), Level.INFO, "hello", null, null);
        event.setMDCPropertyMap(mdc);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
