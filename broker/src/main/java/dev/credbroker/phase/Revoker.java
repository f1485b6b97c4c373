package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.SessionRow;
import dev.credbroker.store.SessionState;
import dev.credbroker.store.SessionStore;
import dev.credbroker.vault.VaultGateway;
import dev.credbroker.vault.VaultLogin;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends a session, whoever asks (runner, reaper, another instance): claim the row, revoke each lease still
 * open and then each token by accessor with the broker's own Vault identity, mark it REVOKED. A claim held by
 * someone else means they are revoking; the caller waits for their outcome instead of racing (invariant 6).
 * Anything Vault does not confirm is retried later with backoff (invariant 2).
 */
@Singleton
public class Revoker {
    private static final Logger LOG = LoggerFactory.getLogger(Revoker.class);
    private static final java.time.Duration MAX_WAIT = java.time.Duration.ofSeconds(10);

    private final SessionStore store;
    private final VaultGateway vault;
    private final LiveLogins live;
    private final AuditLog audit;
    private final PhaseSettings settings;
    private final Clock clock;
    private final PhaseMetrics metrics;

    public Revoker(SessionStore store, VaultGateway vault, LiveLogins live, AuditLog audit, PhaseSettings settings,
                   Clock clock, PhaseMetrics metrics) {
        this.store = store;
        this.vault = vault;
        this.live = live;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * For the runner's close: if someone else is revoking, wait for their outcome.
     *
     * @return true once the session is REVOKED, by this call or another
     */
    public boolean revoke(String sessionId, String reason) {
        return revoke(sessionId, reason, true);
    }

    /** For the reaper: a session someone else is revoking is theirs; move on to the next one. */
    public boolean reap(String sessionId, String reason) {
        return revoke(sessionId, reason, false);
    }

    private boolean revoke(String sessionId, String reason, boolean waitForOthers) {
        Instant now = clock.instant();
        String owner = settings.getInstanceId();
        if (!store.claim(sessionId, owner, now.plus(settings.getClaimDuration()), now)) {
            return waitForOthers && awaitOther(sessionId);
        }
        try {
            SessionRow session = store.find(sessionId).orElseThrow(() -> new PhaseNotFoundException(sessionId));
            if (session.state() == SessionState.REVOKED) {
                return true;
            }
            if (session.state() != SessionState.CLOSING) {
                session = session.closing(reason, now);
                store.update(session);
                audit.record("phase.closing", sessionId, session.runId(), Map.of("reason", reason));
            }
            return revokeClaimed(session, owner);
        } finally {
            store.release(sessionId, owner);
        }
    }

    private boolean revokeClaimed(SessionRow session, String owner) {
        List<LoginRow> logins = store.logins(session.id());
        try {
            List<LeaseRow> leases = store.leases(session.id());
            for (LeaseRow lease : leases) {
                if (lease.revokedAt() == null) {
                    extendClaim(session.id(), owner);
                    LoginRow login = logins.stream().filter(l -> l.id().equals(lease.loginId())).findFirst().orElseThrow();
                    revokeLease(session.id(), login, lease);
                    store.leaseRevoked(lease.id(), clock.instant());
                }
            }
            for (LoginRow login : logins) {
                if (login.revokedAt() == null) {
                    extendClaim(session.id(), owner);
                    revokeToken(session.id(), login);
                    store.loginRevoked(login.id(), clock.instant());
                }
            }
            store.update(session.revoked());
            live.remove(session.id());
            metrics.revoked(String.valueOf(session.closeReason()));
            audit.record("phase.revoked", session.id(), session.runId(), Map.of(
                    "reason", String.valueOf(session.closeReason()),
                    "accessors", logins.stream().map(LoginRow::accessor).toList(),
                    "lease_ids", leases.stream().map(LeaseRow::leaseId).toList()));
            return true;
        } catch (RuntimeException e) {
            metrics.revocationFailed();
            Instant next = clock.instant().plus(settings.backoff(session.revokeAttempts()));
            LOG.warn("revoking phase {} failed (attempt {}), retrying after {}: {}", session.id(),
                    session.revokeAttempts() + 1, next, e.getMessage());
            audit.record("phase.revoke-failed", session.id(), session.runId(), Map.of(
                    "attempt", session.revokeAttempts() + 1, "error", String.valueOf(e.getMessage()),
                    "next_attempt_at", next.toString()));
            try {
                store.update(session.retryAt(next, truncate(e.getMessage())));
            } catch (RuntimeException storeDown) {
                LOG.warn("could not record the failed revocation of phase {}; the reaper will find it again", session.id());
            }
            return false;
        }
    }

    /** A slow Vault must not let the claim lapse mid-revocation and a second revoker start. */
    private void extendClaim(String sessionId, String owner) {
        Instant now = clock.instant();
        store.claim(sessionId, owner, now.plus(settings.getClaimDuration()), now);
    }

    /**
     * The reaper's identity revokes the lease. Without one configured, the phase's own token (when this
     * instance still holds it) revokes itself, which takes its leases along.
     */
    private void revokeLease(String sessionId, LoginRow login, LeaseRow lease) {
        try {
            vault.brokerRevoker().revokeLease(URI.create(login.address()), Optional.ofNullable(login.namespace()),
                    lease.leaseId());
        } catch (RuntimeException e) {
            Optional<VaultLogin> own = live.byRow(sessionId, login.id());
            if (own.isEmpty()) {
                throw e;
            }
            vault.revokeSelf(own.get());
        }
    }

    private void revokeToken(String sessionId, LoginRow login) {
        revokeToken(URI.create(login.address()), Optional.ofNullable(login.namespace()), login.accessor(),
                live.byRow(sessionId, login.id()));
    }

    /**
     * By accessor with the broker's reaper identity; failing that, with the token's own revoke-self when this
     * instance holds it. Revoke-self is only the fallback: it answers 403 both for a token already gone and
     * for one whose policies lack revoke-self.
     */
    public void revokeToken(URI address, Optional<String> namespace, String accessor, Optional<VaultLogin> own) {
        try {
            vault.brokerRevoker().revokeAccessor(address, namespace, accessor);
        } catch (RuntimeException e) {
            if (own.isEmpty()) {
                throw e;
            }
            vault.revokeSelf(own.get());
        }
    }

    private boolean awaitOther(String sessionId) {
        // Real time, not the broker's clock: this waits for another thread or process to finish, and not for
        // longer than a runner's request should hang; if they don't finish, the runner hears 503 and retries.
        long until = System.nanoTime() + Math.min(settings.getClaimDuration().toNanos(), MAX_WAIT.toNanos());
        while (System.nanoTime() < until) {
            Optional<SessionRow> session = store.find(sessionId);
            if (session.isEmpty() || session.get().state() == SessionState.REVOKED) {
                return session.isPresent();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String truncate(String message) {
        return message == null ? null : message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
