package dev.credbroker.audit.event;

import dev.credbroker.error.BrokerException;

import java.util.Map;

/**
 * Why something was refused or failed: a code to match on and a message to read. Only the broker's own
 * exceptions give their message (secret-free by contract, and Vault's reason for a refusal is in it); any other
 * exception is named by its class, since a library's message may quote what it was given.
 */
public record Failure(String code, String message) implements JsonShaped {

    public static Failure of(Throwable e) {
        if (e instanceof BrokerException b) {
            return new Failure(b.code(), String.valueOf(b.getMessage()));
        }
        return new Failure("internal", e.getClass().getName());
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("code", code, "message", message);
    }
}
