package dev.credbroker.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A lease handed out in a session, by its Vault lease id; once Vault confirmed its revocation, when and why. */
@MappedEntity("lease")
public record LeaseRow(@Id @GeneratedValue @Nullable Long id, String sessionId, Long loginId, String provider,
                       String tag, String leaseId, Instant expiresAt, boolean renewable, @Nullable Instant revokedAt,
                       @Nullable String revokeReason) {

    /** This lease as Vault confirmed it revoked. */
    public LeaseRow revoked(Instant at, String reason) {
        return new LeaseRow(id, sessionId, loginId, provider, tag, leaseId, expiresAt, renewable, at, reason);
    }
}
