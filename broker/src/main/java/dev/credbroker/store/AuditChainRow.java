package dev.credbroker.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The last event of one instance's audit chain: its place in the chain and its hash. */
@MappedEntity("audit_chain")
public record AuditChainRow(@Id String instanceId, long seq, String hash) {
}
