package dev.credbroker.store;

/** Another session already holds this {@code jti}: the database's unique constraint said so. */
public class DuplicateJtiException extends RuntimeException {
    public DuplicateJtiException(String jti) {
        super("a session already exists for jti " + jti);
    }
}
