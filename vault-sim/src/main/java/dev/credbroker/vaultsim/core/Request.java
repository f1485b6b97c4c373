package dev.credbroker.vaultsim.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One API call after HTTP decoding: {@code path} is relative to {@code /v1/} with no slashes at its ends.
 * {@code token} is null when the caller sent none.
 */
public record Request(String id, Operation operation, String path, String token, String namespace,
                      Map<String, Object> data, Map<String, List<String>> headers, String remoteAddress) {
    public Request {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        data = data == null ? Map.of() : data;
        headers = headers == null ? Map.of() : headers;
        id = id == null ? UUID.randomUUID().toString() : id;
    }

    public Object get(String key) {
        return data.get(key);
    }

    public String string(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    public String requiredString(String key, String messageWhenMissing) {
        String value = string(key);
        if (value == null || value.isEmpty()) {
            throw dev.credbroker.vaultsim.VaultError.badRequest(messageWhenMissing);
        }
        return value;
    }

    public Request withPath(String newPath) {
        return new Request(id, operation, newPath, token, namespace, data, headers, remoteAddress);
    }
}
