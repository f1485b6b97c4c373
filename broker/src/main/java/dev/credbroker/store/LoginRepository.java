package dev.credbroker.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LoginRepository extends CrudRepository<LoginRow, Long> {
    List<LoginRow> findBySessionIdOrderById(String sessionId);

    @Query("UPDATE vault_login SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    int markRevoked(Long id, Instant at);
}
