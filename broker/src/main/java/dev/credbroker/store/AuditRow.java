package dev.credbroker.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One audit event; {@code detail} is a JSON object of non-secret fields. */
@MappedEntity("audit_event")
public record AuditRow(@Id @GeneratedValue @Nullable Long id, @Nullable String sessionId, @Nullable String runId,
                       Instant at, String event, String detail) {
}
