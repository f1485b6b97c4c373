package dev.credbroker.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One phase, in the table {@code phase_session} (columns keep the name "session"). Holds no secret. */
@MappedEntity("phase_session")
public record PhaseRow(@Id String id, String jti, String runId, String phase, String issuer, String subject,
                       PhaseState state, Instant createdAt, Instant heartbeatAt, Instant deadlineAt,
                       @Nullable Instant closedAt, @Nullable String closeReason, int revokeAttempts,
                       @Nullable Instant nextAttemptAt, @Nullable String lastError, @Nullable String claimOwner,
                       @Nullable Instant claimUntil) {

    /** The end was asked for; the reason stays the first one given, whoever asks again. */
    public PhaseRow closing(String reason, Instant at) {
        return new PhaseRow(id, jti, runId, phase, issuer, subject, PhaseState.CLOSING, createdAt, heartbeatAt,
                deadlineAt, at, closeReason == null ? reason : closeReason, revokeAttempts, nextAttemptAt, lastError,
                claimOwner, claimUntil);
    }
}
