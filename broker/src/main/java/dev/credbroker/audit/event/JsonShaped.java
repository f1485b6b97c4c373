package dev.credbroker.audit.event;

import java.util.Map;

/** A value written as a JSON object: its fields, in the order they are written. */
interface JsonShaped {
    Map<String, Object> fields();
}
