package dev.credbroker.audit.event;

import java.time.Instant;
import java.util.Map;

/** The session is recorded, before any Vault login: from here on the reaper knows of it. */
public record PhaseOpening(String phaseId, Actor actor, String jti, int configurations, Instant deadlineAt)
        implements AuditEvent {
    @Override
    public String kind() {
        return "phase.opening";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("jti", jti, "configurations", configurations, "deadline_at", deadlineAt);
    }
}
