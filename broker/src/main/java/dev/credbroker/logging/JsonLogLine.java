package dev.credbroker.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

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

    /** A JSON string (RFC 8259 §7); line and paragraph separators escaped too, so a line stays one line anywhere. */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A lone surrogate is not text; escaped, it still parses. */
    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
