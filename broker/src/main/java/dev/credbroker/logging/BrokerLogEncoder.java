package dev.credbroker.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The console encoder of {@code logback.xml}: {@code <format>} ({@code BROKER_LOG_FORMAT}) picks {@code text}, the
 * {@code <pattern>} layout, or {@code json}, {@link JsonLogLine}. One class for both because logback's configuration
 * can't choose a class by a variable without Janino, which the broker does not ship. Any other format is reported
 * as a logback error (printed at start) and text is used, so the broker still logs.
 */
public class BrokerLogEncoder extends EncoderBase<ILoggingEvent> {
    /** What {@code BROKER_LOG_FORMAT} may say. */
    public enum Format { TEXT, JSON }

    static final String VARIABLE = "BROKER_LOG_FORMAT";

    private String format = "text";
    private String pattern;
    private Format chosen = Format.TEXT;
    private PatternLayoutEncoder text;

    /** Whether {@code BROKER_LOG_FORMAT} asks for json, read where logback reads it: system property, then environment. */
    public static boolean jsonRequested() {
        String value = System.getProperty(VARIABLE, System.getenv(VARIABLE));
        return value != null && value.strip().equalsIgnoreCase("json");
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    Format chosen() {
        return chosen;
    }

    @Override
    public void start() {
        String wanted = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("json")) {
            chosen = Format.JSON;
        } else {
            chosen = Format.TEXT;
            if (!wanted.equals("text") && !wanted.isEmpty()) {
                addError("BROKER_LOG_FORMAT must be text or json, not '" + format + "'; logging as text");
            }
            text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        if (text != null) {
            text.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return chosen == Format.TEXT ? text.headerBytes() : null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return chosen == Format.TEXT ? text.encode(event) : JsonLogLine.render(event).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return chosen == Format.TEXT ? text.footerBytes() : null;
    }
}
