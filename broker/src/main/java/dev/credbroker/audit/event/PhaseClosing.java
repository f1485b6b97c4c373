package dev.credbroker.audit.event;

import java.util.Map;

/** The runner asked to end the phase; revocation starts. */
public record PhaseClosing(String phaseId, Actor actor, String reason) implements AuditEvent {
    @Override
    public String kind() {
        return "phase.closing";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("reason", reason);
    }
}
