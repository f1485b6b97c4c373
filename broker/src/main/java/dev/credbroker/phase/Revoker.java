package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.Actor;
import dev.credbroker.audit.event.Failure;
import dev.credbroker.audit.event.PhaseClosing;
import dev.credbroker.audit.event.PhaseReaped;
import dev.credbroker.audit.event.PhaseRevoked;
import dev.credbroker.audit.event.RevocationFailed;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.vault.VaultGateway;
import dev.credbroker.vault.VaultLogin;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Ends a session, whoever asks (runner, reaper, another instance). One revocation is one claim (a claim id of
 * its own, not the instance's) and two transactions: the first claims the row, marks it CLOSING and reads its
 * tokens and leases; then Vault revokes every lease still open, in parallel and synchronously, and after them
 * each token by accessor with the broker's own identity; the second records what Vault confirmed and, if that
 * is everything, marks the session REVOKED — only while the claim is still this revocation's, so a session
 * ends once, with one audit event and one count (invariant 6, docs/INVARIANTS.md). A lease is marked revoked
 * only on Vault's own answer to revoking that lease, never because its token was revoked: Vault revokes a dead
 * token's leases later, in the background, and may give up on them. What Vault does not confirm is retried with
 * backoff.
 */
@Singleton
public class Revoker {
    private static final Logger LOG = LoggerFactory.getLogger(Revoker.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final PhaseStore store;
    private final VaultGateway vault;
    private final LiveLogins live;
    private final AuditLog audit;
    private final PhaseSettings settings;
    private final Clock clock;
    private final PhaseMetrics metrics;
    private final ExecutorService io;

    public Revoker(PhaseStore store, VaultGateway vault, LiveLogins live, AuditLog audit, PhaseSettings settings,
                   Clock clock, PhaseMetrics metrics, @Named(TaskExecutors.IO) ExecutorService io) {
        this.store = store;
        this.vault = vault;
        this.live = live;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.io = io;
    }

    /**
     * For the runner's close: if someone else is revoking, wait for their outcome.
     *
     * @param visible whether the caller may see the session; if not, {@link PhaseNotFoundException}
     * @return true once the session is REVOKED, by this call or another
     */
    public boolean revoke(String sessionId, String reason, Predicate<PhaseRow> visible) {
        return revoke(sessionId, reason, visible, true);
    }

    /** For the reaper: a session someone else is revoking is theirs; move on to the next one. */
    public boolean reap(String sessionId, String reason) {
        return revoke(sessionId, reason, s -> true, false);
    }

    private boolean revoke(String sessionId, String reason, Predicate<PhaseRow> visible, boolean waitForOthers) {
        String claim = settings.instanceId() + "/" + UUID.randomUUID();
        Instant now = clock.instant();
        Claimed claimed = store.inTransaction(() -> {
            PhaseRow session = store.find(sessionId).filter(visible)
                    .orElseThrow(() -> new PhaseNotFoundException(sessionId));
            if (session.state() == PhaseState.REVOKED) {
                return Claimed.ENDED;
            }
            if (!store.claim(sessionId, claim, now.plus(settings.claimDuration()), now)) {
                return Claimed.TAKEN;
            }
            if (store.markClosing(sessionId, reason, now)) {
                session = session.closing(reason, now);
                // The runner's close waits for others; the reaper's doesn't: that says who ended the phase.
                audit.record(waitForOthers ? new PhaseClosing(sessionId, Actor.of(session), reason)
                        : new PhaseReaped(sessionId, Actor.of(session), reason));
            }
            return new Claimed(session, store.logins(sessionId), store.leases(sessionId));
        });
        if (claimed == Claimed.ENDED) {
            return true;
        }
        if (claimed == Claimed.TAKEN) {
            return waitForOthers && awaitOther(sessionId);
        }
        return finish(claimed, claim);
    }

    private boolean finish(Claimed claimed, String claim) {
        PhaseRow session = claimed.session();
        String reason = String.valueOf(session.closeReason());
        Attempt attempt = revokeInVault(session.id(), session.runId(), claimed.logins(), claimed.leases());
        Instant at = clock.instant();
        Optional<Instant> retryAt = attempt.failure().map(e -> at.plus(settings.backoff(session.revokeAttempts())));
        boolean ended;
        try {
            ended = store.inTransaction(() -> {
                attempt.leases().forEach(l -> store.leaseRevoked(l.id(), at, reason));
                attempt.logins().forEach(l -> store.loginRevoked(l.id(), at));
                if (retryAt.isPresent()) {
                    String error = String.valueOf(attempt.failure().get().getMessage());
                    store.retryLater(session.id(), claim, retryAt.get(), truncate(error));
                    audit.record(new RevocationFailed(session.id(), Actor.of(session), session.revokeAttempts() + 1,
                            Failure.of(attempt.failure().get()), retryAt.get()));
                    return false;
                }
                boolean mine = store.markRevoked(session.id(), claim);
                if (mine) {
                    audit.record(new PhaseRevoked(session.id(), Actor.of(session), reason,
                            claimed.logins().stream().map(LoginRow::accessor).toList(),
                            claimed.leases().stream().map(LeaseRow::leaseId).toList()));
                }
                return mine;
            });
        } catch (RuntimeException storeDown) {
            // Vault revoked what it confirmed; the claim runs out and the next attempt finds it already gone.
            LOG.warn("could not record the revocation of phase {}; the reaper will revoke it again", session.id());
            return false;
        }
        if (retryAt.isPresent()) {
            metrics.revocationFailed();
            LOG.warn("revoking phase {} failed (attempt {}), retrying after {}: {}", session.id(),
                    session.revokeAttempts() + 1, retryAt.get(), attempt.failure().get().getMessage());
            return false;
        }
        live.remove(session.id());
        if (ended) {
            metrics.revoked(reason);
            return true;
        }
        // Our claim ran out while Vault was slow and another revocation ended the session meanwhile.
        return store.find(session.id()).map(s -> s.state() == PhaseState.REVOKED).orElse(false);
    }

    /**
     * Every lease not yet revoked, in parallel, each confirmed by Vault; then every token not yet revoked. A
     * token is revoked even when a lease was not: it must not outlive the phase, and its leases stay on record
     * for the next attempt.
     */
    Attempt revokeInVault(String sessionId, String runId, List<LoginRow> logins, List<LeaseRow> leases) {
        List<LeaseRow> open = leases.stream().filter(l -> l.revokedAt() == null).toList();
        List<CompletableFuture<LeaseRow>> pending = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            LeaseRow lease = open.get(i);
            LoginRow login = loginOf(logins, lease);
            // The last one runs here: a single lease costs no hand-off to another thread.
            pending.add(i == open.size() - 1 ? attemptNow(() -> revokeLease(runId, login, lease))
                    : CompletableFuture.supplyAsync(() -> revokeLease(runId, login, lease), io));
        }
        List<LeaseRow> revokedLeases = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<LeaseRow> lease : pending) {
            try {
                revokedLeases.add(lease.join());
            } catch (RuntimeException e) {
                failure = failure == null ? unwrap(e) : failure;
            }
        }
        List<LoginRow> revokedLogins = new ArrayList<>();
        for (LoginRow login : logins) {
            if (login.revokedAt() == null) {
                try {
                    revokeToken(runId, URI.create(login.address()), Optional.ofNullable(login.namespace()),
                            login.accessor(), live.byRow(sessionId, login.id()));
                    revokedLogins.add(login);
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        return new Attempt(revokedLeases, revokedLogins, Optional.ofNullable(failure));
    }

    private LeaseRow revokeLease(String runId, LoginRow login, LeaseRow lease) {
        vault.brokerRevoker(runId).revokeLease(URI.create(login.address()), Optional.ofNullable(login.namespace()),
                lease.leaseId());
        return lease;
    }

    private static LoginRow loginOf(List<LoginRow> logins, LeaseRow lease) {
        return logins.stream().filter(l -> l.id().equals(lease.loginId())).findFirst().orElseThrow(() ->
                new IllegalStateException("lease " + lease.leaseId() + " names no Vault token of its session"));
    }

    private static <T> CompletableFuture<T> attemptNow(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static RuntimeException unwrap(RuntimeException e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException r
                ? r : e;
    }

    /**
     * By accessor with the broker's revocation identity; failing that, with the token's own revoke-self when this
     * instance holds it. Revoke-self is only the fallback: it answers 403 both for a token already gone and
     * for one whose policies lack revoke-self.
     */
    public void revokeToken(String runId, URI address, Optional<String> namespace, String accessor,
                            Optional<VaultLogin> own) {
        try {
            vault.brokerRevoker(runId).revokeAccessor(address, namespace, accessor);
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
        long until = System.nanoTime() + Math.min(settings.claimDuration().toNanos(), MAX_WAIT.toNanos());
        while (System.nanoTime() < until) {
            Optional<PhaseRow> session = store.find(sessionId);
            if (session.isEmpty() || session.get().state() == PhaseState.REVOKED) {
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

    /** What the first transaction of a revocation found: the session, its tokens and leases, or why not. */
    private record Claimed(PhaseRow session, List<LoginRow> logins, List<LeaseRow> leases) {
        static final Claimed ENDED = new Claimed(null, List.of(), List.of());
        static final Claimed TAKEN = new Claimed(null, List.of(), List.of());
    }

    /** What Vault confirmed in one attempt, and the first thing it did not. */
    record Attempt(List<LeaseRow> leases, List<LoginRow> logins, Optional<RuntimeException> failure) {
    }
}
