package dev.credbroker.audit.event;

import java.time.Instant;
import java.util.Map;

/**
 * Vault did not confirm a revocation; the reaper tries again at {@code nextAttemptAt}. The kind keeps the name it
 * had before schema 1 ({@code phase.revoke-failed}), so queries and alerts written on it still match.
 */
public record RevocationFailed(String phaseId, Actor actor, int attempt, Failure error, Instant nextAttemptAt)
        implements AuditEvent {
    @Override
    public String kind() {
        return "phase.revoke-failed";
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("attempt", attempt, "error", error, "next_attempt_at", nextAttemptAt);
    }
}
