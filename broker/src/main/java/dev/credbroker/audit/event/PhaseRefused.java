package dev.credbroker.audit.event;

import java.util.Map;

/** A workload token was turned away before any phase existed: replayed, or naming a Vault it may not use. */
public record PhaseRefused(Actor actor, String jti, Failure reason) implements AuditEvent {
    @Override
    public String kind() {
        return "phase.refused";
    }

    @Override
    public Outcome outcome() {
        return Outcome.DENIED;
    }

    @Override
    public String phaseId() {
        return null;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("jti", jti, "reason", reason);
    }
}
