package dev.credbroker.vault;

import java.util.Map;
import java.util.Objects;

/**
 * One read against a secrets engine, relative to {@code /v1/} and the namespace, e.g. {@code aws/creds/deploy}.
 * STS and GCP key reads take parameters, hence a body and a method.
 */
public record VaultRequest(Method method, String path, Map<String, Object> body) {
    public enum Method { GET, POST }

    public VaultRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = body == null ? Map.of() : Map.copyOf(body);
    }

    public static VaultRequest get(String path) {
        return new VaultRequest(Method.GET, path, Map.of());
    }

    public static VaultRequest post(String path, Map<String, Object> body) {
        return new VaultRequest(Method.POST, path, body);
    }
}
