package dev.credbroker.audit.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ordered, unmodifiable field map that allows null values and refuses a key given twice. */
final class Fields {
    private Fields() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            if (fields.containsKey(key)) {
                throw new IllegalArgumentException("audit field " + key + " given twice");
            }
            fields.put(key, keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }
}
