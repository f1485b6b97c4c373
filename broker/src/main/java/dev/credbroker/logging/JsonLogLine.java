package dev.credbroker.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.credbroker.support.JsonText;

/**
 * One application log event as one line of JSON: {@code {"time", "level", "logger", "thread", "message"}} and, when
 * the event carries one, {@code "exception"}: the throwable's class name and nothing else. Its message and stack are
 * left out on purpose: an exception from a library (an HTTP client, a JDBC driver) may quote a request, a URL
 * with credentials or a token, and the broker's own messages already name what failed.
 */
final class JsonLogLine {
    private JsonLogLine() {
    }

    static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"time\":");
        string(line, event.getInstant().toString());
        line.append(",\"level\":");
        string(line, event.getLevel().toString());
        line.append(",\"logger\":");
        string(line, event.getLoggerName());
        line.append(",\"thread\":");
        string(line, event.getThreadName());
        line.append(",\"message\":");
        string(line, event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(",\"exception\":");
            string(line, thrown.getClassName());
        }
        return line.append("}\n").toString();
    }

    private static void string(StringBuilder out, String value) {
        JsonText.append(out, value);
    }
}
