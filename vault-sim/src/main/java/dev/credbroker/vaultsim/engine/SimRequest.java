package dev.credbroker.vaultsim.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A request as a secrets engine sees it: the path relative to its mount (e.g. {@code creds/deploy} for
 * {@code /v1/aws/creds/deploy}), Vault's logical operation, and the JSON body or query parameters merged.
 */
public record SimRequest(Operation operation, String path, Map<String, Object> data) {
    /** Vault's logical operations: GET is read, POST/PUT are create/update, DELETE is delete, LIST is list. */
    public enum Operation { READ, UPDATE, DELETE, LIST }

    public SimRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The path's segments, a leading slash ignored; an empty trailing segment marks a LIST-style path. */
    public String[] segments() {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }

    public String string(String key) {
        Object value = data.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
