package dev.credbroker.audit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each line to {@code broker.audit.log-file} and flushes it, so a shipper tailing the file sees an event
 * as soon as its transaction committed. Not a logback appender on purpose: no pattern, level or logger config can
 * mix application lines into it or drop events from it.
 */
@Singleton
public class JsonLinesFileSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFileSink.class);

    private final Path file;
    private Writer out;

    public JsonLinesFileSink(AuditSettings settings) {
        this.file = settings.logFile().isBlank() ? null : Path.of(settings.logFile());
    }

    @Override
    public synchronized void write(String line) {
        if (file == null) {
            return;
        }
        try {
            if (out == null) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // The database holds the event; the file is the copy. Say so once per failure, without the line.
            LOG.warn("audit file {}: could not append an event: {}", file, e.getClass().getName());
            out = null;
        }
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
