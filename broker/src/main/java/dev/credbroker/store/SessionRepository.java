package dev.credbroker.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/** Generated for POSTGRES; H2 runs in PostgreSQL mode, so one dialect serves both. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SessionRepository extends CrudRepository<SessionRow, String> {

    boolean existsByIssuerAndJti(String issuer, String jti);

    /**
     * Takes a session for one instance for a while. The row is the lock: two brokers sharing a database can
     * never revoke the same session at once, and a crashed claimant's claim simply runs out.
     */
    @Query("UPDATE phase_session SET claim_owner = :owner, claim_until = :until "
            + "WHERE id = :id AND state <> 'REVOKED' AND (claim_until IS NULL OR claim_until < :now OR claim_owner = :owner)")
    int claim(String id, String owner, Instant until, Instant now);

    /** Only a session still OPENING becomes OPEN; one the reaper took meanwhile stays as it is. */
    @Query("UPDATE phase_session SET state = 'OPEN' WHERE id = :id AND state = 'OPENING'")
    int markOpened(String id);

    /** Only an OPEN session takes a heartbeat; one closing or revoked meanwhile is left as it is. */
    @Query("UPDATE phase_session SET heartbeat_at = :at WHERE id = :id AND state = 'OPEN'")
    int heartbeat(String id, Instant at);

    @Query("UPDATE phase_session SET claim_owner = NULL, claim_until = NULL WHERE id = :id AND claim_owner = :owner")
    int release(String id, String owner);

    @Query("SELECT * FROM phase_session WHERE "
            + "(state = 'OPEN' AND (heartbeat_at < :staleBefore OR deadline_at < :now)) "
            + "OR (state = 'CLOSING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)) "
            + "OR (state = 'OPENING' AND created_at < :abandonedBefore) "
            + "ORDER BY created_at LIMIT " + SessionStore.DUE_BATCH)
    List<SessionRow> findDue(Instant staleBefore, Instant now, Instant abandonedBefore);

    long countByState(SessionState state);
}
