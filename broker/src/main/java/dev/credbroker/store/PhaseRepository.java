package dev.credbroker.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/** Generated for POSTGRES; H2 runs in PostgreSQL mode, so one dialect serves both. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PhaseRepository extends CrudRepository<PhaseRow, String> {

    /**
     * Takes a session for one revocation for a while. The row is the lock: no two revocations, in one broker or
     * in several sharing a database, work on the same session at once, and a crashed claimant's claim runs out.
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

    /** The end was asked for; the reason stays the first one given, whoever asks again. */
    @Query("UPDATE phase_session SET state = 'CLOSING', closed_at = :at, close_reason = :reason "
            + "WHERE id = :id AND state IN ('OPENING', 'OPEN')")
    int markClosing(String id, String reason, Instant at);

    /** Only the claim's holder ends the session, once: a second revoker finds nothing to do. */
    @Query("UPDATE phase_session SET state = 'REVOKED', next_attempt_at = NULL, claim_owner = NULL, claim_until = NULL "
            + "WHERE id = :id AND state = 'CLOSING' AND claim_owner = :owner")
    int markRevoked(String id, String owner);

    /** A failed open whose every token and lease Vault confirmed revoked ends here, unless the reaper took it. */
    @Query("UPDATE phase_session SET state = 'REVOKED', closed_at = :at, close_reason = :reason "
            + "WHERE id = :id AND state = 'OPENING'")
    int openFailedRevoked(String id, String reason, Instant at);

    @Query("UPDATE phase_session SET revoke_attempts = revoke_attempts + 1, next_attempt_at = :next, "
            + "last_error = :error, claim_owner = NULL, claim_until = NULL WHERE id = :id AND claim_owner = :owner")
    int retryLater(String id, String owner, Instant next, String error);

    @Query("UPDATE phase_session SET claim_owner = NULL, claim_until = NULL WHERE id = :id AND claim_owner = :owner")
    int release(String id, String owner);

    /** A session someone is revoking (an unexpired claim) is theirs, not due. An OPENING one is due as lapsed. */
    @Query("SELECT * FROM phase_session WHERE (claim_until IS NULL OR claim_until < :now) AND ("
            + "(state IN ('OPENING', 'OPEN') AND (heartbeat_at < :staleBefore OR deadline_at < :now)) "
            + "OR (state = 'CLOSING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now))) "
            + "ORDER BY created_at LIMIT " + PhaseStore.DUE_BATCH)
    List<PhaseRow> findDue(Instant staleBefore, Instant now);

    long countByState(PhaseState state);
}
