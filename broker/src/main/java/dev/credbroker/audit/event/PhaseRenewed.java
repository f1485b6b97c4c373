package dev.credbroker.audit.event;

import java.util.Map;

/** A heartbeat renewed leases or the phase's token close to expiry. */
public record PhaseRenewed(String phaseId, Actor actor, int renewed) implements AuditEvent {
    @Override
    public String kind() {
        return "phase.renewed";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("renewed", renewed);
    }
}
