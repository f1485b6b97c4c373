package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.Actor;
import dev.credbroker.audit.event.PhaseRenewed;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.vault.VaultGateway;
import dev.credbroker.vault.VaultLogin;
import dev.credbroker.workload.WorkloadToken;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An open phase as its runner sees it after {@link PhaseOpener}: heartbeat (with renewal), close and status,
 * each only for the caller whose token opened the phase.
 */
@Singleton
public class PhaseKeeper {
    private final VaultGateway vault;
    private final PhaseStore store;
    private final LiveLogins live;
    private final Revoker revoker;
    private final AuditLog audit;
    private final PhaseSettings settings;
    private final Clock clock;
    private final Liveness liveness;

    public PhaseKeeper(VaultGateway vault, PhaseStore store, LiveLogins live, Revoker revoker, AuditLog audit,
                       PhaseSettings settings, Clock clock, Liveness liveness) {
        this.vault = vault;
        this.store = store;
        this.live = live;
        this.revoker = revoker;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.liveness = liveness;
    }

    public HeartbeatResult heartbeat(String phaseId, WorkloadToken caller) {
        PhaseRow session = owned(phaseId, caller);
        Instant now = clock.instant();
        if (session.state() != PhaseState.OPEN || !store.heartbeat(phaseId, now)) {
            // Closed, maybe since we read it and by another instance: its tokens here are dead weight now.
            live.remove(phaseId);
            throw new PhaseClosedException(phaseId, store.find(phaseId).map(PhaseRow::state)
                    .orElse(PhaseState.REVOKED));
        }
        Optional<List<LiveLogins.Live>> held = live.get(phaseId);
        int renewed = held.map(logins -> renew(session, logins, now)).orElse(0);
        return new HeartbeatResult(phaseId, liveness.heartbeatBy(now), session.deadlineAt(), renewed,
                held.isPresent());
    }

    private int renew(PhaseRow session, List<LiveLogins.Live> logins, Instant now) {
        Instant soon = now.plus(settings.renewWithin());
        int renewed = 0;
        for (LiveLogins.Live login : logins) {
            if (login.login().renewable() && login.login().expiresAt().isBefore(soon)) {
                vault.renewSelf(login.login(), settings.renewIncrement());
                renewed++;
            }
        }
        for (LeaseRow lease : store.leases(session.id())) {
            if (lease.revokedAt() == null && lease.renewable() && lease.expiresAt().isBefore(soon)) {
                VaultLogin login = live.byRow(session.id(), lease.loginId()).orElseThrow();
                Instant until = vault.renewLease(login, lease.leaseId(), settings.renewIncrement());
                store.leaseRenewed(lease.id(), until);
                renewed++;
            }
        }
        if (renewed > 0) {
            audit.record(new PhaseRenewed(session.id(), Actor.of(session), renewed));
        }
        return renewed;
    }

    /** Idempotent: closing a closed phase succeeds; answers only once Vault confirmed the revocation. */
    public void close(String phaseId, WorkloadToken caller) {
        if (!revoker.revoke(phaseId, "closed-by-runner", s -> ownedBy(s, caller))) {
            throw new RevocationPendingException(phaseId);
        }
    }

    public PhaseView view(String phaseId, WorkloadToken caller) {
        PhaseRow session = owned(phaseId, caller);
        return PhaseView.of(session, store.logins(phaseId), store.leases(phaseId));
    }

    private PhaseRow owned(String phaseId, WorkloadToken caller) {
        return store.find(phaseId).filter(s -> ownedBy(s, caller)).orElseThrow(() -> new PhaseNotFoundException(phaseId));
    }

    /** A jti is unique per issuer only (RFC 7519 §4.1.7): the issuer is part of what the phase is bound to. */
    static boolean ownedBy(PhaseRow session, WorkloadToken caller) {
        return session.jti().equals(caller.identity().jti()) && session.issuer().equals(caller.identity().issuer());
    }
}
