package dev.credbroker.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's own {@code logback.xml}, loaded into a logger context of the test's with {@code BROKER_LOG_FORMAT} as
 * the operator would set it (logback reads context properties before the environment): json gives one JSON object
 * per line with the documented keys and only the class of an exception; text stays the default.
 */
class BrokerLogEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "hvs.CAESIJ-not-to-be-logged";

    private record Logged(String text, LoggerContext context) {
        /** logback's own account of the configuration, for a failure message. */
        String statuses() {
            return context.getStatusManager().getCopyOfStatusList().toString();
        }
    }

    private static Logged log(Map<String, String> properties) throws JoranException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's SLF4J provider gives its own context
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(BrokerLogEncoderTest.class.getResource("/logback.xml"));
        // the configured console appender, its stream swapped for one the test reads
        ((OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"))
                .setOutputStream(captured);
        Logger logger = context.getLogger("dev.credbroker.phase.Revoker");
        logger.info("phase {} opened: \"quoted\", tab\there, line\nbreak, ünïcödé, \u2028 separator", "p-1");
        logger.warn("revoking phase p-1 failed", new IllegalStateException("Vault said " + SECRET,
                new java.io.IOException("token " + SECRET)));
        context.getLogger("io.micronaut.http").error("no exception here");
        context.stop();
        return new Logged(captured.toString(StandardCharsets.UTF_8), context);
    }

    @Test
    void jsonFormatShouldWriteOneObjectPerLineWithTheDocumentedKeysAndNoExceptionMessage() throws Exception {
        Logged logged = log(Map.of("BROKER_LOG_FORMAT", "json"));
        List<String> lines = logged.text().lines().toList();
        assertEquals(3, lines.size(), logged.text() + logged.statuses());
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }
        for (JsonNode event : events) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
                keys.add(names.next());
            }
            assertEquals(List.of("time", "level", "logger", "thread", "message"), keys.subList(0, 5));
            Instant.parse(event.get("time").asText());
            assertEquals(Thread.currentThread().getName(), event.get("thread").asText());
        }
        assertEquals("INFO", events.get(0).get("level").asText());
        assertEquals("dev.credbroker.phase.Revoker", events.get(0).get("logger").asText());
        assertEquals("phase p-1 opened: \"quoted\", tab\there, line\nbreak, ünïcödé, \u2028 separator",
                events.get(0).get("message").asText());
        assertFalse(events.get(0).has("exception"));
        assertEquals("WARN", events.get(1).get("level").asText());
        assertEquals("java.lang.IllegalStateException", events.get(1).get("exception").asText());
        assertEquals(6, events.get(1).size(), "the exception's class only: no message, cause or stack");
        assertEquals("ERROR", events.get(2).get("level").asText());
        assertFalse(logged.text().contains(SECRET));
    }

    @Test
    void textShouldStayTheDefault() throws Exception {
        Logged logged = log(Map.of());
        String first = logged.text().lines().findFirst().orElseThrow(() -> new AssertionError(logged.statuses()));
        assertTrue(first.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+] dev\\.credbroker\\.phase\\.Revoker - "
                + "phase p-1 opened: .*"), first);
        assertFalse(logged.text().startsWith("{"));
    }

    @Test
    void anUnknownFormatShouldBeReportedAndFallBackToText() throws Exception {
        Logged logged = log(Map.of("BROKER_LOG_FORMAT", "xml"));
        assertFalse(logged.text().startsWith("{"), logged.text());
        assertTrue(logged.text().lines().anyMatch(l -> l.contains("INFO  [")), logged.text());
        assertTrue(logged.context().getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getLevel() == Status.ERROR && s.getMessage().contains("BROKER_LOG_FORMAT")),
                logged.statuses());
    }
}
