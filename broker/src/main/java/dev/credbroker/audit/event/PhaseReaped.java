package dev.credbroker.audit.event;

import java.util.Map;

/**
 * The broker's reaper ended a phase no runner closed: heartbeat lapsed, deadline passed, or an opening a crash
 * interrupted. Revocation starts, as after {@link PhaseClosing}.
 */
public record PhaseReaped(String phaseId, Actor actor, String reason) implements AuditEvent {
    @Override
    public String kind() {
        return "phase.reaped";
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
