package dev.credbroker.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditChainRepository extends CrudRepository<AuditChainRow, String> {

    /** The head, locked until the transaction ends: the next writer of this chain waits for our commit. */
    @Query("SELECT * FROM audit_chain WHERE instance_id = :instanceId FOR UPDATE")
    Optional<AuditChainRow> lockHead(String instanceId);

    @Query("UPDATE audit_chain SET seq = :seq, hash = :hash WHERE instance_id = :instanceId")
    int moveHead(String instanceId, long seq, String hash);
}
