package dev.credbroker.audit.event;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * One step in the life of a phase, or of the broker's issuer, as a security team reads it. The writer adds the
 * envelope (schema, event id, time, instance); each kind says who it concerns, how it ended and its own fields.
 * Kinds are records so that a field is a compile-time name, never a key a caller can overwrite.
 */
public sealed interface AuditEvent permits PhaseRefused, PhaseOpening, PhaseOpened, PhaseOpenFailed, PhaseRenewed,
        PhaseCredentialsRefreshed, PhaseClosing, PhaseReaped, PhaseRevoked, RevocationFailed, KeyRotated, TokenMinted {

    /** The version of the shape every event is written in; a reader that knows 1 can read every kind. */
    int SCHEMA = 1;

    /** {@code phase.opened}, {@code issuer.key-rotated}, …: what {@code kind} says in the JSON and the event column. */
    String kind();

    Outcome outcome();

    Actor actor();

    /** The phase session this event belongs to; none for refusals and the issuer's events. */
    @Nullable
    String phaseId();

    /** The kind's own fields, in the order they are written. */
    Map<String, Object> fields();
}
