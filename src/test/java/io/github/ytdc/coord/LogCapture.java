package io.github.ytdc.coord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what ytdc logs at INFO and above while open, as {@code LEVEL Logger: message} lines. */
final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.github.ytdc");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level before = logger.getLevel();

    LogCapture() {
        appender.start();
        logger.setLevel(Level.INFO); // what the runnable jar logs (src/agent/resources/logback.xml)
        logger.addAppender(appender);
    }

    /** The lines so far, oldest first. */
    List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return appender.list.stream().map(e -> e.getLevel() + " "
                    + e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1) + ": "
                    + e.getFormattedMessage()).toList();
        }
    }

    /** The lines that mention {@code text}. */
    List<String> about(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
        appender.stop();
    }
}
