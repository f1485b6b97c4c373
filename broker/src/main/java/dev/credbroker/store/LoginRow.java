package dev.credbroker.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A Vault token obtained for a session, known by its accessor only. */
@MappedEntity("vault_login")
public record LoginRow(@Id @GeneratedValue @Nullable Long id, String sessionId, String vaultTag, String address,
                       @Nullable String namespace, String accessor, Instant expiresAt, @Nullable Instant revokedAt) {
}
