package dev.credbroker.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the phase lifecycle persists. Each call outside {@link #inTransaction} commits on its own; the phase
 * lifecycle groups its writes so that a phase costs few commits while "track before handing out" still holds
 * (each accessor durable before anything is read with its token). Failures surface as
 * {@link StoreUnavailableException}; state changes are conditional updates on the row, never whole-row writes
 * of a copy read earlier.
 */
public interface PhaseStore {
    /** The most sessions {@link #due} returns at once. */
    int DUE_BATCH = 100;

    /** Runs {@code work} in one transaction: every store call in it commits together, or none does. */
    <T> T inTransaction(Supplier<T> work);

    /** @throws DuplicateJtiException when another session holds the same issuer and jti */
    void insert(PhaseRow session);

    Optional<PhaseRow> find(String id);

    /** @return false when the session is no longer OPENING (the reaper took a slow opening for a crashed one) */
    boolean markOpened(String id);

    /** @return false when the session is no longer OPEN */
    boolean heartbeat(String id, Instant at);

    /** OPENING or OPEN → CLOSING. @return false when the session was closing or revoked already */
    boolean markClosing(String id, String reason, Instant at);

    /** CLOSING → REVOKED, by the holder of the claim only. @return false when someone else ended it */
    boolean markRevoked(String id, String claim);

    /** OPENING → REVOKED after a failed open whose every token and lease Vault confirmed revoked. */
    boolean openFailedRevoked(String id, String reason, Instant at);

    /** Records a failed revocation attempt and lets go of the claim. */
    void retryLater(String id, String claim, Instant next, String error);

    LoginRow addLogin(LoginRow login);

    void loginRevoked(Long loginId, Instant at);

    List<LoginRow> logins(String sessionId);

    List<LeaseRow> addLeases(List<LeaseRow> leases);

    void leaseRevoked(Long leaseRowId, Instant at, String reason);

    void leaseRenewed(Long leaseRowId, Instant expiresAt);

    List<LeaseRow> leases(String sessionId);

    /** Takes the session for one revocation (a claim id unique to it) until {@code until}. */
    boolean claim(String sessionId, String claim, Instant until, Instant now);

    void release(String sessionId, String claim);

    /** At most {@link #DUE_BATCH} unclaimed sessions the reaper should revoke now, oldest first. */
    List<PhaseRow> due(Instant staleBefore, Instant now);

    long count(PhaseState state);

    List<AuditRow> auditTrail(String sessionId);
}
