package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.Actor;
import dev.credbroker.audit.event.IssuedCredentialRecord;
import dev.credbroker.audit.event.PhaseCredentialsRefreshed;
import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.CloudCredentialProviders;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.variables.CredentialPlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.vault.VaultGateway;
import dev.credbroker.vault.VaultSecret;
import dev.credbroker.workload.WorkloadToken;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fresh credentials for one configuration of an open phase, for credentials that can't be renewed (STS) and
 * runs that outlive them. The secret is read again with the phase's own Vault token, as the open read it, and
 * handed out only once the new lease, the phase's liveness and the audit event are committed together (invariant
 * 1: close and the reaper revoke the new lease like any other); a phase closing meanwhile fails that commit and
 * the new lease is revoked at once. Then the leases it supersedes are revoked with the broker's own identity;
 * one Vault does not confirm stays on record for close and the reaper.
 */
@Singleton
public class CredentialRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRefresher.class);
    static final String SUPERSEDED = "superseded";

    private final PhaseStore store;
    private final VaultGateway vault;
    private final LiveLogins live;
    private final AuditLog audit;
    private final Liveness liveness;
    private final Clock clock;
    private final PhaseMetrics metrics;
    private final CloudCredentialProviders providers;

    public CredentialRefresher(PhaseStore store, VaultGateway vault, LiveLogins live, AuditLog audit,
                               Liveness liveness, Clock clock, PhaseMetrics metrics,
                               CloudCredentialProviders providers) {
        this.store = store;
        this.vault = vault;
        this.live = live;
        this.audit = audit;
        this.liveness = liveness;
        this.clock = clock;
        this.metrics = metrics;
        this.providers = providers;
    }

    /** What a refresh hands out: the new credential and, as a heartbeat would, when the next heartbeat is due. */
    public record Refreshed(String phaseId, IssuedCredential credential, Instant nextHeartbeatBy) {
        @Override
        public String toString() {
            return "Refreshed[" + phaseId + ", " + credential + "]";
        }
    }

    /**
     * @param tag {@code ""} for the default configuration
     * @throws PhaseNotFoundException       not a phase this token opened
     * @throws PhaseClosedException         the phase is closing or closed
     * @throws RefreshUnavailableException  this instance does not hold the phase's Vault token
     * @throws CredentialNotFoundException  the phase has no such configuration
     */
    public Refreshed refresh(String phaseId, WorkloadToken caller, Provider provider, String tag) {
        PhaseRow session = store.find(phaseId).filter(s -> PhaseKeeper.ownedBy(s, caller))
                .orElseThrow(() -> new PhaseNotFoundException(phaseId));
        if (session.state() != PhaseState.OPEN) {
            throw closed(phaseId);
        }
        List<CredentialPlan> plans = live.plans(phaseId).orElseThrow(() -> new RefreshUnavailableException(phaseId));
        CredentialPlan plan = plans.stream().filter(p -> p.provider() == provider && p.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new CredentialNotFoundException(phaseId, provider.id(), tag));
        LiveLogins.Live login = live.get(phaseId).flatMap(l -> l.stream()
                        .filter(x -> x.row().vaultTag().equals(plan.vault().tag())).findFirst())
                .orElseThrow(() -> new RefreshUnavailableException(phaseId));

        CloudCredentialProvider<CredentialPlan> reader = providers.forPlan(plan);
        Instant now = clock.instant();
        VaultSecret secret = vault.read(login.login(), reader.request(plan));
        Optional<LeaseRow> fresh = secret.leased() ? Optional.of(new LeaseRow(null, phaseId, login.loginRowId(),
                plan.provider().name(), plan.tag(), secret.leaseId(), now.plus(secret.leaseDuration()),
                secret.renewable(), null, null)) : Optional.empty();
        IssuedCredential credential = reader.credential(plan, secret, now).usableAfter(plan.usableAfter(now));
        List<LeaseRow> superseded;
        try {
            superseded = store.inTransaction(() -> {
                if (!store.heartbeat(phaseId, now)) {
                    throw closed(phaseId);
                }
                List<LeaseRow> old = store.leases(phaseId).stream().filter(l -> l.revokedAt() == null
                        && l.provider().equals(plan.provider().name()) && l.tag().equals(plan.tag())).toList();
                store.addLeases(fresh.stream().toList());
                audit.record(new PhaseCredentialsRefreshed(phaseId, Actor.of(session), new IssuedCredentialRecord(
                        credential.provider().id(), credential.tag(), fresh.map(LeaseRow::leaseId).orElse(null),
                        login.login().accessor(), credential.revocable(),
                        credential.expiresAt().or(() -> fresh.map(LeaseRow::expiresAt)).orElse(null),
                        List.copyOf(credential.env().keySet())), old.stream().map(LeaseRow::leaseId).toList()));
                return old;
            });
        } catch (RuntimeException e) {
            fresh.ifPresent(l -> revokeUnrecorded(session.runId(), login.row(), l));
            throw e;
        }
        metrics.issued(credential.provider().id());
        revokeSuperseded(phaseId, session.runId(), superseded);
        return new Refreshed(phaseId, credential, liveness.heartbeatBy(now));
    }

    private PhaseClosedException closed(String phaseId) {
        return new PhaseClosedException(phaseId, store.find(phaseId).map(PhaseRow::state).orElse(PhaseState.REVOKED));
    }

    /** Nothing was handed out and nothing records the lease: it must not outlive this call. */
    private void revokeUnrecorded(String runId, LoginRow login, LeaseRow lease) {
        try {
            vault.brokerRevoker(runId).revokeLease(URI.create(login.address()),
                    Optional.ofNullable(login.namespace()), lease.leaseId());
        } catch (RuntimeException e) {
            // the phase's token is revoked at close or by the reaper, and Vault then revokes its leases
            LOG.warn("could not revoke lease {} after a failed refresh of phase {}: {}", lease.leaseId(),
                    lease.sessionId(), e.getMessage());
        }
    }

    private void revokeSuperseded(String phaseId, String runId, List<LeaseRow> superseded) {
        if (superseded.isEmpty()) {
            return;
        }
        Map<Long, LoginRow> logins = new HashMap<>();
        store.logins(phaseId).forEach(l -> logins.put(l.id(), l));
        for (LeaseRow lease : superseded) {
            LoginRow login = logins.get(lease.loginId());
            try {
                vault.brokerRevoker(runId).revokeLease(URI.create(login.address()),
                        Optional.ofNullable(login.namespace()), lease.leaseId());
                store.leaseRevoked(lease.id(), clock.instant(), SUPERSEDED);
            } catch (RuntimeException e) {
                LOG.warn("could not revoke lease {} superseded by a refresh of phase {}; close or the reaper "
                        + "revokes it: {}", lease.leaseId(), phaseId, e.getMessage());
            }
        }
    }

}
