package dev.credbroker.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One audit event. {@code detail} is the event as a JSON object of non-secret fields, exactly as hashed; the
 * other columns repeat some of its fields so events can be found by run, phase, workspace or time. Rows from
 * before the V6 migration have no event id, instance or chain fields.
 */
@MappedEntity("audit_event")
public record AuditRow(@Id @GeneratedValue @Nullable Long id, @Nullable String sessionId, @Nullable String runId,
                       Instant at, String event, String detail, @Nullable String eventId,
                       @Nullable String workspace, @Nullable String instanceId, @Nullable Long chainSeq,
                       @Nullable String prevHash, @Nullable String hash) {
}
