package dev.credbroker.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the phase lifecycle persists. Every write is its own committed transaction, because the invariant
 * "track before handing out" needs each accessor and lease durable before the next step. Failures surface as
 * {@link StoreUnavailableException}.
 */
public interface SessionStore {
    /** The most sessions {@link #due} returns at once. */
    int DUE_BATCH = 100;

    /** Whether this issuer's token with this jti already opened a phase. */
    boolean jtiUsed(String issuer, String jti);

    /** @throws DuplicateJtiException when another session holds the same issuer and jti */
    void insert(SessionRow session);

    void update(SessionRow session);

    Optional<SessionRow> find(String id);

    /**
     * OPENING → OPEN on the row itself, never from a copy read earlier, so a slow opening can't undo the
     * revocation the reaper committed meanwhile.
     *
     * @return false when the session is no longer OPENING
     */
    boolean markOpened(String id);

    /**
     * Records a heartbeat on the row itself, never from a copy read earlier, so it can't undo a close another
     * thread or instance committed meanwhile.
     *
     * @return false when the session is no longer OPEN
     */
    boolean heartbeat(String id, Instant at);

    LoginRow addLogin(LoginRow login);

    void loginRevoked(Long loginId, Instant at);

    List<LoginRow> logins(String sessionId);

    LeaseRow addLease(LeaseRow lease);

    void leaseRevoked(Long leaseRowId, Instant at);

    void leaseRenewed(Long leaseRowId, Instant expiresAt);

    List<LeaseRow> leases(String sessionId);

    boolean claim(String sessionId, String owner, Instant until, Instant now);

    void release(String sessionId, String owner);

    /** At most {@link #DUE_BATCH} sessions the reaper should revoke now, oldest first. */
    List<SessionRow> due(Instant staleBefore, Instant now, Instant abandonedBefore);

    long count(SessionState state);

    void audit(AuditRow event);

    List<AuditRow> auditTrail(String sessionId);
}
