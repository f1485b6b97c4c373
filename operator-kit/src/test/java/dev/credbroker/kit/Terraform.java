package dev.credbroker.kit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The blocks of every .tf file in terraform/, merged the way Terraform merges a module's files. */
final class Terraform {
    static final Map<String, Map<String, Map<String, Object>>> RESOURCES = new LinkedHashMap<>();
    static final Map<String, Map<String, Object>> VARIABLES = new LinkedHashMap<>();
    static final Map<String, Map<String, Object>> OUTPUTS = new LinkedHashMap<>();

    static {
        KitFiles.terraformFiles().forEach(file -> {
            Map<String, Object> parsed = KitFiles.parse(file);
            map(parsed.get("resource")).forEach((type, byName) -> map(byName).forEach((name, body) ->
                    RESOURCES.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, map(body))));
            map(parsed.get("variable")).forEach((name, body) -> VARIABLES.put(name, map(body)));
            map(parsed.get("output")).forEach((name, body) -> OUTPUTS.put(name, map(body)));
        });
    }

    private Terraform() {
    }

    static Map<String, Map<String, Object>> resources(String type) {
        return RESOURCES.getOrDefault(type, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) plain(value);
    }

    /** hcl4j leaves references as its own symbol objects; their source text is what the tests compare. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Terraform::plain).toList();
        }
        boolean literal = value == null || value instanceof String || value instanceof Number
                || value instanceof Boolean;
        return literal ? value : String.valueOf(value);
    }
}
