package dev.credbroker.audit.event;

import java.util.List;
import java.util.Map;

/**
 * The runner asked for fresh credentials of one configuration before the old ones expired (STS credentials can't
 * be renewed): the new credential with its lease, and the leases it supersedes, which the broker revokes next.
 */
public record PhaseCredentialsRefreshed(String phaseId, Actor actor, IssuedCredentialRecord credential,
                                        List<String> supersededLeaseIds) implements AuditEvent {
    public PhaseCredentialsRefreshed {
        supersededLeaseIds = List.copyOf(supersededLeaseIds);
    }

    @Override
    public String kind() {
        return "phase.credentials-refreshed";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("credential", credential, "superseded_lease_ids", supersededLeaseIds);
    }
}
