package dev.credbroker.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LeaseRepository extends CrudRepository<LeaseRow, Long> {
    List<LeaseRow> findBySessionIdOrderById(String sessionId);

    /** One column, and only once: a renewal racing a close can't bring a revoked lease back. */
    @Query("UPDATE lease SET revoked_at = :at, revoke_reason = :reason WHERE id = :id AND revoked_at IS NULL")
    int markRevoked(Long id, Instant at, String reason);

    @Query("UPDATE lease SET expires_at = :expiresAt WHERE id = :id AND revoked_at IS NULL")
    int markRenewed(Long id, Instant expiresAt);
}
