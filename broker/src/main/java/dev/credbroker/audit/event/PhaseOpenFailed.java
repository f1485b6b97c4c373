package dev.credbroker.audit.event;

import java.util.List;
import java.util.Map;

/**
 * Nothing was handed out: Vault refused or failed half-way. {@code revoked} says whether Vault confirmed revoking
 * everything obtained so far; if not, the reaper goes on with it.
 */
public record PhaseOpenFailed(String phaseId, Actor actor, Failure error, List<String> leaseIds, boolean revoked)
        implements AuditEvent {
    public PhaseOpenFailed {
        leaseIds = List.copyOf(leaseIds);
    }

    @Override
    public String kind() {
        return "phase.open-failed";
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("error", error, "lease_ids", leaseIds, "revoked", revoked);
    }
}
