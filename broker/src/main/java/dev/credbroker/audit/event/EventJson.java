package dev.credbroker.audit.event;

import dev.credbroker.support.JsonText;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an event as one line of JSON, keys in a fixed order: the envelope ({@code schema, event_id, time,
 * instance, kind, outcome, actor, phase_id}) then the kind's fields. The same event always gives the same
 * bytes: this text is what is stored, hashed into the chain and shipped to a SIEM.
 */
public final class EventJson {
    /** ISO-8601 in UTC with milliseconds, always three digits: sorts as text, and parses as an Instant. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventJson() {
    }

    /** @param time already truncated to milliseconds by the writer, so the stored column and the text agree */
    public static String render(AuditEvent event, String eventId, Instant time, String instance) {
        Map<String, Object> envelope = Fields.of("schema", AuditEvent.SCHEMA, "event_id", eventId,
                "time", time, "instance", instance, "kind", event.kind(), "outcome", event.outcome().wire(),
                "actor", event.actor(), "phase_id", event.phaseId());
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        boolean first = true;
        for (Map<String, Object> part : List.of(envelope, event.fields())) {
            for (Map.Entry<String, Object> field : part.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (part != envelope && envelope.containsKey(field.getKey())) {
                    throw new IllegalStateException(event.kind() + " has a field named like the envelope's "
                            + field.getKey());
                }
                string(out, field.getKey());
                out.append(':');
                value(out, field.getValue());
            }
        }
        return out.append('}').toString();
    }

    /** {@code time} as events write it. */
    public static String time(Instant time) {
        return TIME.format(time);
    }

    static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Instant at) {
            string(out, TIME.format(at));
        } else if (value instanceof Optional<?> o) {
            value(out, o.orElse(null));
        } else if (value instanceof JsonShaped shaped) {
            object(out, shaped.fields());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map);
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else {
            // A new field type must be given a shape here on purpose, not leak a toString().
            throw new IllegalArgumentException("no JSON shape for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> fields) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, String.valueOf(field.getKey()));
            out.append(':');
            value(out, field.getValue());
        }
        out.append('}');
    }

    static void string(StringBuilder out, String s) {
        JsonText.append(out, s);
    }
}
