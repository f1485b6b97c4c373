package dev.credbroker.audit.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads Vault's file audit device format (one JSON object per line, {@code type} request or response). */
public final class VaultAuditLog {
    private VaultAuditLog() {
    }

    /** Lines that are not JSON objects with a time and a request are skipped, as a log shipper would. */
    public static List<VaultAuditEntry> parse(List<String> lines, Function<String, Map<String, Object>> json) {
        List<VaultAuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                Map<String, Object> entry = json.apply(text);
                Map<String, Object> request = map(entry.get("request"));
                Map<String, Object> auth = map(entry.get("auth"));
                Map<String, Object> headers = map(request.get("headers"));
                Map<String, Object> responseAuth = map(map(entry.get("response")).get("auth"));
                Object accessor = request.getOrDefault("client_token_accessor", auth.get("accessor"));
                entries.add(new VaultAuditEntry(Instant.parse(String.valueOf(entry.get("time"))),
                        String.valueOf(entry.get("type")), String.valueOf(request.get("operation")),
                        String.valueOf(request.get("path")), blankToNull(accessor),
                        strings(headers.get("x-credbroker-run-id")), blankToNull(responseAuth.get("accessor")),
                        i + 1));
            } catch (RuntimeException e) {
                // not an audit entry (or a truncated last line being written): skip it
            }
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static String blankToNull(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? null : String.valueOf(value);
    }
}
