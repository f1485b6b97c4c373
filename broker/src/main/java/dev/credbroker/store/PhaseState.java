package dev.credbroker.store;

/**
 * A phase session's life: OPENING while credentials are being obtained, OPEN once handed out, CLOSING once
 * the end was asked for (or the reaper took it) until Vault confirms, REVOKED for good. Never back.
 */
public enum PhaseState {
    OPENING, OPEN, CLOSING, REVOKED
}
