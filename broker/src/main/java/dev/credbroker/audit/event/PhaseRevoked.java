package dev.credbroker.audit.event;

import java.util.List;
import java.util.Map;

/** Vault confirmed revoking every lease and token of the phase: its end, written once per phase. */
public record PhaseRevoked(String phaseId, Actor actor, String reason, List<String> accessors,
                           List<String> leaseIds) implements AuditEvent {
    public PhaseRevoked {
        accessors = List.copyOf(accessors);
        leaseIds = List.copyOf(leaseIds);
    }

    @Override
    public String kind() {
        return "phase.revoked";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("reason", reason, "accessors", accessors, "lease_ids", leaseIds);
    }
}
