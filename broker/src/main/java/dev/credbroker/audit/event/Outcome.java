package dev.credbroker.audit.event;

/** How the step ended, as one word a SIEM rule can match on. */
public enum Outcome {
    /** Done as asked. */
    SUCCESS,
    /** The broker refused on purpose: a bad, replayed or unallowed request. */
    DENIED,
    /** Something failed (Vault, the database); the broker cleans up or retries. */
    FAILURE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
