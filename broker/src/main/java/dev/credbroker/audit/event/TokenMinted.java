package dev.credbroker.audit.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The broker's issuer minted a workload token for a run (the actor); the token itself is never written. */
public record TokenMinted(Actor actor, String kid, String jti, List<String> audiences, Instant expiresAt)
        implements AuditEvent {
    public TokenMinted {
        audiences = List.copyOf(audiences);
    }

    @Override
    public String kind() {
        return "issuer.token-minted";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public String phaseId() {
        return null;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("kid", kid, "jti", jti, "audiences", audiences, "expires_at", expiresAt);
    }
}
