package dev.credbroker.error;

import java.util.Map;

/**
 * Root of the broker's own failures. Its message is shown to callers when its kind allows, so it must
 * never carry a secret: name variables, ids and paths, never values of tokens or credentials.
 */
public abstract class BrokerException extends RuntimeException {
    private final ErrorKind kind;

    protected BrokerException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected BrokerException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** A short machine-readable code, the last segment of the problem {@code type}. */
    public abstract String code();

    /** Extra problem members (RFC 7807 §3.2), e.g. the offending variable's name. Never secrets. */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
